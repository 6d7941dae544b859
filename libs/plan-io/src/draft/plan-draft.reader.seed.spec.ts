// The seed (《甘肃关于脱贫攻坚专项巡视整改进展情况的通报》) drafted and compared with the demo plan drawn
// from it by hand (plans/demo/gansu-2019.plan.json, rules in plans/demo/README.md).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validatePlanDefinition } from '../../../domain/src/plan-definition';
import { documentTextOf } from './document-text';
import type { PlanDraft } from './plan-draft';
import { readPlanDraft } from './plan-draft.reader';
import { bigramDice, normaliseTitle } from './track-groups';

const root = join(__dirname, '../../../..');
const seed = readFileSync(
  join(root, 'test/fixtures/documents/gansu-rectification-bulletin-2019.txt'),
  'utf8',
);
const demo = JSON.parse(readFileSync(join(root, 'plans/demo/gansu-2019.plan.json'), 'utf8'));

interface Measure {
  readonly title: string;
  readonly method?: string;
  readonly leadUnit: string;
  readonly due: string;
}
interface Problem {
  readonly code: string;
  readonly title: string;
  readonly track: string;
  readonly measures: Measure[];
}
interface Tree {
  readonly categories: { title: string; aspects: { title: string; problems: Problem[] }[] }[];
}

const problemsOf = (plan: Tree): Problem[] =>
  plan.categories.flatMap((c) => c.aspects.flatMap((a) => a.problems));

// A draft measure matches a demo measure of the same problem when one normalised title (no
// punctuation, spaces or quotes) is a prefix of the other, or their character-bigram Dice
// coefficient is at least 0.5; matches are one-to-one and keep the order of both lists.
function titlesMatch(a: string, b: string): boolean {
  const x = normaliseTitle(a);
  const y = normaliseTitle(b);
  return x.startsWith(y) || y.startsWith(x) || bigramDice(x, y) >= 0.5;
}
// The demo's titles are summaries written by hand, its `method` the step's own words: a draft
// measure is the same step as a demo measure when their texts share at least 80 % of the shorter
// one's character bigrams (normalised as titles are).
function stepsMatch(a: Measure, b: Measure): boolean {
  const bigrams = (t: string) => {
    const n = normaliseTitle(t);
    return new Set(Array.from({ length: Math.max(0, n.length - 1) }, (_, i) => n.slice(i, i + 2)));
  };
  const x = bigrams(a.method ?? a.title);
  const y = bigrams(b.method ?? b.title);
  const shared = [...x].filter((g) => y.has(g)).length;
  return shared >= 0.8 * Math.min(x.size, y.size);
}
function matchInOrder(
  drafted: readonly Measure[],
  hand: readonly Measure[],
  same: (d: Measure, h: Measure) => boolean = (d, h) => titlesMatch(d.title, h.title),
): [Measure, Measure][] {
  const pairs: [Measure, Measure][] = [];
  let from = 0;
  for (const m of drafted) {
    const j = hand.findIndex((h, i) => i >= from && same(m, h));
    if (j < 0) continue;
    pairs.push([m, hand[j]]);
    from = j + 1;
  }
  return pairs;
}

describe('the seed drafted (known units: the demo plan’s)', () => {
  let draft: PlanDraft;
  beforeAll(() => {
    const reading = readPlanDraft(documentTextOf(seed), { units: demo.units });
    if (!reading.ok) throw new Error(reading.message);
    draft = reading.draft;
  });

  // The demo writes A04's inner quotes as “”, the seed as ‘’: aspect titles compare normalised.
  it('has the demo’s tree: 4 categories, 10 aspects, 30 problems, titles as the seed writes them', () => {
    const plan = draft.plan as unknown as Tree & {
      categories: { title: string; aspects: { title: string }[] }[];
    };
    expect(plan.categories.map((c) => c.title)).toEqual(
      demo.categories.map((c: { title: string }) => c.title),
    );
    expect(plan.categories.flatMap((c) => c.aspects.map((a) => normaliseTitle(a.title)))).toEqual(
      demo.categories.flatMap((c: { aspects: { title: string }[] }) =>
        c.aspects.map((a) => normaliseTitle(a.title)),
      ),
    );
    expect(problemsOf(plan).map((p) => p.title)).toEqual(problemsOf(demo).map((p) => p.title));
  });

  it('reads the repeated body once and says so', () => {
    expect(draft.warnings.filter((w) => w.code === 'REPEATED_BODY')).toHaveLength(1);
  });

  it('has the tracks 7 immediate / 12 mechanism / 11 long-term, declared and drafted', () => {
    const tracks = problemsOf(draft.plan as unknown as Tree).map((p) => p.track);
    const count = (t: string) => tracks.filter((x) => x === t).length;
    expect([count('immediate'), count('mechanism'), count('long_term')]).toEqual([7, 12, 11]);
    expect(draft.declared.tracks).toMatchObject({
      immediate: { count: 7, drafted: 7 },
      mechanism: { count: 12, drafted: 12 },
      long_term: { count: 11, drafted: 11 },
    });
    const same = problemsOf(draft.plan as unknown as Tree).filter(
      (p, i) => p.track === problemsOf(demo)[i].track,
    );
    console.log(`seed tracks: ${same.length} of 30 problems on the demo's track`);
    expect(same.length).toBe(30);
  });

  it('keeps the declared totals beside what was drafted, and warns of the measures not itemised', () => {
    expect(draft.declared).toMatchObject({
      categories: { count: 4, drafted: 4 },
      aspects: { count: 10, drafted: 10 },
      problems: { count: 30, drafted: 30 },
      measures: { count: 148 },
    });
    const measures = draft.declared.measures!;
    expect(draft.warnings).toContainEqual(
      expect.objectContaining({
        code: 'DECLARED_MISMATCH',
        message: `the document declares 148 measures; ${measures.drafted} were drafted: ${148 - measures.drafted} are not itemised in it`,
      }),
    );
    expect((draft.plan.plan as { declared: unknown }).declared).toEqual({
      categories: 4,
      aspects: 10,
      problems: 30,
      measures: 148,
    });
  });

  it('reads the inspection header as the demo has it', () => {
    expect(draft.plan.inspection).toMatchObject({
      name: demo.inspection.name,
      inspectingBody: demo.inspection.inspectingBody,
      inspectedOrganisation: demo.inspection.inspectedOrganisation,
      onSiteFrom: demo.inspection.onSiteFrom,
      onSiteTo: demo.inspection.onSiteTo,
      feedbackDate: demo.inspection.feedbackDate,
    });
    expect((draft.plan.plan as { title: string }).title).toBe(demo.plan.title);
  });

  it('is a valid plan document', () => {
    const v = validatePlanDefinition(draft.plan);
    expect(v.ok ? [] : v.problems).toEqual([]);
  });

  it('agrees with the demo’s 90 measures (precision and recall of titles, and of steps)', () => {
    const drafted = problemsOf(draft.plan as unknown as Tree);
    const hand = problemsOf(demo);
    const pairs = drafted.flatMap((p, i) => matchInOrder(p.measures, hand[i].measures));
    const draftedCount = drafted.reduce((n, p) => n + p.measures.length, 0);
    const handCount = hand.reduce((n, p) => n + p.measures.length, 0);
    const precision = pairs.length / draftedCount;
    const recall = pairs.length / handCount;
    const sameSteps = drafted.filter((p, i) => p.measures.length === hand[i].measures.length).length;
    const steps = drafted.flatMap((p, i) => matchInOrder(p.measures, hand[i].measures, stepsMatch));
    const sameUnit = steps.filter(([d, h]) => d.leadUnit === h.leadUnit).length;
    const sameDue = steps.filter(([d, h]) => d.due === h.due).length;
    console.log(
      `seed measures: ${draftedCount} drafted, ${handCount} in the demo; titles: ${pairs.length} matched, ` +
        `precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}; steps: ${steps.length} matched, ` +
        `precision ${(steps.length / draftedCount).toFixed(3)}, recall ${(steps.length / handCount).toFixed(3)}; ` +
        `of the matched steps, ${sameUnit} have the demo's lead unit and ${sameDue} its due date; ` +
        `${sameSteps} of 30 problems have the demo's number of measures`,
    );
    expect(handCount).toBe(90);
    expect(steps.length).toBeGreaterThanOrEqual(88);
    // The demo's titles are written by hand (a summary of each step), the draft's are the step's
    // first sentence: the floors are what the rules reach, the step count is the structure.
    expect(precision).toBeGreaterThanOrEqual(0.5);
    expect(recall).toBeGreaterThanOrEqual(0.5);
    expect(sameSteps).toBeGreaterThanOrEqual(28);
  });

  it('places every field it read in the document', () => {
    const text = documentTextOf(seed).text;
    for (const f of draft.fields) {
      if (f.start === null) {
        // Not read from a place: a placeholder, a default or a count, never sure.
        expect(['low', 'missing']).toContain(f.confidence);
        continue;
      }
      expect(f.end!).toBeGreaterThanOrEqual(f.start);
      expect(f.end!).toBeLessThanOrEqual(text.length);
    }
    const titles = draft.fields.filter((f) => /problems\[\d+\]\.title$/.test(f.path));
    expect(titles.map((f) => text.slice(f.start!, f.end!))).toEqual(problemsOf(demo).map((p) => p.title));
    // Every title read from the document is the document's own text at its offsets.
    const plan = draft.plan as unknown as Tree;
    const measureTitles = problemsOf(plan).flatMap((p) => p.measures.map((m) => m.title));
    const measureFields = draft.fields.filter((f) => /measures\[\d+\]\.title$/.test(f.path));
    expect(measureFields.map((f) => text.slice(f.start!, f.end!))).toEqual(measureTitles);
  });
});
