import {
  ACKNOWLEDGEMENT_STEP_KINDS,
  AcknowledgementStepKind,
  acknowledgeByFrom,
  checkAcknowledgementPolicy,
  planAcknowledgementLadder,
} from './acknowledgement-policy';
import { chinaCalendar } from './calendars/china-calendar';

const DELIVERED = Date.UTC(2019, 8, 27, 2, 0, 0); // Friday 27 Sep 2019, 10:00 in Beijing
const DAY = 86_400_000;

describe('acknowledgement policy (签收)', () => {
  it.each<[string, boolean, string | null]>([
    ['P1D', false, null],
    ['PT30S', false, null],
    ['P1WD', true, null],
    ['P1WD', false, 'no working calendar applies'],
    ['PT0S', false, 'must be a positive time limit'],
    ['-P1D', false, 'must be a positive time limit'],
    ['-P1WD', true, 'must be a positive time limit'],
    ['one day', false, 'is not an ISO-8601 duration'],
  ])('within %s (calendar %s) → %s, at acknowledgement.within', (within, calendar, problem) => {
    const problems = checkAcknowledgementPolicy({ within }, { calendar });
    if (problem === null) expect(problems).toEqual([]);
    else {
      expect(problems).toHaveLength(1);
      expect(problems[0].path).toBe('acknowledgement.within');
      expect(problems[0].message).toContain(problem);
    }
  });

  it.each<[AcknowledgementStepKind, string, string | null]>([
    ['acknowledgement_reminder', 'PT0S', null],
    ['acknowledgement_reminder', '-PT4H', null],
    ['acknowledgement_reminder', 'PT1S', 'a reminder comes at or before the acknowledge-by time'],
    ['acknowledgement_overdue', 'PT0S', null],
    ['acknowledgement_overdue', 'P1D', null],
    ['acknowledgement_overdue', '-PT1S', 'cannot come before the acknowledge-by time'],
    ['acknowledgement_overdue', 'soon', 'is not an ISO-8601 duration'],
  ])('step %s at %s → %s, located at steps[0].offset', (kind, offset, problem) => {
    const problems = checkAcknowledgementPolicy(
      { within: 'P1D', steps: [{ kind, offset }] },
      { calendar: false },
    );
    if (problem === null) expect(problems).toEqual([]);
    else
      expect(problems).toEqual([
        { path: 'acknowledgement.steps[0].offset', message: expect.stringContaining(problem) },
      ]);
  });

  it('names an unknown step kind, an empty ladder and a step listed twice', () => {
    const unknown = { kind: 'formal_talk', offset: 'P1D' } as unknown as {
      kind: AcknowledgementStepKind;
      offset: string;
    };
    expect(
      checkAcknowledgementPolicy({ within: 'P1D', steps: [unknown] }, { calendar: false }).map((p) => p.path),
    ).toEqual(['acknowledgement.steps[0].kind']);
    expect(
      checkAcknowledgementPolicy({ within: 'P1D', steps: [] }, { calendar: false }).map((p) => p.path),
    ).toEqual(['acknowledgement.steps']);
    const twice = { kind: 'acknowledgement_overdue', offset: 'P1D' } as const;
    expect(checkAcknowledgementPolicy({ within: 'P1D', steps: [twice, twice] }, { calendar: false })).toEqual(
      [{ path: 'acknowledgement.steps[1]', message: expect.stringContaining('listed twice') }],
    );
  });

  it('reports every problem at once', () => {
    const problems = checkAcknowledgementPolicy(
      {
        within: 'PT0S',
        steps: [
          { kind: 'acknowledgement_reminder', offset: 'P1D' },
          { kind: 'acknowledgement_overdue', offset: 'P1WD' },
        ],
      },
      { calendar: false },
    );
    expect(problems.map((p) => p.path)).toEqual([
      'acknowledgement.within',
      'acknowledgement.steps[0].offset',
      'acknowledgement.steps[1].offset',
    ]);
  });

  it('uses the default ladder when only `within` is given: reminder at the limit, escalation a day later', () => {
    const by = acknowledgeByFrom(DELIVERED, { within: 'P1D' });
    expect(by).toBe(DELIVERED + DAY);
    const ladder = planAcknowledgementLadder(by, { within: 'P1D' });
    expect(ladder.map((s) => [s.kind, s.fireAtMs - by])).toEqual([
      ['acknowledgement_reminder', 0],
      ['acknowledgement_overdue', DAY],
    ]);
    expect(ladder.map((s) => s.kind).sort()).toEqual([...ACKNOWLEDGEMENT_STEP_KINDS].sort());
  });

  it('counts working days on the calendar: one working day from a Friday is the Monday', () => {
    const CN = chinaCalendar([2026]);
    const friday = Date.UTC(2026, 2, 13, 2, 0, 0); // Fri 13 Mar 2026, 10:00 in Beijing
    const by = acknowledgeByFrom(friday, { within: 'P1WD' }, CN);
    expect(new Date(by).toISOString()).toBe('2026-03-16T02:00:00.000Z');
    const ladder = planAcknowledgementLadder(
      by,
      { within: 'P1WD', steps: [{ kind: 'acknowledgement_overdue', offset: 'P1WD' }] },
      CN,
    );
    expect(new Date(ladder[0].fireAtMs).toISOString()).toBe('2026-03-17T02:00:00.000Z');
  });

  it('orders steps due at the same instant reminder first, with stable keys', () => {
    const ladder = planAcknowledgementLadder(DELIVERED, {
      within: 'PT30S',
      steps: [
        { kind: 'acknowledgement_overdue', offset: 'PT0S' },
        { kind: 'acknowledgement_reminder', offset: 'PT0S' },
      ],
    });
    expect(ladder.map((s) => s.key)).toEqual([
      'acknowledgement_reminder@PT0S',
      'acknowledgement_overdue@PT0S',
    ]);
  });
});
