// The fields of ONE measure (or problem) read from its text: who leads it, which units, by when, its
// goal and indicators, and the track its words suggest. The structure reader decides which text is
// the measure's and calls this; every reading says where it came from, by which rule and how sure it
// is. Labelled fields win; without labels the rules of plans/demo/README.md apply (units named as
// acting, the lead leader by the lead unit, dates stated as deadlines, figures stated as goals).
import {
  IMMEDIATE_WORDS,
  NO_DEADLINE_WORDS,
  readChineseDeadline,
  type DeadlineContext,
} from '../../../domain/src/chinese-deadline';
import type { Track } from '../../../domain/src/track';
import { GOAL_VERBS, readFigures } from './draft-figures';
import { levelOf, type DraftUnits } from './draft-units';
import { readLabelledFields, splitList, type LabelledField, type TextSpan } from './labelled-fields';
import type { DraftConfidence } from './plan-draft';

export type { TextSpan } from './labelled-fields';

export interface FieldReading<T> {
  readonly value: T;
  readonly paragraph: number;
  readonly start: number;
  readonly end: number;
  readonly confidence: DraftConfidence;
  readonly rule: string;
  readonly note?: string;
}

export interface DraftIndicator {
  readonly name: string;
  readonly unit: string;
  readonly target: number;
}

export interface MeasureFields {
  readonly leadLeader?: FieldReading<string>;
  // A unit code from DraftUnits.
  readonly leadUnit?: FieldReading<string>;
  readonly coUnits: readonly FieldReading<string>[];
  // ISO calendar date 'YYYY-MM-DD'.
  readonly due?: FieldReading<string>;
  // 立行立改 / 长期坚持 said where a date would be.
  readonly dueWords?: FieldReading<'immediate' | 'no_date'>;
  // 整改目标
  readonly goal?: FieldReading<string>;
  readonly indicators: readonly FieldReading<DraftIndicator>[];
  // From phrases: 立行立改/即知即改 → immediate, 建立(健全)长效机制 → mechanism, 长期坚持/久久为功 → long_term.
  readonly track?: FieldReading<Track>;
}

export interface FieldContext {
  readonly units: DraftUnits;
  readonly deadline: DeadlineContext;
  // Fields labelled once for a problem apply to its measures.
  readonly inherited?: Partial<MeasureFields>;
}

export function readMeasureFields(spans: readonly TextSpan[], context: FieldContext): MeasureFields {
  const labelled = readLabelledFields(spans);
  const inherited = context.inherited ?? {};
  const { leadUnit, coUnits } = chooseUnits(spans, labelled, context);
  const own = readDue(spans, labelled, context.deadline);
  // A problem's labelled time limit beats a year the measure only dates its goal with (low).
  const dueReading = own.due?.confidence === 'low' && (inherited.due || inherited.dueWords) ? {} : own;
  const goal = firstLabel(labelled, 'goal');
  return {
    leadLeader: readLeadLeader(labelled, leadUnit, inherited.leadLeader, context),
    leadUnit,
    coUnits,
    due: dueReading.due ?? (dueReading.dueWords ? undefined : inherited.due),
    dueWords: dueReading.dueWords ?? (dueReading.due ? undefined : inherited.dueWords),
    goal: goal ? placed(goal, goal.value, 'high', `label:${goal.written}`) : inherited.goal,
    indicators: readIndicators(spans, labelled),
    track: readTrack(spans) ?? inherited.track,
  };
}

function placed<T>(
  at: { paragraph: number; start: number; end: number },
  value: T,
  confidence: DraftConfidence,
  rule: string,
  note?: string,
): FieldReading<T> {
  return {
    value,
    paragraph: at.paragraph,
    start: at.start,
    end: at.end,
    confidence,
    rule,
    ...(note ? { note } : {}),
  };
}

function firstLabel(
  labelled: readonly LabelledField[],
  label: LabelledField['label'],
): LabelledField | undefined {
  return labelled.find((f) => f.label === label && f.value.length > 0);
}

const ORDER: readonly DraftConfidence[] = ['high', 'medium', 'low', 'missing'];
function lower(a: DraftConfidence, b: DraftConfidence): DraftConfidence {
  return ORDER[Math.max(ORDER.indexOf(a), ORDER.indexOf(b))];
}

const ROLE_NOTE = /[（(](牵头|配合|责任|主责|协办|参与)[)）]$/;

// Units: 责任单位 (the first, or the one marked （牵头）, leads, high; the others are co-units,
// medium), 配合单位 (co-units, high); else the units the text names (the first named acting unit
// leads, low; the generic levels 各市州/各县区/各乡镇 and the others assist, low). A reading is never
// surer than its match with the office's units (a short form is medium, a new unit medium).
function readUnits(
  spans: readonly TextSpan[],
  labelled: readonly LabelledField[],
  context: FieldContext,
  byMention: boolean,
): { by: 'label' | 'mention'; lead?: FieldReading<string>; co: FieldReading<string>[] } {
  const co: FieldReading<string>[] = [];
  const seen = new Set<string>();
  const reading = (
    part: { paragraph: number; start: number; end: number; name: string },
    confidence: DraftConfidence,
    rule: string,
  ): FieldReading<string> | undefined => {
    const unit = context.units.resolve(part.name);
    if (seen.has(unit.code)) return undefined;
    seen.add(unit.code);
    const note = unit.known
      ? unit.confidence === 'high'
        ? undefined
        : `"${part.name}" read as the known unit ${unit.code} by its short form`
      : `"${part.name}" matches no known unit: proposed as ${unit.code}`;
    return placed(part, unit.code, lower(confidence, unit.confidence), rule, note);
  };
  // `县委组织部（牵头）`: the annotation is not part of the name, and 牵头 marks the lead.
  const listed = (label: 'units' | 'co_units') =>
    labelled
      .filter((f) => f.label === label)
      .flatMap((f) =>
        splitList(f).map((p) => {
          const role = ROLE_NOTE.exec(p.text);
          const name = role ? p.text.slice(0, role.index) : p.text;
          const leads = role?.[1] === '牵头';
          return {
            start: p.start,
            end: p.start + name.length,
            name,
            leads,
            paragraph: f.paragraph,
            written: f.written,
          };
        }),
      )
      // `（牵头）` alone names no unit.
      .filter((p) => p.name.length > 0);
  const responsible = listed('units');
  const leading = Math.max(
    0,
    responsible.findIndex((p) => p.leads),
  );
  let lead: FieldReading<string> | undefined;
  responsible.forEach((p, i) => {
    const r = reading(p, i === leading ? 'high' : 'medium', `label:${p.written}`);
    if (r && i === leading) lead = r;
    else if (r) co.push(r);
  });
  for (const p of listed('co_units')) {
    const r = reading(p, 'high', `label:${p.written}`);
    if (r) co.push(r);
  }
  if (responsible.length > 0 || co.length > 0) return { by: 'label', lead, co };
  if (!byMention) return { by: 'mention', co };
  for (const span of spans) {
    const passive = passiveRanges(span);
    const titles = [...span.text.matchAll(/《[^》]*》/g)].map((t) => [
      span.start + t.index,
      span.start + t.index + t[0].length,
    ]);
    for (const m of context.units.mentions(span)) {
      // A unit named in a label is read from the label; one in a document's title (《省政府…办法》) is no actor.
      if (insideLabel(m, labelled) || titles.some(([from, to]) => m.start >= from && m.start < to)) continue;
      const generic = /^各/.test(m.name);
      const acted = !passive.some(([from, to]) => m.start >= from && m.start < to);
      const rule = generic ? 'mention:level' : acted ? 'mention' : 'mention:not-acting';
      const r = reading({ ...m, paragraph: span.paragraph }, 'low', rule);
      if (!r) continue;
      if (!lead && !generic && acted) lead = r;
      else co.push(r);
    }
  }
  return { by: 'mention', lead, co };
}

// Where a unit is named but does not act, in DocumentText offsets: the finding a step answers
// (针对巡视反馈指出的甘南州委…的问题) and a place or object after 在/到/对 (在宕昌县开展试点). Units
// named there take part (co-units) but do not lead.
function passiveRanges(span: TextSpan): [number, number][] {
  const ranges: [number, number][] = [];
  for (const m of span.text.matchAll(/针对[^。；;]*?(?:问题|意见)|(?<=[在到对赴])[^，。；、,;]{0,3}/g))
    ranges.push([span.start + m.index, span.start + m.index + m[0].length]);
  return ranges;
}

// Which reading of the units counts, surest first: the measure's own labels; the problem's labels
// (inherited, high or medium); the units the measure names; whatever the problem had; the remit of
// the measure's subject among the office's units. Co-units come with the lead they were read with.
function chooseUnits(
  spans: readonly TextSpan[],
  labelled: readonly LabelledField[],
  context: FieldContext,
): { leadUnit?: FieldReading<string>; coUnits: readonly FieldReading<string>[] } {
  const inherited = context.inherited ?? {};
  const inheritedCo = inherited.coUnits ?? [];
  const surer = inherited.leadUnit !== undefined && inherited.leadUnit.confidence !== 'low';
  // Mentions are read (and their units proposed) only when they can count.
  const own = readUnits(spans, labelled, context, !surer);
  if (own.by === 'label') return { leadUnit: own.lead ?? inherited.leadUnit, coUnits: own.co };
  if (surer) return { leadUnit: inherited.leadUnit, coUnits: inheritedCo };
  if (own.lead) return { leadUnit: own.lead, coUnits: own.co };
  const coUnits = own.co.length > 0 ? own.co : inheritedCo;
  if (inherited.leadUnit) return { leadUnit: inherited.leadUnit, coUnits };
  return { leadUnit: byRemit(spans, labelled, context), coUnits };
}

function byRemit(
  spans: readonly TextSpan[],
  labelled: readonly LabelledField[],
  context: FieldContext,
): FieldReading<string> | undefined {
  for (const span of spans) {
    const remit = context.units.remit(maskLabels(span, labelled));
    if (remit)
      return placed(
        { ...remit, paragraph: span.paragraph },
        remit.code,
        'low',
        'remit',
        `no unit named as acting: "${remit.subject}" is the remit of ${context.units.nameOf(remit.code)}`,
      );
  }
  return undefined;
}

function insideLabel(at: { start: number; end: number }, labelled: readonly LabelledField[]): boolean {
  return labelled.some(
    (f) => at.start >= f.start && at.end <= f.end && f.label !== 'method' && f.label !== 'goal',
  );
}

// 牵头领导 (high); else the problem's 牵头领导; else the demo's rule by the lead unit (low): the party committee itself → its
// secretary, a party organ → the standing committee member in charge, the government and its
// departments → the vice governor / mayor / county head in charge, by level. Unknown level: none.
function readLeadLeader(
  labelled: readonly LabelledField[],
  leadUnit: FieldReading<string> | undefined,
  inherited: FieldReading<string> | undefined,
  context: FieldContext,
): FieldReading<string> | undefined {
  const label = firstLabel(labelled, 'lead_leader');
  if (label) return placed(label, label.value, 'high', `label:${label.written}`);
  // A problem's leader read by the rule belongs to the problem's lead unit, not to this measure's.
  if (inherited && (inherited.rule !== DEFAULT_LEADER || !leadUnit)) return inherited;
  if (!leadUnit) return undefined;
  const name = context.units.nameOf(leadUnit.value);
  const role = name === undefined ? undefined : leaderByUnit(name);
  if (!role) return undefined;
  return placed(
    leadUnit,
    role,
    'low',
    DEFAULT_LEADER,
    `no 牵头领导 in the text: ${role}, by the rule for a lead unit like "${name}"`,
  );
}

const DEFAULT_LEADER = 'default:leader-by-unit';
const LEVEL_WORD: Record<string, string> = { province: '省', city: '市', county: '县' };

// The level word of a unit's name (甘南州委 → 州, 临河县财政局 → 县), else the level's usual word.
function levelWord(name: string): string | undefined {
  const written = /^(?:[\u4e00-\u9fff]{2,4}?)?(省|市|州|县|区)/.exec(name)?.[1];
  return written ?? LEVEL_WORD[levelOf(name)];
}

export function leaderByUnit(name: string): string | undefined {
  const n = name.replace(/^中共/, '');
  const word = levelOf(n) in LEVEL_WORD ? levelWord(n) : undefined;
  if (!word) return undefined;
  // The party committee itself: 中共甘肃省委, 县委, 甘南州委.
  if (/^[\u4e00-\u9fff]{0,4}?(省|自治区|市|州|县|区)委$/.test(n)) return `${word}委书记`;
  // Party organs: 纪委监委, 委组织部, 委宣传部, 委党校 …
  if (/(省|自治区|市|州|县|区)(纪委|纪律检查|委[\u4e00-\u9fff])/.test(n)) return `分管${word}委常委`;
  // The government and its departments: 副省长, 副市长, 副州长, 副县长, 副区长.
  return `分管副${word}长`;
}

// 完成时限 (high: a date; 立行立改 / 长期坚持 as dueWords), else a deadline stated in the text
// (9月底前完成, 年底前: medium, the latest when several). Dates of things done are history.
function readDue(
  spans: readonly TextSpan[],
  labelled: readonly LabelledField[],
  deadline: DeadlineContext,
): { due?: FieldReading<string>; dueWords?: FieldReading<'immediate' | 'no_date'> } {
  const label = firstLabel(labelled, 'due');
  if (label) {
    const rule = `label:${label.written}`;
    const whole = readChineseDeadline(label.value, { ...deadline, track: undefined });
    if (whole?.ok && !whole.assumed && !isImmediate(label.value))
      return { due: placed(label, whole.date, 'high', rule, whole.explanation) };
    const words = readDueWords(label, rule);
    if (words) return { dueWords: words };
    const inside = statedDeadlines(
      [{ paragraph: label.paragraph, start: label.start, text: label.value }],
      deadline,
    );
    if (inside.length > 0) return { due: { ...latest(inside), rule, confidence: 'medium' } };
  }
  const free = spans.map((s) => maskLabels(s, labelled));
  const stated = statedDeadlines(free, deadline);
  if (stated.length > 0) return { due: latest(stated) };
  const years = yearTargets(free, deadline);
  return years.length > 0 ? { due: latest(years) } : {};
}

function isImmediate(text: string): boolean {
  return IMMEDIATE_WORDS.some((w) => text.includes(w));
}

// `立行立改`/`立即` → immediate, `长期坚持` → no_date. Both written (立行立改，长期坚持): the plan format
// keeps one `due` per measure, and prefers the no-date word: `due: 长期坚持` lets the plan's
// longTermMeasures choose a track-default deadline or reviews only (long-term-measures.ts), while
// 立行立改 would set a hard date weeks after the feedback that lasting work cannot meet. So the
// reading is no_date, with a note that the work starts at once (the track phrase says immediate).
function readDueWords(label: LabelledField, rule: string): FieldReading<'immediate' | 'no_date'> | undefined {
  const immediate = isImmediate(label.value);
  const noDate = NO_DEADLINE_WORDS.some((w) => label.value.includes(w));
  if (immediate && noDate)
    return placed(
      label,
      'no_date',
      'medium',
      rule,
      `"${label.value}" says both: read as no date (长期坚持); 立行立改 starts the work at once`,
    );
  if (noDate) return placed(label, 'no_date', 'high', rule);
  if (immediate) return placed(label, 'immediate', 'high', rule);
  return undefined;
}

// Text with its labelled values blanked (same length, offsets kept), so a free-text scan does not
// read a labelled value twice.
function maskLabels(span: TextSpan, labelled: readonly LabelledField[]): TextSpan {
  let text = span.text;
  for (const f of labelled) {
    if (f.label === 'goal' || f.label === 'method') continue;
    const from = f.start - span.start;
    const to = f.end - span.start;
    if (from < 0 || to > text.length) continue;
    text = text.slice(0, from) + ' '.repeat(to - from) + text.slice(to);
  }
  return { ...span, text };
}

const CN = '(?:\\d{1,2}|十[一二]?|[一二三四五六七八九])';
// 2026年7月底前, 9月30日前, 4月下旬前, 2019年底前, 年底前, 明年6月底前, 上半年, 年内.
const DEADLINE = new RegExp(
  `(?:(?:\\d{4}年|明年|今年)?${CN}月(?:${CN}[日号]|底|末|上旬|中旬|下旬)?|(?:\\d{4}年|明年|今年)?(?:年底|年末|底|上半年|下半年)|\\d{4}年)(?:前|以前|之前)|(?:今年)?年内`,
  'g',
);
// A date is history when its clause reports (已使用, 下发了) or its sentence opens as a report
// (截至3月底…, 目前…, 3月27日，下发了…).
const HISTORY_CLAUSE = /截至|截止|已|下发了|召开了|完成了/;
const HISTORY_SENTENCE = /^(?:截至|截止|目前|(?:\d{4}年)?\d{1,2}月\d{1,2}日[，,])/;

function isHistory(text: string, from: number, to: number): boolean {
  const before = (marks: string) => Math.max(...[...marks].map((c) => text.lastIndexOf(c, from - 1))) + 1;
  return (
    HISTORY_CLAUSE.test(text.slice(before('。；;！？，,\n'), to)) ||
    HISTORY_SENTENCE.test(text.slice(before('。；;！？\n'), to))
  );
}

function statedDeadlines(spans: readonly TextSpan[], deadline: DeadlineContext): FieldReading<string>[] {
  const out: FieldReading<string>[] = [];
  for (const span of spans)
    for (const m of span.text.matchAll(DEADLINE)) {
      if (isHistory(span.text, m.index, m.index)) continue;
      const r = readChineseDeadline(m[0], { ...deadline, track: undefined });
      // 对2017年7月14日之前…: a date before the plan starts bounds what the step covers; not a deadline.
      if (!r?.ok || r.date < (deadline.feedbackDate ?? `${deadline.baseYear}-01-01`)) continue;
      const start = span.start + m.index;
      out.push(
        placed(
          { paragraph: span.paragraph, start, end: start + m[0].length },
          r.date,
          'medium',
          'stated-deadline',
          r.explanation,
        ),
      );
    }
  return out;
}

// 2019年…减少30%以上, 对贫困县2019年…实现全覆盖: a goal set for a year is due by that year's end
// (the demo's deadline rule 3). Low: the year may only date the figures. Titles in 《》 and years
// before the plan are not goals.
const YEAR_GOAL = new RegExp(`(\\d{4})年(?![^《》]*》)[^，。；,;！？]*?(?:${GOAL_VERBS.join('|')})`, 'g');

function yearTargets(spans: readonly TextSpan[], deadline: DeadlineContext): FieldReading<string>[] {
  const out: FieldReading<string>[] = [];
  for (const span of spans)
    for (const m of span.text.matchAll(YEAR_GOAL)) {
      const year = Number(m[1]);
      if (year < deadline.baseYear || isHistory(span.text, m.index, m.index + m[0].length)) continue;
      const start = span.start + m.index;
      out.push(
        placed(
          { paragraph: span.paragraph, start, end: start + m[1].length + 1 },
          `${year}-12-31`,
          'low',
          'year-target',
          `a goal set for ${year}: due by the year's end`,
        ),
      );
    }
  return out;
}

function latest(readings: readonly FieldReading<string>[]): FieldReading<string> {
  const last = readings.reduce((a, b) => (b.value > a.value ? b : a));
  return readings.length > 1
    ? {
        ...last,
        note: [last.note, `the latest of ${readings.length} deadlines in the text`]
          .filter(Boolean)
          .join('; '),
      }
    : last;
}

// Figures stated as goals become indicator targets (medium or low, see draft-figures.ts).
function readIndicators(
  spans: readonly TextSpan[],
  labelled: readonly LabelledField[],
): FieldReading<DraftIndicator>[] {
  return spans
    .map((s) => maskLabels(s, labelled))
    .flatMap(readFigures)
    .map((f) =>
      placed(f, { name: f.name, unit: f.unit, target: f.target }, f.confidence, 'figure:goal', f.note),
    );
}

const TRACK_PHRASES: readonly { readonly re: RegExp; readonly track: Track }[] = [
  { re: /立行立改|即知即改/g, track: 'immediate' },
  { re: /(?:建立|健全|完善)(?:健全|完善)?[\u4e00-\u9fff]{0,12}?长效机制/g, track: 'mechanism' },
  { re: /长期坚持|久久为功/g, track: 'long_term' },
];

// The track the words suggest: the first phrase written (medium), low when phrases of other tracks
// follow (named in the note).
function readTrack(spans: readonly TextSpan[]): FieldReading<Track> | undefined {
  const found: { track: Track; phrase: string; paragraph: number; start: number; end: number }[] = [];
  for (const span of spans)
    for (const p of TRACK_PHRASES)
      for (const m of span.text.matchAll(p.re)) {
        const start = span.start + m.index;
        found.push({
          track: p.track,
          phrase: m[0],
          paragraph: span.paragraph,
          start,
          end: start + m[0].length,
        });
      }
  if (found.length === 0) return undefined;
  found.sort((a, b) => a.start - b.start);
  const first = found[0];
  const others = [...new Set(found.filter((f) => f.track !== first.track).map((f) => f.phrase))];
  return others.length > 0
    ? placed(
        first,
        first.track,
        'low',
        'track-phrase',
        `"${first.phrase}" comes first; the text also says ${others.join('、')}`,
      )
    : placed(first, first.track, 'medium', 'track-phrase');
}
