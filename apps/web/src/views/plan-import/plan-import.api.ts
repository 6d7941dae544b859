// The answers of POST /plans and GET /plans/template.xlsx the import screen reads, and the upload
// itself: the file's bytes as they are, under the content type of its format.
import type { ErrorDetail } from '../../../../../libs/domain/src/domain-error';
import type { PlanDiff } from '../../../../../libs/domain/src/plan-diff';
import type { DeadlineReadingEntry } from '../../../../../libs/domain/src/plan-deadline-readings';
import { apiFetch, ApiError, ApiRefusal } from '../../api/client';

export type PlanFileFormat = 'json' | 'yaml' | 'xlsx';

// As the API recognises them (libs/plan-io/src/plan-file-format.ts).
const CONTENT_TYPE: Record<PlanFileFormat, string> = {
  json: 'application/json',
  yaml: 'application/yaml',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function formatOfFileName(name: string): PlanFileFormat | null {
  const ext = /\.([a-z]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (ext === 'json') return 'json';
  if (ext === 'yaml' || ext === 'yml') return 'yaml';
  if (ext === 'xlsx') return 'xlsx';
  return null;
}

export interface DeadlineReading extends DeadlineReadingEntry {
  // `12:5` (line:column) or `任务清单!O2` (cell).
  readonly location?: string;
}

export interface ImportResult {
  readonly planId: string;
  readonly planCode: string;
  readonly outcome: 'created' | 'unchanged' | 'updated' | 'dry_run';
  readonly measures: number;
  readonly diff: PlanDiff | null;
  readonly deadlines: readonly DeadlineReading[];
  readonly warnings: readonly ErrorDetail[];
  readonly workflows: {
    readonly started: { readonly running: number; readonly closed: number };
    readonly deadlinesChanged: number;
    readonly reassigned: number;
    readonly withdrawn: number;
  } | null;
  readonly wouldRefuse?: (ApiError & { readonly details: readonly ErrorDetail[] }) | null;
}

export interface ImportProgress {
  readonly done: number;
  readonly total: number;
}

export interface PlanFile {
  readonly name: string;
  readonly format: PlanFileFormat;
  readonly bytes: ArrayBuffer;
}

const NDJSON = 'application/x-ndjson';

// POST /plans. An import that starts workflows is answered as a stream of progress lines when
// asked for (NDJSON), then its result or its error; a dry run or a refusal is one JSON answer.
export async function importPlan(
  file: PlanFile,
  options: { dryRun: boolean; withdrawRemoved: boolean },
  onProgress: (p: ImportProgress) => void = () => undefined,
): Promise<ImportResult> {
  const query = new URLSearchParams({
    dryRun: String(options.dryRun),
    withdrawRemoved: String(options.withdrawRemoved),
  });
  const res = await apiFetch(`/plans?${query}`, {
    method: 'POST',
    headers: { 'Content-Type': CONTENT_TYPE[file.format], Accept: `${NDJSON}, application/json` },
    body: file.bytes,
  });
  if (!(res.headers.get('Content-Type') ?? '').includes(NDJSON) || !res.body) {
    const body = (await res.json().catch(() => ({}))) as Partial<ApiError> & ImportResult;
    if (!res.ok) throw refusal(res.status, body);
    return body;
  }
  let result: ImportResult | undefined;
  for await (const line of lines(res.body)) {
    const event = JSON.parse(line) as
      | { progress: ImportProgress }
      | { result: ImportResult }
      | { error: ApiError & { status: number } };
    if ('progress' in event) onProgress(event.progress);
    else if ('result' in event) result = event.result;
    else throw refusal(event.error.status, event.error);
  }
  if (!result) throw new ApiRefusal(res.status, { code: 'INCOMPLETE', message: 'the answer ended early' });
  return result;
}

function refusal(status: number, e: Partial<ApiError>): ApiRefusal {
  return new ApiRefusal(status, {
    code: e.code ?? `HTTP_${status}`,
    message: e.message ?? '',
    details: e.details,
  });
}

async function* lines(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let rest = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    rest += decoder.decode(value, { stream: true });
    let cut: number;
    while ((cut = rest.indexOf('\n')) >= 0) {
      const line = rest.slice(0, cut).trim();
      rest = rest.slice(cut + 1);
      if (line) yield line;
    }
  }
  if (rest.trim()) yield rest.trim();
}

// The problems a refusal names, each with where it is in the file.
export function problemsOf(e: unknown): readonly ErrorDetail[] {
  if (!(e instanceof ApiRefusal) || !Array.isArray(e.error.details)) return [];
  return e.error.details as ErrorDetail[];
}
