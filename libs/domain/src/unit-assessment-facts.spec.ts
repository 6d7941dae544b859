import {
  ASSESSED_EVENT_KINDS,
  AssessedEvent,
  AssessedMeasure,
  unitPeriodFacts,
} from './unit-assessment-facts';

const t = (iso: string) => new Date(iso);
// December 2026 (UTC), judged on the 20th.
const DEC = { startMs: Date.parse('2026-12-01T00:00:00Z'), endMs: Date.parse('2027-01-01T00:00:00Z') };
const NOW = Date.parse('2026-12-20T00:00:00Z');

const measure = (id: string, dueAt: string, signedOffAt: string | null = null): AssessedMeasure => ({
  id,
  leadUnitCode: 'U',
  dueAt: t(dueAt),
  signedOffAt: signedOffAt ? t(signedOffAt) : null,
});
const event = (
  measureId: string,
  kind: string,
  occurredAt: string,
  level = 0,
  detail = {},
): AssessedEvent => ({
  measureId,
  kind,
  level,
  occurredAt: t(occurredAt),
  detail,
});
const facts = (measures: AssessedMeasure[], events: AssessedEvent[] = [], closes = [] as never[]) => {
  const [f] = unitPeriodFacts(DEC, NOW, measures, events, closes);
  return f;
};

describe('unitPeriodFacts', () => {
  it.each([
    ['claimed by its deadline', [event('a', 'completion_claimed', '2026-12-09T00:00:00Z')], 1, 1],
    ['verified by its deadline', [event('a', 'verified', '2026-12-10T00:00:00Z')], 1, 1],
    ['claimed after its deadline', [event('a', 'completion_claimed', '2026-12-12T00:00:00Z')], 1, 0],
    ['not claimed', [], 1, 0],
  ])('a measure due on 10 December, %s', (_, events, due, onTime) => {
    expect(facts([measure('a', '2026-12-10T00:00:00Z')], events)).toMatchObject({
      measuresDue: due,
      completedOnTime: onTime,
    });
  });

  it('does not judge a measure due later in the period and not claimed yet', () => {
    expect(facts([measure('a', '2026-12-25T00:00:00Z')])).toMatchObject({ measuresDue: 0, overdue: [] });
  });

  it('counts overdue days to the claim or the judging time, at the highest level reached', () => {
    const f = facts(
      [
        measure('a', '2026-12-10T00:00:00Z'),
        measure('b', '2026-12-05T00:00:00Z'),
        measure('c', '2026-10-01T00:00:00Z'),
      ],
      [
        event('a', 'overdue_notice', '2026-12-10T00:00:00Z', 1),
        event('a', 'supervision_notice', '2026-12-13T00:00:00Z', 2),
        event('b', 'completion_claimed', '2026-12-07T12:00:00Z'),
        event('c', 'formal_talk', '2026-11-01T00:00:00Z', 3),
      ],
    );
    expect(f.overdue).toEqual([
      { days: 10, level: 2 },
      { days: 3, level: 0 },
      { days: 80, level: 3 },
    ]);
    expect(f.measures).toBe(3);
  });

  it('leaves out a measure claimed before the period began, and one signed off before it', () => {
    const f = facts(
      [measure('a', '2026-11-01T00:00:00Z'), measure('b', '2026-10-01T00:00:00Z', '2026-11-15T00:00:00Z')],
      [event('a', 'completion_claimed', '2026-11-20T00:00:00Z')],
    );
    expect(f).toMatchObject({ measures: 1, overdue: [] });
  });

  it('counts escalations of level 2 and above, rejections and failed look-backs in the period only', () => {
    const f = facts(
      [measure('a', '2026-11-01T00:00:00Z')],
      [
        event('a', 'reminder', '2026-12-02T00:00:00Z', 0),
        event('a', 'overdue_notice', '2026-12-02T00:00:00Z', 1),
        event('a', 'supervision_notice', '2026-11-20T00:00:00Z', 2),
        event('a', 'formal_talk', '2026-12-03T00:00:00Z', 3),
        event('a', 'accountability_referral', '2026-12-25T00:00:00Z', 4), // after the judging time
        event('a', 'rejected', '2026-12-04T00:00:00Z'),
        event('a', 'rejected', '2026-11-04T00:00:00Z'),
        event('a', 'look_back_failed', '2026-12-05T00:00:00Z'),
      ],
    );
    expect(f).toMatchObject({ escalations: 1, rejections: 1, lookBacksFailed: 1 });
    expect(f.overdue).toEqual([{ days: 49, level: 3 }]);
  });

  it('counts acknowledgements: on time, late, and a delivery left unanswered past its limit', () => {
    const f = facts(
      [
        measure('a', '2027-06-01T00:00:00Z'),
        measure('b', '2027-06-01T00:00:00Z'),
        measure('c', '2027-06-01T00:00:00Z'),
      ],
      [
        event('a', 'assignment_delivered', '2026-12-01T00:00:00Z', 0, {
          acknowledgeBy: '2026-12-02T00:00:00Z',
        }),
        event('a', 'assignment_acknowledged', '2026-12-01T08:00:00Z', 0, { late: false }),
        event('b', 'assignment_delivered', '2026-12-01T00:00:00Z', 0, {
          acknowledgeBy: '2026-12-02T00:00:00Z',
        }),
        event('b', 'assignment_acknowledged', '2026-12-03T00:00:00Z', 0, { late: true }),
        event('c', 'assignment_delivered', '2026-12-01T00:00:00Z', 0, {
          acknowledgeBy: '2026-12-02T00:00:00Z',
        }),
      ],
    );
    expect(f).toMatchObject({ acknowledgementsDue: 3, acknowledgedOnTime: 1 });
  });

  // So the ranking does not read them.
  it('counts a reminder for nothing: before a deadline, past it, or in place of an escalation', () => {
    const measures = [measure('a', '2026-12-10T00:00:00Z'), measure('b', '2027-02-01T00:00:00Z')];
    const escalated = [event('a', 'supervision_notice', '2026-12-12T00:00:00Z', 2)];
    const reminders = ['2026-12-03', '2026-12-11', '2026-12-15'].flatMap((d) =>
      ['a', 'b'].map((m) => event(m, 'reminder', `${d}T00:00:00Z`, 0)),
    );

    expect(facts(measures, [...escalated, ...reminders])).toEqual(facts(measures, escalated));
    expect(ASSESSED_EVENT_KINDS).not.toContain('reminder');
  });

  it('counts the reports owed and filed in the periods that closed, per unit', () => {
    const closes = [
      [
        { code: 'U', owed: true, reported: true },
        { code: 'V', owed: true, reported: false },
      ],
      [
        { code: 'U', owed: true, reported: false },
        { code: 'V', owed: false, reported: false },
      ],
    ];
    const rows = unitPeriodFacts(
      DEC,
      NOW,
      [measure('a', '2027-06-01T00:00:00Z'), { ...measure('b', '2027-06-01T00:00:00Z'), leadUnitCode: 'V' }],
      [],
      closes,
    );
    expect(rows.map((r) => [r.unit, r.reportsDue, r.reportsOnTime])).toEqual([
      ['U', 2, 1],
      ['V', 1, 0],
    ]);
  });
});
