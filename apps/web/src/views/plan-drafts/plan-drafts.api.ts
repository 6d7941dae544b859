// The answers of /plans/drafts the draft screens read (apps/api/src/plans/drafts/plan-draft-views.ts),
// and the calls the typed client does not carry: the document's raw bytes, a JSON Patch.
import type { ErrorDetail } from '../../../../../libs/domain/src/domain-error';
import type { PlanDiff } from '../../../../../libs/domain/src/plan-diff';
import type {
  DeclaredTotals,
  DocumentParagraph,
  DraftFieldSource,
  DraftWarning,
} from '../../../../../libs/domain/src/plan-draft-sources';
import { apiFetch, ApiError, ApiRefusal } from '../../api/client';
import type { ImportResult } from '../plan-import/plan-import.api';

export interface PlanDraftSummary {
  readonly id: string;
  readonly createdAt: string;
  readonly fileName: string | null;
  readonly format: string;
  readonly status: 'draft' | 'applied';
  readonly planCode: string | null;
  readonly planTitle: string | null;
  readonly appliedPlanId: string | null;
}

export interface DraftMeasure {
  readonly code?: string;
  readonly title?: string;
  readonly leadUnit?: string;
  readonly leadLeader?: string;
  readonly due?: string;
}
export interface DraftProblem {
  readonly code?: string;
  readonly title?: string;
  readonly track?: string;
  readonly measures: readonly DraftMeasure[];
}
export interface DraftAspect {
  readonly code?: string;
  readonly title?: string;
  readonly problems: readonly DraftProblem[];
}
export interface DraftCategory {
  readonly code?: string;
  readonly title?: string;
  readonly aspects: readonly DraftAspect[];
}
export interface DraftPlan {
  readonly plan: Record<string, unknown>;
  readonly inspection?: Record<string, unknown>;
  readonly units?: readonly { readonly code: string; readonly name: string }[];
  readonly categories: readonly DraftCategory[];
}

export interface PlanDraftView extends Omit<PlanDraftSummary, 'planCode' | 'planTitle'> {
  readonly revision: number;
  readonly plan: DraftPlan;
  readonly fields: readonly DraftFieldSource[];
  readonly edited: readonly string[];
  readonly warnings: readonly DraftWarning[];
  readonly declared: DeclaredTotals;
  readonly proposedUnits: readonly string[];
  readonly doubtful: readonly DraftFieldSource[];
  readonly problems: readonly ErrorDetail[];
  readonly review: PlanDiff | null;
  readonly paragraphs?: readonly DocumentParagraph[];
}

export interface ApplyResult {
  readonly import: ImportResult;
  readonly draft: PlanDraftView;
}

// As the API recognises them (apps/api/src/plans/drafts/document-content-types.ts).
const CONTENT_TYPE: Record<string, string> = {
  txt: 'text/plain',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

export function documentFormatOf(name: string): string | null {
  const ext = /\.([a-z]+)$/i.exec(name)?.[1]?.toLowerCase();
  return ext && ext in CONTENT_TYPE ? ext : null;
}

export function listDrafts(): Promise<PlanDraftSummary[]> {
  return call('/plans/drafts');
}

export function getDraft(id: string): Promise<PlanDraftView> {
  return call(`/plans/drafts/${encodeURIComponent(id)}`);
}

export function draftDocument(file: File, planCode: string): Promise<PlanDraftView> {
  const query = new URLSearchParams({ fileName: file.name });
  if (planCode.trim()) query.set('planCode', planCode.trim());
  return call(`/plans/drafts?${query}`, {
    method: 'POST',
    headers: {
      'Content-Type': CONTENT_TYPE[documentFormatOf(file.name) ?? ''] ?? 'application/octet-stream',
    },
    body: file,
  });
}

export interface PatchOperation {
  readonly op: 'replace';
  readonly path: string;
  readonly value: unknown;
}

export function patchDraft(id: string, ops: readonly PatchOperation[]): Promise<PlanDraftView> {
  return call(`/plans/drafts/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json-patch+json' },
    body: JSON.stringify(ops),
  });
}

export function applyDraft(id: string, dryRun: boolean): Promise<ApplyResult> {
  return call(`/plans/drafts/${encodeURIComponent(id)}/apply?dryRun=${dryRun}`, { method: 'POST' });
}

export async function deleteDraft(id: string): Promise<void> {
  await call(`/plans/drafts/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

// `categories[0].aspects[1].title` (how the draft names a field) as a JSON Pointer.
export function pointerOf(fieldPath: string): string {
  return `/${fieldPath
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .join('/')}`;
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await apiFetch(path, init);
  if (res.status === 204) return undefined as T;
  const body = (await res.json().catch(() => ({}))) as Partial<ApiError> & T;
  if (!res.ok)
    throw new ApiRefusal(res.status, {
      code: body.code ?? `HTTP_${res.status}`,
      message: body.message ?? res.statusText,
      details: body.details,
    });
  return body;
}
