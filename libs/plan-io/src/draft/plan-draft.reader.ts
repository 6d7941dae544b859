// The structure reader: a document's text (paragraphs, from any format) → a draft plan in the plan
// format, every field placed in the document with the rule that read it and how sure it is. The
// outline (categories, aspects, problems, measures), the inspection header, the tracks and the
// declared totals are read here; the fields of each measure by the field reader.
import { trackDefaultDeadline } from '../../../domain/src/chinese-deadline';
import { DEFAULT_TIME_ZONE } from '../../../domain/src/deadline';
import { formatPath } from '../../../domain/src/nul-characters';
import type { Track } from '../../../domain/src/track';
import { readDeclaredCounts, type DeclaredCount, type DeclaredCounts } from './declared-totals';
import { DraftUnits } from './draft-units';
import { readMeasureFields, type FieldReading, type MeasureFields } from './measure-fields.reader';
import { readInspectionHeader, type HeaderField, type InspectionHeader } from './outline-header';
import { readOutline, type OutlineProblem, type OutlineSpan, type OutlineTitle } from './outline-reader';
import type {
  DeclaredTotal,
  DeclaredTotals,
  DocumentText,
  DraftConfidence,
  DraftFieldSource,
  DraftReading,
  DraftWarning,
  PlanDraftOptions,
} from './plan-draft';
import { assignTracks, type TrackReading } from './track-assignment';
import { readTrackGroups, type TrackGroup } from './track-groups';

// Placeholders the office must replace: a unit and a leader the document does not name.
export const PLACEHOLDER_UNIT = { code: 'UNIT-TBD', name: '待确定', level: 'other' } as const;
export const PLACEHOLDER_TEXT = '待确定';

type Path = (string | number)[];

export function readPlanDraft(doc: DocumentText, options: PlanDraftOptions = {}): DraftReading {
  if (!doc.paragraphs.some((p) => p.text.trim()))
    return { ok: false, code: 'DOCUMENT_EMPTY', message: 'the document has no text' };
  // The declared categories help tell a section from a category; the first totals written are read
  // (a repeated body repeats them later).
  const outline = readOutline(doc, readDeclaredCounts(doc, () => true).categories?.count);
  if (!outline)
    return {
      ok: false,
      code: 'DOCUMENT_NO_STRUCTURE',
      message:
        'no problems found: looked for headings numbered 问题一/问题1, headings 关于“…”的问题, and sections ' +
        'whose heading names 问题 with numbered items under them (一、 （一） 1. （1） ① 第一)',
    };
  const repeated = outline.repeated;
  const read = (i: number) => !repeated || i < repeated.from || i > repeated.to;
  const fields: DraftFieldSource[] = [];
  const warnings: DraftWarning[] = [];
  const source: Source = (path, at, confidence, rule, note) =>
    fields.push({
      path: formatPath(path),
      paragraph: at?.paragraph ?? null,
      start: at?.start ?? null,
      end: at?.end ?? null,
      confidence,
      rule,
      ...(note ? { note } : {}),
    });
  const fromReading = (path: Path, r: FieldReading<unknown>) => source(path, r, r.confidence, r.rule, r.note);
  const placedTitle = (t: OutlineTitle) => ({
    paragraph: t.paragraph,
    start: t.start,
    end: t.start + t.text.length,
  });
  // A title as the plan format takes it: at most `max` characters, and a placeholder for a heading
  // that is a number without words.
  const titleAt = (path: Path, t: OutlineTitle, max: number): string => {
    if (!t.text.trim()) {
      source(path, null, 'missing', 'placeholder', 'the heading is a number without words');
      return PLACEHOLDER_TEXT;
    }
    const cut = t.text.length > max ? `cut to the first ${max} characters` : undefined;
    source(path, placedTitle(t), 'high', t.rule, cut);
    return t.text.slice(0, max).trim();
  };
  if (repeated)
    warnings.push({
      code: 'REPEATED_BODY',
      message: `paragraphs ${repeated.from + 1}–${repeated.to + 1} repeat the text from paragraph ${repeated.of + 1} on; they were read once`,
      paragraph: repeated.from,
    });

  // The inspection and the plan.
  const header = consistentDates(readInspectionHeader(doc, read), warnings);
  const baseYear = Number(header.baseYear?.value ?? 2000);
  const { inspection, plan } = inspectionAndPlan(header, baseYear, options, source);

  // Tracks: group sentences, then each problem's own words.
  const problems = outline.categories.flatMap((c) =>
    c.aspects.flatMap((a) => a.problems.map((p) => ({ p, aspect: c.hasAspects ? a.title.text : null }))),
  );
  const scratch = new DraftUnits(options.units ?? []);
  const textTrack = (spans: readonly OutlineSpan[]) =>
    readMeasureFields(spans, { units: scratch, deadline: { baseYear } }).track;
  const groups = readTrackGroups(doc, read);
  const tracked = assignTracks(
    problems.map(({ p, aspect }) => {
      const t = textTrack([...p.own, ...p.fieldLines]) ?? textTrack(p.measures.flatMap((m) => m.method));
      return {
        title: p.title.text,
        aspectTitle: aspect,
        ...(t ? { byText: { track: t.value, at: t, confidence: t.confidence } } : {}),
      };
    }),
    groups,
  );
  tracked.warnings.forEach((message) => warnings.push({ code: 'TRACK_CONFLICT', message }));

  // The tree.
  const units = new DraftUnits(options.units ?? []);
  const feedbackDate = header.feedbackDate?.value;
  let placeholderUnit = false;
  let problemIndex = 0;
  let aspectIndex = 0;
  let measureCount = 0;
  const categories = outline.categories.map((c, ci) => {
    const cPath: Path = ['categories', ci];
    const category: Record<string, unknown> = { code: `C${ci + 1}` };
    if (c.title) {
      category.title = titleAt([...cPath, 'title'], c.title, 500);
    } else {
      category.title = PLACEHOLDER_TEXT;
      source(
        [...cPath, 'title'],
        null,
        'missing',
        'placeholder',
        'the document has no level above its problems',
      );
    }
    const problemOf = (p: OutlineProblem, pPath: Path) => {
      const index = problemIndex++;
      const code = `P${String(index + 1).padStart(2, '0')}`;
      const reading: TrackReading = tracked.readings[index];
      const track: Track = reading.track;
      source([...pPath, 'track'], reading.at, reading.confidence, reading.rule, reading.note);
      const deadline = { baseYear, track, ...(feedbackDate ? { feedbackDate } : {}) };
      const own = readMeasureFields([...p.own, ...p.fieldLines], { units, deadline });
      const problem: Record<string, unknown> = {
        code,
        title: titleAt([...pPath, 'title'], p.title, 2000),
        track,
      };
      if (p.rootCause) {
        problem.rootCause = p.rootCause.text.slice(0, 20_000);
        source([...pPath, 'rootCause'], spanEnd(p.rootCause), 'medium', 'intro-analyses-causes');
      }
      const steps = p.measures.length ? p.measures : [null];
      problem.measures = steps.map((m, mi) => {
        measureCount++;
        const mPath: Path = [...pPath, 'measures', mi];
        const mCode = `${code}-M${mi + 1}`;
        const f: MeasureFields = m
          ? readMeasureFields([...m.method, ...m.fieldLines], { units, deadline, inherited: own })
          : own;
        const measure: Record<string, unknown> = { code: mCode };
        if (m) {
          measure.title = titleAt([...mPath, 'title'], m.title, 200);
        } else {
          measure.title = `${PLACEHOLDER_TEXT}：${p.title.text}`.slice(0, 2000);
          source(
            [...mPath, 'title'],
            null,
            'missing',
            'placeholder',
            'the document lists the problem without measures',
          );
        }
        // A leader labelled once for the problem wins over one guessed from the measure's unit.
        const leader =
          f.leadLeader?.rule.startsWith('default:') &&
          own.leadLeader &&
          !own.leadLeader.rule.startsWith('default:')
            ? own.leadLeader
            : f.leadLeader;
        if (leader) {
          // The plan format keeps a leader's name to 100 characters.
          measure.leadLeader = leader.value.slice(0, 100);
          fromReading([...mPath, 'leadLeader'], leader);
        } else {
          measure.leadLeader = PLACEHOLDER_TEXT;
          source([...mPath, 'leadLeader'], null, 'missing', 'placeholder', 'no leader is named');
        }
        if (f.leadUnit) {
          measure.leadUnit = f.leadUnit.value;
          fromReading([...mPath, 'leadUnit'], f.leadUnit);
        } else {
          placeholderUnit = true;
          measure.leadUnit = PLACEHOLDER_UNIT.code;
          source([...mPath, 'leadUnit'], null, 'missing', 'placeholder', 'no unit is named');
        }
        const co = f.coUnits.filter(
          (u, i) => u.value !== measure.leadUnit && f.coUnits.findIndex((v) => v.value === u.value) === i,
        );
        measure.coUnits = co.map((u) => u.value);
        co.forEach((u, i) => fromReading([...mPath, 'coUnits', i], u));
        if (f.due) {
          measure.due = f.due.value;
          fromReading([...mPath, 'due'], f.due);
        } else if (f.dueWords) {
          // The plan format reads the words themselves (立行立改: days after the feedback;
          // 长期坚持: the track's default), as offices write them.
          measure.due = f.dueWords.value === 'immediate' ? '立行立改' : '长期坚持';
          fromReading([...mPath, 'due'], f.dueWords);
        } else {
          measure.due = trackDefaultDeadline(track, baseYear);
          source(
            [...mPath, 'due'],
            null,
            'low',
            'default:track-deadline',
            `no deadline is written; the ${track} track’s default`,
          );
        }
        if (m?.method.length) {
          measure.method = m.method
            .map((s) => s.text)
            .join('\n')
            .slice(0, 10_000);
          const first = m.method[0];
          const last = m.method[m.method.length - 1];
          source(
            [...mPath, 'method'],
            { paragraph: first.paragraph, start: first.start, end: last.start + last.text.length },
            'high',
            m.rule,
          );
        }
        // 整改目标, written for the measure or once for its problem: the measure's requirements (整改要求).
        if (f.goal) {
          measure.requirements = f.goal.value.slice(0, 10_000);
          fromReading([...mPath, 'requirements'], f.goal);
        }
        measure.indicators = f.indicators.map((ind, ii) => {
          fromReading([...mPath, 'indicators', ii], ind);
          return { code: `${mCode}-I${ii + 1}`, ...ind.value };
        });
        measure.milestones = [];
        return measure;
      });
      return problem;
    };
    if (!c.hasAspects) {
      category.problems = c.aspects
        .flatMap((a) => a.problems)
        .map((p, pi) => problemOf(p, [...cPath, 'problems', pi]));
      return category;
    }
    category.aspects = c.aspects.map((a, ai) => {
      const aPath: Path = [...cPath, 'aspects', ai];
      const code = `A${String(++aspectIndex).padStart(2, '0')}`;
      return {
        code,
        title: titleAt([...aPath, 'title'], a.title, 500),
        problems: a.problems.map((p, pi) => problemOf(p, [...aPath, 'problems', pi])),
      };
    });
    return category;
  });

  // Units: those the measures name (known first, then proposed), and the placeholder if needed.
  const referenced = new Set(
    categories.flatMap((c) =>
      (
        (c.aspects as { problems: Record<string, unknown>[] }[] | undefined)?.flatMap((a) => a.problems) ??
        (c.problems as Record<string, unknown>[])
      ).flatMap((p) =>
        (p.measures as { leadUnit: string; coUnits: string[] }[]).flatMap((m) => [m.leadUnit, ...m.coUnits]),
      ),
    ),
  );
  const planUnits: Record<string, unknown>[] = units
    .used()
    .filter((u) => referenced.has(u.code))
    .map((u) => ({
      code: u.code,
      name: u.name,
      level: u.level ?? 'other',
      ...(u.parent && referenced.has(u.parent) ? { parent: u.parent } : {}),
    }));
  if (placeholderUnit || !planUnits.length) planUnits.push({ ...PLACEHOLDER_UNIT });

  const counts = readDeclaredCounts(doc, read);
  const drafted = {
    categories: categories.length,
    aspects: aspectIndex,
    problems: problemIndex,
    measures: measureCount,
  };
  const { declared, planDeclared } = compareDeclared(counts, drafted, groups, tracked.readings, warnings);
  if (Object.keys(planDeclared).length) plan.declared = planDeclared;

  return {
    ok: true,
    draft: {
      plan: { formatVersion: 1, inspection, plan, units: planUnits, categories },
      fields,
      warnings,
      declared,
      proposedUnits: units.proposed().filter((code) => referenced.has(code)),
    },
  };
}

type Source = (
  path: Path,
  at: { paragraph: number; start: number; end: number } | null,
  confidence: DraftConfidence,
  rule: string,
  note?: string,
) => void;

// The inspection and the plan's own fields, from the header; placeholders where it is silent.
function inspectionAndPlan(
  header: InspectionHeader,
  baseYear: number,
  options: PlanDraftOptions,
  source: Source,
): { inspection: Record<string, unknown>; plan: Record<string, unknown> } {
  const inspection: Record<string, unknown> = {};
  const headerField = (key: string, f: HeaderField | undefined, fallback: string, what: string) => {
    inspection[key] = f?.value ?? fallback;
    if (f) source(['inspection', key], f, 'medium', f.rule);
    else source(['inspection', key], null, 'missing', 'placeholder', `the document does not say ${what}`);
  };
  const planCode = options.plan?.code ?? `DRAFT-${baseYear}`;
  inspection.code = `${planCode}-INSPECTION`;
  source(['inspection', 'code'], null, 'low', 'default:plan-code', 'the plan code with -INSPECTION');
  headerField('name', header.name, PLACEHOLDER_TEXT, 'which inspection this is');
  headerField('inspectingBody', header.inspectingBody, PLACEHOLDER_TEXT, 'who inspected');
  headerField('inspectedOrganisation', header.inspectedOrganisation, PLACEHOLDER_TEXT, 'who was inspected');
  const someDate = header.feedbackDate?.value ?? header.onSiteTo?.value ?? `${baseYear}-01-01`;
  headerField(
    'onSiteFrom',
    header.onSiteFrom,
    header.feedbackDate?.value ?? someDate,
    'when the on-site period began',
  );
  headerField(
    'onSiteTo',
    header.onSiteTo,
    header.feedbackDate?.value ?? someDate,
    'when the on-site period ended',
  );
  headerField('feedbackDate', header.feedbackDate, someDate, 'when the feedback was given');

  const plan: Record<string, unknown> = { code: planCode };
  if (options.plan?.code) source(['plan', 'code'], null, 'high', 'option');
  else
    source(
      ['plan', 'code'],
      null,
      'low',
      'default:plan-code',
      'DRAFT- and the base year; choose the plan’s code',
    );
  if (options.plan?.title) {
    plan.title = options.plan.title;
    source(['plan', 'title'], null, 'high', 'option');
  } else if (header.planTitle) {
    plan.title = header.planTitle.value.slice(0, 500);
    source(
      ['plan', 'title'],
      header.planTitle,
      header.planTitle.rule === 'first-line' ? 'low' : 'medium',
      header.planTitle.rule,
    );
  } else {
    plan.title = PLACEHOLDER_TEXT;
    source(['plan', 'title'], null, 'missing', 'placeholder');
  }
  plan.timeZone = DEFAULT_TIME_ZONE;
  if (!header.feedbackDate) {
    plan.baseYear = baseYear;
    if (header.baseYear) source(['plan', 'baseYear'], header.baseYear, 'low', header.baseYear.rule);
    else source(['plan', 'baseYear'], null, 'missing', 'placeholder', 'the document gives no year');
  }

  return { inspection, plan };
}

// Declared totals beside what was drafted; a difference is a warning naming it. A declared total
// below the drafted count cannot be the official one, so the plan does not keep it.
function compareDeclared(
  counts: DeclaredCounts,
  drafted: Readonly<Record<'categories' | 'aspects' | 'problems' | 'measures', number>>,
  groups: readonly TrackGroup[],
  readings: readonly TrackReading[],
  warnings: DraftWarning[],
): { declared: DeclaredTotals; planDeclared: Record<string, number> } {
  const declared: { -readonly [K in keyof DeclaredTotals]: DeclaredTotals[K] } = {};
  const planDeclared: Record<string, number> = {};
  for (const key of ['categories', 'aspects', 'problems', 'measures'] as const) {
    const d: DeclaredCount | undefined = counts[key];
    if (!d) continue;
    declared[key] = { ...d, drafted: drafted[key] };
    if (d.count >= drafted[key]) planDeclared[key] = d.count;
    if (d.count !== drafted[key])
      warnings.push({
        code: 'DECLARED_MISMATCH',
        message: mismatch(d.count, drafted[key], key),
        paragraph: d.paragraph,
      });
  }
  if (groups.length) {
    const tracks: Partial<Record<Track, DeclaredTotal>> = {};
    for (const g of groups) {
      const onTrack = readings.filter((r) => r.track === g.track).length;
      const prior = tracks[g.track];
      tracks[g.track] = prior
        ? { ...prior, count: prior.count + g.count }
        : {
            count: g.count,
            drafted: onTrack,
            paragraph: g.counted.paragraph,
            start: g.counted.start,
            end: g.counted.start + g.counted.text.length,
          };
    }
    for (const [track, t] of Object.entries(tracks))
      if (t.count !== t.drafted)
        warnings.push({
          code: 'DECLARED_MISMATCH',
          message: mismatch(t.count, t.drafted, `${track} problems`),
          paragraph: t.paragraph,
        });
    declared.tracks = tracks;
  }
  return { declared, planDeclared };
}

// “the document declares 148 measures; 90 were drafted: 58 are not itemised in it”.
function mismatch(count: number, drafted: number, what: string): string {
  const head = `the document declares ${count} ${what}; ${drafted} were drafted`;
  return count > drafted
    ? `${head}: ${count - drafted} are not itemised in it`
    : `${head}: ${drafted - count} more than it declares; check the outline`;
}

function spanEnd(s: OutlineSpan): { paragraph: number; start: number; end: number } {
  return { paragraph: s.paragraph, start: s.start, end: s.start + s.text.length };
}

const isCalendarDate = (d: string) => {
  const [y, m, day] = d.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, day));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === day;
};

// Dates that do not exist (2月30日) are not read; an on-site period that ends before it starts, or
// that the feedback precedes, contradicts itself or the feedback: it is left to the office
// (placeholders) with a warning, and the feedback date is kept.
function consistentDates(header: InspectionHeader, warnings: DraftWarning[]): InspectionHeader {
  const h: { -readonly [K in keyof InspectionHeader]: InspectionHeader[K] } = { ...header };
  for (const key of ['onSiteFrom', 'onSiteTo', 'feedbackDate'] as const) {
    const f = h[key];
    if (f && !isCalendarDate(f.value)) {
      warnings.push({
        code: 'HEADER_DATES',
        message: `${f.value} is not a calendar date; ${key} is left to the office`,
        paragraph: f.paragraph,
      });
      delete h[key];
    }
  }
  if (!h.onSiteFrom || !h.onSiteTo) {
    delete h.onSiteFrom;
    delete h.onSiteTo;
  }
  const from = h.onSiteFrom;
  if (from && (from.value > h.onSiteTo!.value || (h.feedbackDate && h.feedbackDate.value < from.value))) {
    warnings.push({
      code: 'HEADER_DATES',
      message: `the on-site period ${from.value}–${h.onSiteTo!.value} ends before it starts, or the feedback (${h.feedbackDate?.value ?? 'not found'}) comes before it; it is left to the office`,
      paragraph: from.paragraph,
    });
    delete h.onSiteFrom;
    delete h.onSiteTo;
  }
  return h;
}
