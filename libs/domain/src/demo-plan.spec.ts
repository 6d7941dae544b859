// The demo plan that `npm start` loads: the Gansu 2019 rectification bulletin in the plan format.
// How every field was derived is in plans/demo/README.md.
import * as fs from 'fs';
import * as path from 'path';
import { MeasureDefinition, PlanDefinition, validatePlanDefinition } from './plan-definition';

const file = path.join(__dirname, '../../../plans/demo/gansu-2019.plan.json');
const raw = fs.readFileSync(file, 'utf8');
const doc: unknown = JSON.parse(raw);

function validPlan(): PlanDefinition {
  const r = validatePlanDefinition(doc);
  if (!r.ok) throw new Error(`demo plan refused: ${JSON.stringify(r.problems, null, 2)}`);
  return r.plan;
}

const plan = validPlan();
const aspects = plan.categories.flatMap((c) => c.aspects);
const problems = aspects.flatMap((a) => a.problems);
const measures = problems.flatMap((p) => p.measures.map((m) => ({ problem: p, measure: m })));

function measure(code: string): MeasureDefinition {
  const found = measures.find((m) => m.measure.code === code);
  if (!found) throw new Error(`no measure ${code}`);
  return found.measure;
}

const problemCodes = (track: string) =>
  problems
    .filter((p) => p.track === track)
    .map((p) => p.code)
    .sort();

describe('the Gansu 2019 demo plan', () => {
  it('passes plan validation', () => {
    expect(validatePlanDefinition(doc)).toMatchObject({ ok: true });
  });

  it('is the answer to the central first inspection group feedback of 18 January 2019', () => {
    expect(plan.plan.code).toBe('GS-2019');
    expect(plan.plan.timeZone).toBe('Asia/Shanghai');
    expect(plan.plan.escalationPolicy).toBeUndefined();
    // 月通报: “每月通报市州县重点工作、重点项目、重点工程进展情况”.
    expect(plan.plan.reportingCadence).toBe('monthly');
    expect(plan.inspection).toMatchObject({
      inspectingBody: '中央第一巡视组',
      inspectedOrganisation: '中共甘肃省委',
      onSiteFrom: '2018-10-17',
      onSiteTo: '2018-11-30',
      feedbackDate: '2019-01-18',
    });
  });

  it('classifies the problems as the seed does: 4 categories, 10 aspects, 30 problems', () => {
    expect(plan.categories).toHaveLength(4);
    expect(aspects).toHaveLength(10);
    expect(problems).toHaveLength(30);
    expect(problems.map((p) => p.code)).toEqual(
      Array.from({ length: 30 }, (_, i) => `P${String(i + 1).padStart(2, '0')}`),
    );
    expect(aspects.map((a) => a.problems.length)).toEqual([1, 4, 3, 5, 3, 2, 3, 3, 2, 4]);
  });

  it('splits the tracks 7 immediate / 12 mechanism / 11 long-term, with no referral', () => {
    expect(problemCodes('immediate')).toEqual(['P01', 'P14', 'P15', 'P16', 'P17', 'P27', 'P28']);
    expect(problemCodes('mechanism')).toEqual(
      ['P02', 'P03', 'P06', 'P07', 'P08', 'P18', 'P19', 'P20', 'P22', 'P23', 'P24', 'P29'].sort(),
    );
    expect(problemCodes('long_term')).toHaveLength(11);
    expect(problemCodes('referral')).toEqual([]);
  });

  it('gives every problem at least one measure, one per numbered step of the seed (90 in all)', () => {
    for (const p of problems) expect(p.measures.length).toBeGreaterThanOrEqual(1);
    expect(measures).toHaveLength(90);
    expect(problems.find((p) => p.code === 'P26')?.measures).toHaveLength(5);
  });

  it('renovates the remaining 26,500 households of dangerous housing by the end of September 2019', () => {
    const m = measure('P08-M4');
    expect(m.due).toBe('2019-09-30');
    expect(m.leadUnit).toBe('GS-HOUSING');
    expect(m.indicators[0]).toMatchObject({ unit: '户', target: 26500 });
  });

  it('counts the 9,176 households still in dangerous housing: 8,738 renovated, 438 left to withdrawal', () => {
    const m = measure('P08-M3');
    expect(m.indicators[0]).toMatchObject({ unit: '户', target: 9176, current: 8738 });
    expect(m.requirements).toContain('438');
  });

  it('follows the 790 centralised water projects of 2019, 743 of them started', () => {
    const m = measure('P12-M1');
    expect(m.leadUnit).toBe('GS-WATER');
    expect(m.due).toBe('2019-12-31');
    expect(m.indicators[0]).toMatchObject({ unit: '处', target: 790, current: 743 });
  });

  it('accounts for the 210,000 households drinking cellar water, 114,000 improved in 2018', () => {
    const [total, ...parts] = measure('P12-M2').indicators;
    expect(total).toMatchObject({ target: 210000, current: 114000 });
    expect(total.current! + parts.reduce((sum, i) => sum + i.target, 0)).toBe(total.target);
  });

  it('reads "9月底前" as 30 September 2019 and "2020年底前" as 31 December 2020', () => {
    expect(measure('P05-M2').due).toBe('2019-09-30');
    expect(measure('P27-M3').due).toBe('2020-12-31');
  });

  it('falls back to the track default where the seed states no deadline', () => {
    const stated = new Set([
      'P01-M2',
      'P05-M2',
      'P08-M4',
      'P12-M1',
      'P13-M1',
      'P25-M2',
      'P26-M2',
      'P26-M3',
      'P27-M3',
    ]);
    const defaults: Record<string, string> = {
      immediate: '2019-06-30',
      mechanism: '2019-12-31',
      long_term: '2020-06-30',
    };
    for (const { problem, measure: m } of measures)
      if (!stated.has(m.code)) expect(`${m.code} ${m.due}`).toBe(`${m.code} ${defaults[problem.track]}`);
  });

  it('names lead leaders by role only, never by person', () => {
    const roles = new Set(measures.map((m) => m.measure.leadLeader));
    expect([...roles].sort()).toEqual(['分管副省长', '分管省委常委', '省委书记', '省委书记、省长'].sort());
    for (const role of roles) expect(role).toMatch(/(书记|省长|常委)$/);
    // The seed names the provincial party secretary, the governor and its editor: none of them is kept.
    for (const name of ['林铎', '唐仁健', '韩绪光']) expect(raw).not.toContain(name);
  });

  it('declares responsible units with stable ASCII codes', () => {
    for (const u of plan.units) expect(u.code).toMatch(/^[A-Z][A-Z0-9-]*$/);
    const used = new Set(measures.flatMap(({ measure: m }) => [m.leadUnit, ...m.coUnits]));
    expect(plan.units.filter((u) => !used.has(u.code)).map((u) => u.code)).toEqual([]);
  });

  it('gives every indicator a code unique across the plan', () => {
    const codes = measures.flatMap(({ measure: m }) => m.indicators.map((i) => i.code));
    expect(new Set(codes).size).toBe(codes.length);
  });
});
