// The words of a draft plan (方案草稿, libs/plan-io/src/draft) that the API answers with and the web
// app shows: where each field of a draft came from in the document, and how sure the reading is.
import type { Track } from './track';

// A paragraph of the document, placed by character offsets in DocumentText.text.
export interface DocumentParagraph {
  readonly index: number;
  readonly start: number;
  readonly text: string;
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
