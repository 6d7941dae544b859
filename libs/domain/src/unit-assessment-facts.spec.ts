import { compactHistory, wholeHistory } from '../../../test/support/assessed-history';
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
// A delivery (签收 asked) whose acknowledgement is due by `acknowledgeBy`.
const delivered = (measureId: string, occurredAt: string, acknowledgeBy: string): AssessedEvent =>
  event(measureId, 'assignment_delivered', occurredAt, 0, { acknowledgeBy });
const facts = (measures: AssessedMeasure[], events: AssessedEvent[] = [], closes = [] as never[]) => {
  const [f] = unitPeriodFacts(DEC, NOW, measures, wholeHistory(events), closes);
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
        delivered('a', '2026-12-01T00:00:00Z', '2026-12-02T00:00:00Z'),
        event('a', 'assignment_acknowledged', '2026-12-01T08:00:00Z', 0, { late: false }),
        delivered('b', '2026-12-01T00:00:00Z', '2026-12-02T00:00:00Z'),
        event('b', 'assignment_acknowledged', '2026-12-03T00:00:00Z', 0, { late: true }),
        delivered('c', '2026-12-01T00:00:00Z', '2026-12-02T00:00:00Z'),
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
      wholeHistory([]),
      closes,
    );
    expect(rows.map((r) => [r.unit, r.reportsDue, r.reportsOnTime])).toEqual([
      ['U', 2, 1],
      ['V', 1, 0],
    ]);
  });

  // What the ranking reads of a plan's history before the periods it judges is that history's
  // summary (AssessedHistory): a period is judged the same from it as from the whole.
  describe('from a summary of the history before the period', () => {
    const measures = [
      measure('claimed-before', '2026-11-10T00:00:00Z'),
      measure('claimed-late-before', '2026-10-10T00:00:00Z'),
      measure('escalated-before', '2026-10-01T00:00:00Z'),
      measure('escalated-across', '2026-11-20T00:00:00Z'),
      measure('delivered-before', '2027-06-01T00:00:00Z'),
      measure('delivered-pending', '2027-06-01T00:00:00Z'),
      measure('delivered-answered-in', '2027-06-01T00:00:00Z'),
      measure('delivered-twice', '2027-06-01T00:00:00Z'),
      measure('quiet', '2026-12-10T00:00:00Z'),
      // Claimed early: judged in December, due after its judging time but inside it.
      measure('claimed-before-due-late-in-period', '2026-12-25T00:00:00Z'),
      // Claimed early and escalated once, due after December: judged in no period here.
      measure('claimed-before-due-later', '2027-02-01T00:00:00Z'),
    ];
    const events = [
      event('claimed-before', 'completion_claimed', '2026-11-05T00:00:00Z'),
      event('claimed-before', 'verified', '2026-11-25T00:00:00Z'),
      event('claimed-late-before', 'overdue_notice', '2026-10-11T00:00:00Z', 1),
      event('claimed-late-before', 'completion_claimed', '2026-11-02T00:00:00Z'),
      event('claimed-late-before', 'rejected', '2026-11-09T00:00:00Z'),
      event('claimed-late-before', 'completion_claimed', '2026-12-04T00:00:00Z'),
      event('escalated-before', 'formal_talk', '2026-10-20T00:00:00Z', 3),
      event('escalated-before', 'supervision_notice', '2026-12-02T00:00:00Z', 2),
      event('escalated-before', 'look_back_failed', '2026-11-03T00:00:00Z'),
      event('escalated-across', 'overdue_notice', '2026-11-21T00:00:00Z', 1),
      event('escalated-across', 'supervision_notice', '2026-12-05T00:00:00Z', 2),
      delivered('delivered-before', '2026-10-01T00:00:00Z', '2026-10-04T00:00:00Z'),
      event('delivered-before', 'assignment_acknowledged', '2026-10-02T00:00:00Z', 0, { late: false }),
      delivered('delivered-pending', '2026-11-28T00:00:00Z', '2026-12-03T00:00:00Z'),
      delivered('delivered-answered-in', '2026-11-29T00:00:00Z', '2026-12-04T00:00:00Z'),
      event('delivered-answered-in', 'assignment_acknowledged', '2026-12-06T00:00:00Z', 0, { late: true }),
      // Acknowledged the instant it was delivered once; delivered again, and not answered.
      delivered('delivered-twice', '2026-11-01T00:00:00Z', '2026-11-04T00:00:00Z'),
      event('delivered-twice', 'assignment_acknowledged', '2026-11-01T00:00:00Z', 0, { late: false }),
      delivered('delivered-twice', '2026-11-30T00:00:00Z', '2026-12-02T00:00:00Z'),
      event('claimed-before-due-late-in-period', 'completion_claimed', '2026-10-15T00:00:00Z'),
      event('claimed-before-due-later', 'overdue_notice', '2026-10-16T00:00:00Z', 1),
      event('claimed-before-due-later', 'completion_claimed', '2026-10-17T00:00:00Z'),
    ];
    const dueAt = (id: string) => measures.find((m) => m.id === id)!.dueAt;
    const DEC_START = new Date(DEC.startMs);
    const NOV = { startMs: Date.parse('2026-11-01T00:00:00Z'), endMs: DEC.startMs };

    it.each([
      ['December, summarised to its start', DEC, '2026-12-01T00:00:00Z'],
      ['December, summarised to November', DEC, '2026-11-01T00:00:00Z'],
      ['December, summarised to the instant of a delivery', DEC, '2026-11-28T00:00:00Z'],
      ['December, summarised to mid-November', DEC, '2026-11-15T00:00:00Z'],
      ['November, summarised to its start', NOV, '2026-11-01T00:00:00Z'],
      ['November, summarised to October', NOV, '2026-10-01T00:00:00Z'],
      ['November, nothing summarised', NOV, '2026-01-01T00:00:00Z'],
    ])('%s', (_, period, since) => {
      const whole = unitPeriodFacts(period, NOW, measures, wholeHistory(events), []);
      const summary = compactHistory(events, t(since), new Date(period.endMs), dueAt);
      const summarised = unitPeriodFacts(period, NOW, measures, summary, []);

      expect(summarised).toEqual(whole);
      // Not a judgement of nothing: each line of the scenario counts in one period or the other.
      expect(whole[0]).not.toMatchObject({ measuresDue: 0, escalations: 0, acknowledgementsDue: 0 });
      expect(summary.earlier.map((e) => e.measureId)).not.toContain('claimed-before-due-later');
    });

    it('judges a measure due after its judging time, claimed before the summary ends', () => {
      const summary = compactHistory(events, DEC_START, new Date(DEC.endMs), dueAt);
      const judged = (h: typeof summary) =>
        unitPeriodFacts(
          DEC,
          NOW,
          measures.filter((m) => m.id === 'claimed-before-due-late-in-period'),
          h,
          [],
        )[0];

      expect(judged(summary)).toMatchObject({ measuresDue: 1, completedOnTime: 1 });
      expect(judged(wholeHistory(events))).toEqual(judged(summary));
    });

    it('refuses a period that began before the summary ends', () => {
      expect(() =>
        unitPeriodFacts(DEC, NOW, measures, compactHistory(events, t('2026-12-02T00:00:00Z')), []),
      ).toThrow(RangeError);
    });

    it('refuses a period that ends after the measures it summarises are due', () => {
      const summary = compactHistory(events, DEC_START, t('2026-12-31T00:00:00Z'), dueAt);
      expect(() => unitPeriodFacts(DEC, NOW, measures, summary, [])).toThrow(RangeError);
    });
  });
});
