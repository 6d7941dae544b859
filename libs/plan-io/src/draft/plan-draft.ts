// A draft plan (方案草稿) read from the documents an office already has: the inspection's feedback
// opinion (巡视反馈意见) or its rectification plan (整改方案) as text, Word or PDF. The reading is
// rule-based and explainable: every field of the draft says where in the document it came from,
// by which rule, and how sure the reading is, so the office reviews a draft instead of typing one.
import type { DOCUMENT_REFUSALS } from '../../../domain/src/domain-error';
import type { Track } from '../../../domain/src/track';

export const DOCUMENT_FORMATS = ['txt', 'docx', 'pdf'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

// A paragraph of the document, placed by character offsets in DocumentText.text.
export interface DocumentParagraph {
  readonly index: number;
  readonly start: number;
  readonly text: string;
}

// A document's text as its format reader gives it: paragraphs in reading order, joined by '\n' in
// `text`, so `text.slice(p.start, p.start + p.text.length) === p.text` for every paragraph.
export interface DocumentText {
  readonly format: DocumentFormat;
  readonly text: string;
  readonly paragraphs: readonly DocumentParagraph[];
}

// How sure a reading is. `missing`: the document does not say; the draft holds a placeholder that
// the office must replace before the draft can be applied.
export const DRAFT_CONFIDENCES = ['high', 'medium', 'low', 'missing'] as const;
export type DraftConfidence = (typeof DRAFT_CONFIDENCES)[number];

// Where one field of the draft came from. `path` names the field in the draft plan the way
// validation problems do (formatPath: `categories[0].aspects[1].problems[2].measures[0].due`).
// `start`/`end` are offsets in DocumentText.text; null for a placeholder or a default.
export interface DraftFieldSource {
  readonly path: string;
  readonly paragraph: number | null;
  readonly start: number | null;
  readonly end: number | null;
  readonly confidence: DraftConfidence;
  // The rule that read it, e.g. `numbering:（一）`, `label:责任单位`, `track-phrase`, `default:track-deadline`.
  readonly rule: string;
  // Why a reading is doubtful, or what the placeholder stands for.
  readonly note?: string;
}

export interface DraftWarning {
  readonly code: string;
  readonly message: string;
  readonly paragraph?: number;
}

// Totals the document states (梳理为4大类10个方面30个问题, 制定148项整改措施, 等7个问题), compared
// with what was drafted: a mismatch is a warning that names the missing parts.
export interface DeclaredTotal {
  readonly count: number;
  readonly drafted: number;
  readonly paragraph: number;
  readonly start: number;
  readonly end: number;
}
export interface DeclaredTotals {
  readonly categories?: DeclaredTotal;
  readonly aspects?: DeclaredTotal;
  readonly problems?: DeclaredTotal;
  readonly measures?: DeclaredTotal;
  readonly tracks?: Partial<Record<Track, DeclaredTotal>>;
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
