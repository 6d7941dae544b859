import {
  checkEscalationPolicy,
  DEFAULT_ESCALATION_POLICY,
  ESCALATION_LEVEL,
  ESCALATION_STEP_KINDS,
  EscalationStepKind,
  ladderPositionAt,
  planLadder,
} from './escalation-ladder';

const DUE = Date.UTC(2019, 8, 30, 16, 0, 0);
const DAY = 86_400_000;

describe('escalation ladder', () => {
  it.each<[EscalationStepKind, number]>([
    ['reminder', 0],
    ['overdue_notice', 1],
    ['supervision_notice', 2],
    ['formal_talk', 3],
    ['accountability_referral', 4],
  ])('places %s at level %d', (kind, level) => {
    expect(ESCALATION_LEVEL[kind]).toBe(level);
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
    ])('%s at %s → %s', (kind, offset, problem) => {
      const problems = checkEscalationPolicy({ version: 't', steps: [{ kind, offset }] });
      if (problem === null) expect(problems).toEqual([]);
      else expect(problems[0].message).toContain(problem);
    });

    it('refuses the same step twice', () => {
      const problems = checkEscalationPolicy({
        version: 't',
        steps: [
          { kind: 'reminder', offset: '-P1D' },
          { kind: 'reminder', offset: '-P1D' },
        ],
      });
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
});
