import { aPlanDocument } from '../../../test/support/plan-fixtures';
import type { MeasureStatus } from '../../domain/src/measure-status';
import { validatePlanDefinition, type PlanDefinition } from '../../domain/src/plan-definition';
import { ageingBucket, buildPlanReport, statusGroup, type MeasureFacts } from './plan-report';
import { HOUSING_TARGET_ADJUSTMENT } from '../../../test/support/report-fixtures';

// Due 2019-09-30 in Asia/Shanghai: due at 2019-09-30T16:00Z.
const DUE = new Date('2019-09-30T16:00:00Z');

function definition(measures = 4): PlanDefinition {
  const r = validatePlanDefinition(aPlanDocument({ measures }));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.plan;
}

function facts(code: string, status: MeasureStatus, over: Partial<MeasureFacts> = {}): MeasureFacts {
  return { code, status, overdueLevel: 0, dueAt: DUE, signedOffAt: null, indicators: [], ...over };
}

describe('a plan as of a date', () => {
  it.each<[number, string]>([
    [1, '1-7'],
    [7, '1-7'],
    [8, '8-30'],
    [30, '8-30'],
    [31, '31-90'],
    [90, '31-90'],
    [91, '>90'],
  ])('puts %i days overdue in the %s bucket', (days, bucket) => {
    expect(ageingBucket(days)).toBe(bucket);
  });

  it.each<[MeasureStatus, string]>([
    ['assigned', 'open'],
    ['in_progress', 'open'],
    ['completion_claimed', 'open'],
    ['verified', 'done'],
    ['closed', 'done'],
    ['withdrawn', 'withdrawn'],
  ])('counts a %s measure as %s', (status, group) => {
    expect(statusGroup(status)).toBe(group);
  });

  it.each<[string, number]>([
    ['2019-09-30', 0],
    ['2019-10-01', 1],
    ['2019-10-08', 8],
    ['2020-01-01', 93],
  ])('counts days overdue at the end of %s as %i', (asOf, days) => {
    const r = buildPlanReport({
      definition: definition(1),
      asOf,
      measures: [facts('P01-M1', 'in_progress')],
      events: [],
      removedMeasures: 0,
    });
    expect(r.measureRows[0].daysOverdue).toBe(days);
    expect(r.measures.overdue).toBe(days > 0 ? 1 : 0);
  });

  it('does not count done or withdrawn measures as overdue', () => {
    const r = buildPlanReport({
      definition: definition(3),
      asOf: '2019-12-31',
      measures: [
        facts('P01-M1', 'verified', { signedOffAt: new Date('2019-09-01T02:00:00Z') }),
        facts('P01-M2', 'withdrawn'),
        facts('P01-M3', 'assigned', { overdueLevel: 3 }),
      ],
      events: [],
      removedMeasures: 0,
    });
    expect(r.measures).toMatchObject({ total: 3, done: 1, withdrawn: 1, open: 1, overdue: 1 });
    expect(r.overdue.map((o) => [o.code, o.bucket, o.overdueLevel])).toEqual([['P01-M3', '>90', 3]]);
    expect(r.levels).toEqual({ 3: 1 });
    expect(r.measureRows[0].signedOffOn).toBe('2019-09-01');
  });

  it('replays status and escalation from events for a date before the latest event', () => {
    const at = (iso: string) => new Date(iso);
    const events = [
      { measureCode: 'P01-M1', kind: 'overdue_notice', level: 1, occurredAt: at('2019-09-30T16:00:00Z') },
      { measureCode: 'P01-M1', kind: 'supervision_notice', level: 2, occurredAt: at('2019-10-03T16:00:00Z') },
      { measureCode: 'P01-M1', kind: 'completion_claimed', level: 0, occurredAt: at('2019-10-05T02:00:00Z') },
      { measureCode: 'P01-M1', kind: 'verified', level: 0, occurredAt: at('2019-10-09T02:00:00Z') },
    ];
    const now = facts('P01-M1', 'verified', { signedOffAt: at('2019-10-09T02:00:00Z') });
    const on = (asOf: string) =>
      buildPlanReport({ definition: definition(1), asOf, measures: [now], events, removedMeasures: 0 })
        .measureRows[0];
    expect(on('2019-10-02')).toMatchObject({ status: 'assigned', overdueLevel: 1, daysOverdue: 2 });
    expect(on('2019-10-06')).toMatchObject({ status: 'completion_claimed', overdueLevel: 2, daysOverdue: 6 });
    expect(on('2019-10-10')).toMatchObject({
      status: 'verified',
      overdueLevel: 0,
      daysOverdue: 0,
      signedOffOn: '2019-10-09',
    });
  });

  it('shows indicators with the values reported since import', () => {
    const r = buildPlanReport({
      definition: definition(1),
      asOf: '2019-06-30',
      measures: [facts('P01-M1', 'in_progress', { indicators: [{ code: 'houses', current: 8738 }] })],
      events: [],
      removedMeasures: 0,
    });
    expect(r.indicators).toEqual([
      {
        measureCode: 'P01-M1',
        code: 'houses',
        name: '危房改造户数',
        unit: '户',
        target: 26500,
        adjustment: null,
        baseline: null,
        current: 8738,
      },
    ]);
  });

  it('shows an adjusted target (目标调整) from the day it was adjusted, the plan target before', () => {
    const adjustment = HOUSING_TARGET_ADJUSTMENT;
    const asOf = (day: string) =>
      buildPlanReport({
        definition: definition(1),
        asOf: day,
        measures: [
          facts('P01-M1', 'in_progress', {
            indicators: [{ code: 'houses', current: 8738, target: 26062, adjustment }],
          }),
        ],
        events: [],
        removedMeasures: 0,
      }).indicators[0];
    expect(asOf('2019-06-29')).toMatchObject({ target: 26500, adjustment: null });
    expect(asOf('2019-06-30')).toMatchObject({ target: 26062, adjustment });
  });
});

describe('the lights (亮灯) of a plan as of a date', () => {
  // P01-M1 and P01-M3 are led by GS-HOUSING, P01-M2 and P01-M4 by GS-POVERTY (the fixture's rule).
  const at = (iso: string) => new Date(iso);
  const changed = (measureCode: string, when: string, from: string | null, to: string | null) => ({
    measureCode,
    kind: 'light_changed',
    level: 0,
    occurredAt: at(when),
    light: { from, to } as never,
  });
  const report = (asOf: string) =>
    buildPlanReport({
      definition: definition(4),
      asOf,
      measures: [
        facts('P01-M1', 'in_progress', { light: 'red' }),
        facts('P01-M2', 'assigned', { light: 'yellow' }),
        facts('P01-M3', 'verified', { light: null, signedOffAt: at('2019-09-01T00:00:00Z') }),
        facts('P01-M4', 'withdrawn', { light: null }),
      ],
      events: [
        changed('P01-M1', '2019-09-01T00:00:00Z', 'green', 'yellow'),
        changed('P01-M1', '2019-09-30T16:00:00Z', 'yellow', 'red'),
        changed('P01-M2', '2019-09-20T00:00:00Z', 'green', 'yellow'),
        { measureCode: 'P01-M3', kind: 'verified', level: 0, occurredAt: at('2019-09-01T00:00:00Z') },
        { measureCode: 'P01-M4', kind: 'withdrawn', level: 0, occurredAt: at('2019-08-01T00:00:00Z') },
      ],
      removedMeasures: 0,
    });

  it('counts open measures by light now, in all and by lead unit; closed and withdrawn ones carry none', () => {
    const r = report('2019-12-31');
    expect(r.measureRows.map((m) => m.light)).toEqual(['red', 'yellow', null, null]);
    expect(r.lights).toEqual({
      total: { green: 0, blue: 0, yellow: 1, red: 1 },
      byUnit: [
        { unit: 'GS-HOUSING', name: '省住建厅', counts: { green: 0, blue: 0, yellow: 0, red: 1 } },
        { unit: 'GS-POVERTY', name: '省扶贫办', counts: { green: 0, blue: 0, yellow: 1, red: 0 } },
      ],
    });
  });

  it.each<[string, (string | null)[]]>([
    // Before any change: the light each was assigned with (the first change's `from`). One that
    // never changed and is no longer open has no light on record for those days.
    ['2019-07-31', ['green', 'green', null, null]],
    ['2019-08-15', ['green', 'green', null, null]],
    ['2019-09-10', ['yellow', 'green', null, null]],
    ['2019-09-25', ['yellow', 'yellow', null, null]],
    ['2019-10-01', ['red', 'yellow', null, null]],
  ])('replays the lights as of the end of %s from the light changes', (asOf, lights) => {
    expect(report(asOf).measureRows.map((m) => m.light)).toEqual(lights);
  });
});
