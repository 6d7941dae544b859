import { chinaCalendar } from './calendars/china-calendar';
import {
  checkEscalationPolicy,
  DEFAULT_ESCALATION_POLICY,
  ESCALATION_KINDS,
  ESCALATION_LEVEL,
  ESCALATION_STEP_KINDS,
  EscalationStepKind,
  ladderPositionAt,
  planLadder,
  previewPolicyChange,
} from './escalation-ladder';
import type { WorkingCalendar } from './working-calendar';

const DUE = Date.UTC(2019, 8, 30, 16, 0, 0);
const DAY = 86_400_000;

describe('escalation ladder', () => {
  it.each<[EscalationStepKind, number, boolean]>([
    ['reminder', 0, false],
    ['overdue_notice', 1, true],
    ['supervision_notice', 2, true],
    ['formal_talk', 3, true],
    ['accountability_referral', 4, true],
  ])('places %s at level %d (an escalation: %s)', (kind, level, escalation) => {
    expect(ESCALATION_LEVEL[kind]).toBe(level);
    expect(ESCALATION_KINDS.includes(kind)).toBe(escalation);
  });

  it('covers every step kind in the level table', () => {
    expect(Object.keys(ESCALATION_LEVEL).sort()).toEqual([...ESCALATION_STEP_KINDS].sort());
  });

  it('orders the default ladder from T-7d to T+15d', () => {
    const ladder = planLadder(DUE, DEFAULT_ESCALATION_POLICY);
    expect(ladder.map((s) => [s.kind, (s.fireAtMs - DUE) / DAY])).toEqual([
      ['reminder', -7],
      ['reminder', -1],
      ['overdue_notice', 0],
      ['supervision_notice', 3],
      ['formal_talk', 7],
      ['accountability_referral', 15],
    ]);
  });

  it('keeps severity order for steps due at the same instant', () => {
    const ladder = planLadder(DUE, {
      version: 't',
      steps: [
        { kind: 'formal_talk', offset: 'P1D' },
        { kind: 'supervision_notice', offset: 'P1D' },
      ],
    });
    expect(ladder.map((s) => s.kind)).toEqual(['supervision_notice', 'formal_talk']);
  });

  it('gives every step a key stable across recomputation', () => {
    const a = planLadder(DUE, DEFAULT_ESCALATION_POLICY).map((s) => s.key);
    const b = planLadder(DUE + DAY, DEFAULT_ESCALATION_POLICY).map((s) => s.key);
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(a.length);
  });

  describe('checking a policy', () => {
    it.each<[EscalationStepKind, string, string | null]>([
      ['reminder', '-P1D', null],
      ['reminder', 'P1D', 'a reminder must come before the deadline'],
      ['reminder', 'PT0S', 'a reminder must come before the deadline'],
      ['overdue_notice', 'PT0S', null],
      ['overdue_notice', '-P1D', 'cannot come before the deadline'],
      ['supervision_notice', 'P3D', null],
      ['formal_talk', '-PT1S', 'cannot come before the deadline'],
      ['accountability_referral', 'P15D', null],
      ['accountability_referral', 'fifteen days', 'is not an ISO-8601 duration'],
    ])('%s at %s → %s, with or without a calendar', (kind, offset, problem) => {
      for (const calendar of [false, true]) {
        const problems = checkEscalationPolicy({ version: 't', steps: [{ kind, offset }] }, { calendar });
        if (problem === null) expect(problems).toEqual([]);
        else expect(problems[0].message).toContain(problem);
      }
    });

    // Working-day offsets: the same rules of before and after, once a calendar applies.
    it.each<[EscalationStepKind, string, boolean, string | null]>([
      ['reminder', '-P2WD', true, null],
      ['reminder', '-P2WD', false, 'step 1 (reminder at -P2WD) counts working days, but no working calendar'],
      ['reminder', 'P1WD', true, 'a reminder must come before the deadline'],
      ['reminder', '-P0WD', true, 'a reminder must come before the deadline'],
      ['overdue_notice', 'P0WD', true, null],
      ['overdue_notice', '-P1WD', true, 'a overdue_notice cannot come before the deadline'],
      ['overdue_notice', 'P0WD', false, 'step 1 (overdue_notice at P0WD) counts working days'],
      ['supervision_notice', 'P3WD', true, null],
      ['supervision_notice', 'P3WD', false, 'step 1 (supervision_notice at P3WD) counts working days'],
      ['formal_talk', 'P5WD', true, null],
      ['formal_talk', '-P5WD', true, 'cannot come before the deadline'],
      ['accountability_referral', 'P10WD', true, null],
      ['accountability_referral', 'P1000WD', true, 'is not an ISO-8601 duration'],
      ['accountability_referral', 'P3wd', true, 'is not an ISO-8601 duration'],
    ])('%s at %s (calendar: %s) → %s', (kind, offset, calendar, problem) => {
      const problems = checkEscalationPolicy({ version: 't', steps: [{ kind, offset }] }, { calendar });
      if (problem === null) expect(problems).toEqual([]);
      else
        expect(problems).toEqual([{ index: 0, field: 'offset', message: expect.stringContaining(problem) }]);
    });

    it('names the step of a working-day offset that no calendar can count', () => {
      const problems = checkEscalationPolicy(
        {
          version: 't',
          steps: [
            { kind: 'reminder', offset: '-P1D' },
            { kind: 'supervision_notice', offset: 'P3WD' },
          ],
        },
        { calendar: false },
      );
      expect(problems).toEqual([
        {
          index: 1,
          field: 'offset',
          message:
            'step 2 (supervision_notice at P3WD) counts working days, but no working calendar applies: ' +
            'name one in plan.calendar, or write the offset as an ISO-8601 duration (e.g. -P2D)',
        },
      ]);
    });

    it('refuses the same step twice', () => {
      const problems = checkEscalationPolicy(
        {
          version: 't',
          steps: [
            { kind: 'reminder', offset: '-P1D' },
            { kind: 'reminder', offset: '-P1D' },
          ],
        },
        { calendar: false },
      );
      expect(problems).toEqual([
        { index: 1, field: 'offset', message: 'step reminder@-P1D is listed twice' },
      ]);
    });
  });

  describe('position when following starts', () => {
    const ladder = planLadder(DUE, DEFAULT_ESCALATION_POLICY);

    it('leaves everything pending before the first reminder', () => {
      const p = ladderPositionAt(ladder, DUE - 30 * DAY);
      expect(p).toEqual({ skipped: [], catchUp: null, pending: ladder });
    });

    it('skips past reminders without catching up on them', () => {
      const p = ladderPositionAt(ladder, DUE - 3 * DAY);
      expect(p.skipped.map((s) => s.key)).toEqual(['reminder@-P7D']);
      expect(p.catchUp).toBeNull();
      expect(p.pending).toHaveLength(5);
    });

    it('fires only the highest escalation already reached', () => {
      const p = ladderPositionAt(ladder, DUE + 8 * DAY);
      expect(p.catchUp?.key).toBe('formal_talk@P7D');
      expect(p.skipped.map((s) => s.key)).toEqual([
        'reminder@-P7D',
        'reminder@-P1D',
        'overdue_notice@PT0S',
        'supervision_notice@P3D',
      ]);
      expect(p.pending.map((s) => s.key)).toEqual(['accountability_referral@P15D']);
    });

    it('treats a step due exactly at the start as reached', () => {
      const p = ladderPositionAt(ladder, DUE);
      expect(p.catchUp?.key).toBe('overdue_notice@PT0S');
    });
  });

  describe('on a working calendar (PRC 2026)', () => {
    // National Day: 1–7 October off, Saturday 10 October worked (调休), Sunday 11 October off.
    const CN = chinaCalendar([2026]);
    const CN_OFFICE: WorkingCalendar = { ...CN, workingHours: { from: '09:00', to: '17:00' } };
    const CALENDARS = { CN, 'CN office': CN_OFFICE, none: null };
    const at = (text: string): number => Date.parse(text);
    const iso = (ms: number): string => new Date(ms).toISOString();
    // Local times in Shanghai in 2026, written short: '10-08 09:00'.
    const local = (mmdd: string): number => at(`2026-${mmdd.replace(' ', 'T')}+08:00`);
    const ladderOf = (due: string, steps: string[], cal: WorkingCalendar | null) =>
      planLadder(
        local(due),
        {
          version: 't',
          steps: steps.map((s) => {
            const [kind, offset] = s.split('@') as [EscalationStepKind, string];
            return { kind, offset };
          }),
        },
        cal,
      );

    const TABLE: [string, string, string, keyof typeof CALENDARS, string][] = [
      // Reminders on a non-working day come at the last working moment before it.
      ['reminder on National Day', 'reminder@-P7D', '10-08 09:00', 'CN', '09-30 09:00'],
      ['reminder late in the holiday', 'reminder@-P3D', '10-08 09:00', 'CN', '09-30 09:00'],
      ['reminder in office hours', 'reminder@-P1D', '10-08 10:00', 'CN office', '09-30 17:00'],
      ['reminder after closing time', 'reminder@-PT14H', '10-09 08:00', 'CN office', '10-08 17:00'],
      ['reminder on a Sunday, onto the 调休 Saturday', 'reminder@-P1D', '10-12 09:00', 'CN', '10-10 09:00'],
      ['reminder on a working day stays', 'reminder@-P1D', '10-09 10:00', 'CN', '10-08 10:00'],
      ['reminder without a calendar stays', 'reminder@-P7D', '10-08 09:00', 'none', '10-01 09:00'],
      // Working-day offsets count the 调休 Saturday and skip the Sunday after it.
      ['reminder one working day back', 'reminder@-P1WD', '10-12 09:00', 'CN', '10-10 09:00'],
      ['reminder two working days back', 'reminder@-P2WD', '10-12 09:00', 'CN', '10-09 09:00'],
      ['reminder back over the holiday', 'reminder@-P4WD', '10-12 09:00', 'CN', '09-30 09:00'],
      // Escalations after the deadline are never pulled earlier, holiday or not.
      ['催办 on a holiday', 'overdue_notice@PT0S', '10-01 00:00', 'CN', '10-01 00:00'],
      ['督办 on a holiday', 'supervision_notice@P3D', '09-30 09:00', 'CN', '10-03 09:00'],
      ['约谈 on a holiday, office hours', 'formal_talk@P7D', '09-28 09:00', 'CN office', '10-05 09:00'],
      ['约谈 in working days', 'formal_talk@P3WD', '09-30 09:00', 'CN', '10-10 09:00'],
      ['问责移送 onto the 调休 Saturday', 'accountability_referral@P1WD', '10-09 09:00', 'CN', '10-10 09:00'],
      ['问责移送 over the Sunday', 'accountability_referral@P2WD', '10-09 09:00', 'CN', '10-12 09:00'],
    ];
    it.each(TABLE)('%s: %s due %s (%s) fires %s', (_what, key, due, cal, fires) => {
      const [step] = ladderOf(due, [key], CALENDARS[cal]);
      expect([step.key, iso(step.fireAtMs)]).toEqual([key, iso(local(fires))]);
      expect(step.level).toBe(ESCALATION_LEVEL[step.kind]);
    });

    it('covers every step kind in the table', () => {
      const kinds = new Set(TABLE.map(([, key]) => key.split('@')[0]));
      expect([...kinds].sort()).toEqual([...ESCALATION_STEP_KINDS].sort());
    });

    it('orders the ladder by the times after moving', () => {
      // -P1D falls on 7 October and moves to 30 September 09:00, before -P7DT20H (13:00 that day).
      const ladder = ladderOf(
        '10-08 09:00',
        ['reminder@-P7DT20H', 'reminder@-P1D', 'overdue_notice@PT0S'],
        CN,
      );
      expect(ladder.map((s) => [s.key, iso(s.fireAtMs)])).toEqual([
        ['reminder@-P1D', iso(local('09-30 09:00'))],
        ['reminder@-P7DT20H', iso(local('09-30 13:00'))],
        ['overdue_notice@PT0S', iso(local('10-08 09:00'))],
      ]);
    });

    it('is the old ladder without a calendar', () => {
      expect(planLadder(DUE, DEFAULT_ESCALATION_POLICY, null)).toEqual(
        planLadder(DUE, DEFAULT_ESCALATION_POLICY),
      );
    });

    it('refuses to place a working-day offset without a calendar', () => {
      expect(() => ladderOf('10-12 09:00', ['reminder@-P2WD'], null)).toThrow(
        'offset -P2WD counts working days, but no working calendar applies',
      );
    });

    it('previews a policy change on the calendar the measure runs on', () => {
      const from = { version: 'a', steps: [{ kind: 'reminder' as const, offset: '-P1D' }] };
      const to = { version: 'b', steps: [{ kind: 'reminder' as const, offset: '-P2WD' }] };
      const moves = previewPolicyChange(local('10-12 09:00'), from, to, new Set(), CN);
      expect(moves).toEqual([
        { kind: 'reminder', ordinal: 1, fromMs: local('10-10 09:00'), toMs: local('10-09 09:00') },
      ]);
    });
  });
});
