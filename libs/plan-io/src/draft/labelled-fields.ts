// Labelled fields of a rectification plan (整改方案): `牵头领导：王建国`, `责任单位：县财政局`, as a
// paragraph of their own or several inside one (`（牵头领导：…；责任单位：…；完成时限：…）`). Offices
// write the same field under several names; each is read as one of a few kinds, and every value is
// placed exactly (offsets in DocumentText.text), so the review can show where it came from.

// A slice of one paragraph of the document; `start` is its offset in DocumentText.text.
export interface TextSpan {
  readonly paragraph: number;
  readonly start: number;
  readonly text: string;
}

// The kinds of labelled field. `units`: the responsible units (责任单位), the first of which leads;
// `co_units`: the units that assist (配合单位); `method`: the heading of the steps (整改措施).
export const FIELD_LABELS = ['lead_leader', 'units', 'co_units', 'due', 'goal', 'method'] as const;
export type FieldLabel = (typeof FIELD_LABELS)[number];

// The names offices write, by kind. Longer names first where one contains another.
export const LABEL_WORDS: Readonly<Record<FieldLabel, readonly string[]>> = {
  lead_leader: ['牵头领导', '责任领导', '分管领导', '包抓领导', '领导责任人', '责任人'],
  units: ['责任单位', '牵头单位', '主责单位', '责任部门', '牵头部门'],
  co_units: ['配合单位', '协办单位', '参与单位', '配合部门', '协同单位'],
  due: ['完成时限', '整改时限', '完成时间', '整改时间', '完成期限', '整改期限', '时限要求'],
  goal: ['整改目标', '目标要求', '工作目标'],
  method: ['整改措施'],
};

export interface LabelledField {
  readonly label: FieldLabel;
  // The label as the document writes it (`责任领导`).
  readonly written: string;
  // The value, trimmed of spaces and closing punctuation; empty for a heading (`整改措施：`).
  readonly value: string;
  readonly paragraph: number;
  // Offsets of `value` in DocumentText.text (start === end for an empty value, just after the colon).
  readonly start: number;
  readonly end: number;
}

const WORD_TO_LABEL = new Map<string, FieldLabel>(
  FIELD_LABELS.flatMap((label) => LABEL_WORDS[label].map((w) => [w, label] as const)),
);
const ALL_WORDS = [...WORD_TO_LABEL.keys()].sort((a, b) => b.length - a.length);
// A label starts the paragraph or follows an opening bracket or a separator, then a colon (full- or
// half-width; 【】 around the label as some templates write it).
const LABEL = new RegExp(`(^|[（(【\\[；;，,。\\s])【?(${ALL_WORDS.join('|')})】?\\s*[：:]`, 'g');
// Characters a value does not end with: separators before the next label, closing full stops.
const TRAILING = /[\s；;，,。、]+$/;
const LEADING = /^[\s]+/;

export function readLabelledFields(spans: readonly TextSpan[]): readonly LabelledField[] {
  return spans.flatMap(labelsIn);
}

function labelsIn(span: TextSpan): LabelledField[] {
  const found: { word: string; labelAt: number; valueFrom: number }[] = [];
  for (const m of span.text.matchAll(LABEL)) {
    const at = m.index + m[1].length;
    found.push({ word: m[2], labelAt: at, valueFrom: m.index + m[0].length });
  }
  return found.map((f, i) => {
    const limit = i + 1 < found.length ? found[i + 1].labelAt : span.text.length;
    const raw = untilUnmatchedClose(span.text.slice(f.valueFrom, limit));
    const lead = LEADING.exec(raw)?.[0].length ?? 0;
    const value = raw.slice(lead).replace(TRAILING, '');
    const start = span.start + f.valueFrom + lead;
    return {
      label: WORD_TO_LABEL.get(f.word) as FieldLabel,
      written: f.word,
      value,
      paragraph: span.paragraph,
      start,
      end: start + value.length,
    };
  });
}

// `…；完成时限：9月底前）。`: the value stops at the bracket that closes the one the labels sit in.
function untilUnmatchedClose(text: string): string {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '（' || c === '(') depth++;
    else if (c === '）' || c === ')') {
      if (depth === 0) return text.slice(0, i);
      depth--;
    }
  }
  return text;
}

// The parts of a list value (`县农业农村局、各乡镇`), each placed: start is the offset in the text.
export function splitList(
  field: Pick<LabelledField, 'value' | 'start'>,
): readonly { readonly text: string; readonly start: number; readonly end: number }[] {
  const parts: { text: string; start: number; end: number }[] = [];
  // 和/及 are not separators: unit names contain them (省住房和城乡建设厅).
  const re = /[^、，,；;\s]+/g;
  for (const m of field.value.matchAll(re)) {
    const start = field.start + m.index;
    parts.push({ text: m[0], start, end: start + m[0].length });
  }
  return parts;
}
