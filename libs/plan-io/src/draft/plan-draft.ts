// A draft plan (方案草稿) read from the documents an office already has: the inspection's feedback
// opinion (巡视反馈意见) or its rectification plan (整改方案) as text, Word or PDF. The reading is
// rule-based and explainable: every field of the draft says where in the document it came from,
// by which rule, and how sure the reading is, so the office reviews a draft instead of typing one.
import type { DOCUMENT_REFUSALS } from '../../../domain/src/domain-error';
import type {
  DeclaredTotals,
  DocumentParagraph,
  DraftFieldSource,
  DraftWarning,
} from '../../../domain/src/plan-draft-sources';

export {
  DRAFT_CONFIDENCES,
  type DeclaredTotal,
  type DeclaredTotals,
  type DocumentParagraph,
  type DraftConfidence,
  type DraftFieldSource,
  type DraftWarning,
} from '../../../domain/src/plan-draft-sources';

export const DOCUMENT_FORMATS = ['txt', 'docx', 'pdf'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

// A document's text as its format reader gives it: paragraphs in reading order, joined by '\n' in
// `text`, so `text.slice(p.start, p.start + p.text.length) === p.text` for every paragraph.
export interface DocumentText {
  readonly format: DocumentFormat;
  readonly text: string;
  readonly paragraphs: readonly DocumentParagraph[];
}

// A unit the office already keeps, to match the document's unit names against.
export interface KnownUnit {
  readonly code: string;
  readonly name: string;
  readonly level?: string;
  readonly parent?: string;
}

export interface PlanDraftOptions {
  readonly units?: readonly KnownUnit[];
  // Code and title for the draft plan; else read from the document or a placeholder.
  readonly plan?: { readonly code?: string; readonly title?: string };
}

export interface PlanDraft {
  // A plan document in the plan file format (as JSON would carry it), placeholders included.
  readonly plan: Record<string, unknown>;
  readonly fields: readonly DraftFieldSource[];
  readonly warnings: readonly DraftWarning[];
  readonly declared: DeclaredTotals;
  // Codes of the units the draft proposes because no known unit matched their names.
  readonly proposedUnits: readonly string[];
}

// Refusals of the reading itself (listed with every error code, libs/domain/src/domain-error.ts).
export type DraftRefusalCode = (typeof DOCUMENT_REFUSALS)[number];

export type DraftReading =
  | { readonly ok: true; readonly draft: PlanDraft }
  | { readonly ok: false; readonly code: DraftRefusalCode; readonly message: string };
