import { aPlanDocument } from '../../../test/support/plan-fixtures';
import { reportingRulesOf, validatePlanDefinition } from './plan-definition';
import { DEFAULT_LIGHT_RULE } from './measure-light';
import { DEFAULT_REPORTING_RULES } from './reporting-rules';

type Doc = ReturnType<typeof aPlanDocument>;

function problemsOf(mutate: (d: Doc & Record<string, unknown>) => void) {
  const doc = aPlanDocument() as Doc & Record<string, unknown>;
  mutate(doc);
  const r = validatePlanDefinition(doc);
  if (r.ok) throw new Error('expected the plan to be refused');
  return r.problems;
}

const measure = (d: Doc, i = 0) =>
  d.categories[0].aspects[0].problems[0].measures[i] as Record<string, unknown>;

const WD_STEPS = [
  { kind: 'reminder', offset: '-P2WD' },
  { kind: 'supervision_notice', offset: 'P3WD' },
];

describe('plan document validation', () => {
  it('refuses a document nested absurdly deep, before anything walks it', () => {
    const deep = JSON.parse(`${'['.repeat(20000)}${']'.repeat(20000)}`);
    expect(validatePlanDefinition(deep)).toEqual({
      ok: false,
      problems: [{ path: '(document)', message: 'nests lists and objects more than 64 deep' }],
    });
  });

  it('refuses the NUL character, naming where it is', () => {
    const doc = JSON.parse(JSON.stringify(aPlanDocument()));
    doc.plan.title = 'a\u0000b';
    expect(validatePlanDefinition(doc)).toEqual({
      ok: false,
      problems: [{ path: 'plan.title', message: 'holds the NUL character (U+0000)' }],
    });
  });

  it('accepts the fixture and fills defaults', () => {
    const r = validatePlanDefinition(aPlanDocument());
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.plan.categories[0].aspects[0].problems[0].measures[1].coUnits).toEqual([]);
  });

  it('accepts a daily cadence with its rules, and fills the rules it leaves out with defaults', () => {
    const doc = aPlanDocument();
    Object.assign(doc.plan, {
      reportingCadence: 'daily',
      reportingRules: { missedReportLadder: [{ misses: 2, notify: 'office' }] },
    });
    const r = validatePlanDefinition(doc);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(reportingRulesOf(r.plan.plan)).toEqual({
      reminderLead: 'P1D',
      missedReportLadder: [{ misses: 2, notify: 'office' }],
    });
  });

  it('gives a plan of format version 1 without reporting rules the default rules', () => {
    const doc = aPlanDocument();
    Object.assign(doc.plan, { reportingCadence: 'ten_daily' });
    const r = validatePlanDefinition(doc);
    expect(r.ok && r.plan.plan).not.toHaveProperty('reportingRules');
    expect(r.ok && reportingRulesOf(r.plan.plan)).toEqual(DEFAULT_REPORTING_RULES);
  });

  it.each<[string, (d: Doc & Record<string, unknown>) => void, string, string]>([
    ['an unknown field', (d) => (d.extra = 1), '(document)', 'Unrecognized key'],
    ['a missing plan code', (d) => delete (d.plan as Partial<Doc['plan']>).code, 'plan.code', ''],
    [
      'an unknown track',
      (d) => ((d.categories[0].aspects[0].problems[0] as { track: string }).track = 'someday'),
      'categories[0].aspects[0].problems[0].track',
      '',
    ],
    [
      'an unknown lead unit',
      (d) => (measure(d).leadUnit = 'NOWHERE'),
      'categories[0].aspects[0].problems[0].measures[0].leadUnit',
      'unknown unit NOWHERE',
    ],
    [
      'an unknown co-unit',
      (d) => (measure(d).coUnits = ['NOWHERE']),
      'categories[0].aspects[0].problems[0].measures[0].coUnits[0]',
      'unknown unit NOWHERE',
    ],
    [
      'an impossible date',
      (d) => (measure(d).due = '2019-02-30'),
      'categories[0].aspects[0].problems[0].measures[0].due',
      'not a calendar date',
    ],
    [
      'a duplicate measure code',
      (d) => (measure(d, 1).code = 'P01-M1'),
      'categories[0].aspects[0].problems[0].measures[1].code',
      'duplicate measure code P01-M1',
    ],
    [
      'a duplicate unit',
      (d) => d.units.push({ code: 'LINXIA', name: 'x', level: 'city' }),
      'units[3].code',
      'duplicate unit code LINXIA',
    ],
    [
      'an unknown time zone',
      (d) => ((d.plan as Record<string, unknown>).timeZone = 'Gansu/Lanzhou'),
      'plan.timeZone',
      'not an IANA time zone',
    ],
    [
      'a text instead of a number',
      (d) => ((measure(d).indicators as { target: unknown }[])[0].target = '26500'),
      'categories[0].aspects[0].problems[0].measures[0].indicators[0].target',
      '',
    ],
    [
      'a reminder after the deadline',
      (d) =>
        ((d.plan as Record<string, unknown>).escalationPolicy = {
          version: 'x',
          steps: [{ kind: 'reminder', offset: 'P1D' }],
        }),
      'plan.escalationPolicy.steps[0].offset',
      'before the deadline',
    ],
    [
      'a working-day offset in a plan without a calendar',
      (d) => ((d.plan as Record<string, unknown>).escalationPolicy = { version: 'x', steps: WD_STEPS }),
      'plan.escalationPolicy.steps[1].offset',
      'step 2 (supervision_notice at P3WD) counts working days, but no working calendar applies',
    ],
    [
      "a working-day offset in a measure's policy without a calendar",
      (d) => (measure(d, 1).escalationPolicy = { version: 'x', steps: WD_STEPS }),
      'categories[0].aspects[0].problems[0].measures[1].escalationPolicy.steps[0].offset',
      'step 1 (reminder at -P2WD) counts working days',
    ],
    [
      'a 签收 limit that is not positive',
      (d) =>
        ((d.plan as Record<string, unknown>).escalationPolicy = {
          version: 'x',
          steps: [{ kind: 'overdue_notice', offset: 'PT0S' }],
          acknowledgement: { within: 'PT0S' },
        }),
      'plan.escalationPolicy.acknowledgement.within',
      'must be a positive time limit',
    ],
    [
      "a 签收 reminder after the limit in a measure's policy",
      (d) =>
        (measure(d, 1).escalationPolicy = {
          version: 'x',
          steps: [{ kind: 'overdue_notice', offset: 'PT0S' }],
          acknowledgement: { within: 'P1D', steps: [{ kind: 'acknowledgement_reminder', offset: 'PT1H' }] },
        }),
      'categories[0].aspects[0].problems[0].measures[1].escalationPolicy.acknowledgement.steps[0].offset',
      'a reminder comes at or before the acknowledge-by time',
    ],
    [
      'an unknown 签收 step kind',
      (d) =>
        ((d.plan as Record<string, unknown>).escalationPolicy = {
          version: 'x',
          steps: [{ kind: 'overdue_notice', offset: 'PT0S' }],
          acknowledgement: { within: 'P1D', steps: [{ kind: 'formal_talk', offset: 'PT0S' }] },
        }),
      'plan.escalationPolicy.acknowledgement.steps[0].kind',
      '',
    ],
    [
      'a light rule with a tolerance out of range',
      (d) =>
        ((d.plan as Record<string, unknown>).escalationPolicy = {
          version: 'x',
          steps: [{ kind: 'reminder', offset: '-P1D' }],
          lights: { ...DEFAULT_LIGHT_RULE, progressTolerance: 1.5 },
        }),
      'plan.escalationPolicy.lights.progressTolerance',
      'must be a share between 0 and 1, got 1.5',
    ],
    [
      "a measure's light rule whose blue comes after yellow",
      (d) =>
        (measure(d, 1).escalationPolicy = {
          version: 'x',
          steps: [{ kind: 'reminder', offset: '-P1D' }],
          lights: { ...DEFAULT_LIGHT_RULE, blueWithin: 'P3D' },
        }),
      'categories[0].aspects[0].problems[0].measures[1].escalationPolicy.lights.blueWithin',
      'blue must come before yellow: P3D is not longer than P7D',
    ],
    [
      'a light rule missing a field',
      (d) =>
        ((d.plan as Record<string, unknown>).escalationPolicy = {
          version: 'x',
          steps: [{ kind: 'reminder', offset: '-P1D' }],
          lights: { version: 'l', yellowWithin: 'P7D', yellowShareOfSpan: 0.1, blueWithin: null },
        }),
      'plan.escalationPolicy.lights.progressTolerance',
      '',
    ],
    [
      'a calendar code with spaces',
      (d) => ((d.plan as Record<string, unknown>).calendar = 'CN 2026'),
      'plan.calendar',
      'must be 1–32 letters',
    ],
    [
      'a calendar code that is not text',
      (d) => ((d.plan as Record<string, unknown>).calendar = 2026),
      'plan.calendar',
      '',
    ],
    [
      'a code with spaces',
      (d) => (measure(d).code = 'P01 M1'),
      'categories[0].aspects[0].problems[0].measures[0].code',
      'must be 1–64',
    ],
  ])('refuses %s, naming where', (_name, mutate, path, message) => {
    const problems = problemsOf(mutate);
    const hit = problems.find((p) => p.path === path);
    expect(hit).toBeDefined();
    expect(hit?.message).toContain(message);
  });

  it('accepts working-day offsets in a plan that names a calendar, whether or not it exists', () => {
    for (const calendar of ['CN', 'GS-OFFICE']) {
      const doc = aPlanDocument({ steps: WD_STEPS });
      Object.assign(doc.plan, { calendar });
      Object.assign(doc.categories[0].aspects[0].problems[0].measures[0], {
        escalationPolicy: { version: 'm', steps: WD_STEPS },
      });
      const r = validatePlanDefinition(doc);
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
      expect(r.plan.plan.calendar).toBe(calendar);
    }
  });

  it('reports every problem at once', () => {
    const problems = problemsOf((d) => {
      measure(d, 0).leadUnit = 'NOWHERE';
      measure(d, 1).due = 'soon';
      d.inspection.onSiteTo = '2018-01-01';
    });
    expect(problems.map((p) => p.path).sort()).toEqual([
      'categories[0].aspects[0].problems[0].measures[0].leadUnit',
      'categories[0].aspects[0].problems[0].measures[1].due',
      'inspection.onSiteTo',
    ]);
  });
});
