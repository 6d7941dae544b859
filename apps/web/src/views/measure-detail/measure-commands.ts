import { api, apiFetch, ApiRefusal, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import type { CommandAnswer, UploadedEvidence } from './measure-detail.api';

// The measure command endpoints (apps/api/src/measures/measures.controller.ts) and their bodies as
// the OpenAPI document types them.
export type CommandPath = Extract<keyof paths, `/measures/{id}/${string}`> &
  { [P in keyof paths]: paths[P]['post'] extends undefined ? never : P }[keyof paths];
export type CommandBody<P extends CommandPath> = paths[P]['post'] extends {
  requestBody: { content: { 'application/json': infer B } };
}
  ? B
  : never;

export function postCommand<P extends CommandPath>(
  path: P,
  measureId: string,
  body: CommandBody<P>,
  idempotencyKey: string,
): Promise<CommandAnswer> {
  // The generic path leaves openapi-fetch's overloads unresolved; the body is typed by the caller.
  const post = api.POST as unknown as (path: string, init: unknown) => ReturnType<typeof api.GET>;
  return unwrap<CommandAnswer>(
    post(path, {
      params: { path: { id: measureId }, header: { 'Idempotency-Key': idempotencyKey } },
      body,
    }),
  );
}

// A key for one command as the user means it: sent again unchanged when the answer was lost, so
// the API applies the command once (Idempotency-Key). crypto.randomUUID exists only on https and
// localhost; getRandomValues also on a plain-http LAN address.
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

// What the browser says a file is, or what its name says when the browser does not know (the API
// checks the content against it either way).
const BY_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export async function uploadEvidence(measureId: string, file: File): Promise<UploadedEvidence> {
  const type = file.type || BY_EXTENSION[file.name.split('.').pop()?.toLowerCase() ?? ''] || '';
  const query = new URLSearchParams({ measure: measureId, name: file.name });
  const res = await apiFetch(`/evidence?${query}`, {
    method: 'POST',
    headers: type ? { 'Content-Type': type } : {},
    body: file,
  });
  const body = (await res.json().catch(() => ({}))) as Partial<UploadedEvidence> & {
    code?: string;
    message?: string;
  };
  if (!res.ok)
    throw new ApiRefusal(res.status, {
      code: body.code ?? `HTTP_${res.status}`,
      message: body.message ?? res.statusText,
    });
  return body as UploadedEvidence;
}

// An evidence file fetched with the caller's token, for a preview (a plain <img src> would not
// carry the token); the caller revokes the URL.
export async function evidenceBlob(fileId: string): Promise<{ url: string; type: string }> {
  const res = await apiFetch(`/evidence/${encodeURIComponent(fileId)}`);
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
    throw new ApiRefusal(res.status, {
      code: body.code ?? `HTTP_${res.status}`,
      message: body.message ?? res.statusText,
    });
  }
  const blob = await res.blob();
  return { url: URL.createObjectURL(blob), type: blob.type };
}

// An instant as a date and time on the plan's clock (or the browser's when the plan is unknown).
export function formatInstant(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);
}
