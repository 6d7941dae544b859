import {
  answerDueAt,
  answerReminderAt,
  INSTRUCTION_LIMITS,
  INSTRUCTION_STATES,
  INSTRUCTION_STEP_KINDS,
  INSTRUCTION_TARGET_KINDS,
  instructionAccess,
  type InstructionAccess,
  type InstructionInput,
  type InstructionState,
  type InstructionTargetKind,
  instructionProblems,
  instructionState,
  instructionStepAddressees,
  instructionSteps,
  mayAnswer,
  responsibleUnits,
} from './leader-instruction';

const TODAY = '2026-12-02';
const GOOD: InstructionInput = {
  targetKind: 'measure',
  targetCode: 'M-1',
  text: '请抓紧落实，按期报送整改情况。',
  issuedOn: '2026-12-01',
  author: '分管副省长',
};

describe('leader instructions (批示)', () => {
  describe('input', () => {
    it.each(INSTRUCTION_TARGET_KINDS)('accepts a well-formed instruction on a %s', (kind) => {
      expect(instructionProblems({ ...GOOD, targetKind: kind }, TODAY)).toEqual([]);
    });

    it.each<[string, Partial<InstructionInput>, string]>([
      ['an unknown target kind', { targetKind: 'unit' }, 'targetKind'],
      ['a blank target code', { targetCode: '  ' }, 'targetCode'],
      ['blank text', { text: ' \n ' }, 'text'],
      ['text over the limit', { text: '字'.repeat(INSTRUCTION_LIMITS.text + 1) }, 'text'],
      ['a blank author', { author: '' }, 'author'],
      ['an author over the limit', { author: 'x'.repeat(INSTRUCTION_LIMITS.author + 1) }, 'author'],
      ['a date in the future', { issuedOn: '2026-12-03' }, 'issuedOn'],
      ['a date that is no calendar date', { issuedOn: '2026-02-30' }, 'issuedOn'],
      ['a date in another format', { issuedOn: '2026/12/01' }, 'issuedOn'],
      ['a limit that is no duration', { answerLimit: '10 days' }, 'answerLimit'],
      ['a negative limit', { answerLimit: '-P1D' }, 'answerLimit'],
      ['a zero limit', { answerLimit: 'PT0S' }, 'answerLimit'],
    ])('refuses %s, naming the field', (_name, change, path) => {
      expect(instructionProblems({ ...GOOD, ...change }, TODAY).map((p) => p.path)).toEqual([path]);
    });

    it('accepts an instruction issued today and a limit in seconds', () => {
      expect(instructionProblems({ ...GOOD, issuedOn: TODAY, answerLimit: 'PT5S' }, TODAY)).toEqual([]);
    });

    it('names every wrong field at once', () => {
      const problems = instructionProblems({ ...GOOD, text: '', author: ' ', issuedOn: '2027-01-01' }, TODAY);
      expect(problems.map((p) => p.path)).toEqual(['text', 'author', 'issuedOn']);
    });
  });

  describe('the answer limit', () => {
    const recorded = Date.UTC(2026, 11, 2, 8);
    it('defaults to ten days from recording', () => {
      expect(answerDueAt(recorded)).toBe(recorded + 10 * 86_400_000);
    });
    it('takes the limit the instruction gives', () => {
      expect(answerDueAt(recorded, 'PT30S')).toBe(recorded + 30_000);
    });
    it('reminds when a fifth of the time is left', () => {
      expect(answerReminderAt(recorded, recorded + 10_000)).toBe(recorded + 8_000);
    });
  });

  describe('state', () => {
    const due = 1_000;
    const cases: [number | null, number, InstructionState][] = [
      [null, 999, 'awaiting_answer'],
      [null, 1_000, 'answer_overdue'],
      [500, 2_000, 'answered'],
      [1_500, 2_000, 'answered'], // a late answer is still an answer
    ];
    it.each(cases)('answered at %p, now %p: %s', (answeredAt, now, state) => {
      expect(instructionState(answeredAt, due, now)).toBe(state);
    });
    it('covers every state', () => {
      expect(new Set(cases.map((c) => c[2]))).toEqual(new Set(INSTRUCTION_STATES));
    });
  });

  describe('who must answer', () => {
    const table: [InstructionTargetKind, string[], string[]][] = [
      ['measure', ['GS-POVERTY'], ['GS-POVERTY']],
      ['problem', ['LINXIA', 'GS-HOUSING', 'LINXIA'], ['GS-HOUSING', 'LINXIA']],
      ['plan', ['GS-POVERTY'], []], // the office answers for the plan
    ];
    it.each(table)('a %s with lead units %p: %p', (kind, leadUnits, expected) => {
      expect(responsibleUnits({ kind, measureLeadUnits: leadUnits })).toEqual(expected);
    });
    it('has a row for every target kind', () => {
      expect(table.map((r) => r[0]).sort()).toEqual([...INSTRUCTION_TARGET_KINDS].sort());
    });

    // The measure is led by GS-POVERTY (under GS-GOV in the unit tree) with co-unit LINXIA; a
    // problem's measures are led by GS-POVERTY and GS-HOUSING.
    const responsible = {
      measure: ['GS-POVERTY', 'GS-GOV'],
      problem: ['GS-POVERTY', 'GS-HOUSING', 'GS-GOV'],
      plan: [],
    };
    const scope = {
      measure: ['GS-POVERTY', 'GS-GOV', 'LINXIA'],
      problem: ['GS-POVERTY', 'GS-HOUSING', 'GS-GOV', 'LINXIA'],
      plan: [],
    };
    const access: [string, string, string[], InstructionTargetKind, InstructionAccess][] = [
      ['a responsible unit', 'unit', ['GS-POVERTY'], 'measure', 'answer'],
      ['the unit above the responsible one', 'unit', ['GS-GOV'], 'measure', 'answer'],
      ['a co-unit, who sees the measure', 'unit', ['LINXIA'], 'measure', 'read'],
      ['a unit outside the scope', 'unit', ['GS-HOUSING'], 'measure', 'hidden'],
      ['one of a problem’s units', 'unit', ['GS-HOUSING'], 'problem', 'answer'],
      ['a unit with nothing in a problem', 'unit', ['GS-TRAFFIC'], 'problem', 'hidden'],
      ['a unit, on a plan', 'unit', ['GS-POVERTY'], 'plan', 'read'],
      ['the office, on a plan', 'office', [], 'plan', 'answer'],
      ['an admin', 'admin', [], 'measure', 'answer'],
      ['a leader', 'lead_leader', [], 'measure', 'read'],
      ['a verifier', 'verifier', ['GS-POVERTY'], 'measure', 'hidden'],
      ['a discipline body', 'discipline', ['GS-POVERTY'], 'problem', 'hidden'],
      ['the public', 'public', [], 'plan', 'hidden'],
    ];
    it.each(access)('%s: %p', (_name, role, units, kind, expected) => {
      const leadUnits = kind === 'problem' ? ['GS-POVERTY', 'GS-HOUSING'] : ['GS-POVERTY'];
      const target = {
        kind,
        measureLeadUnits: leadUnits,
        responsibleLineage: responsible[kind],
        scopeLineage: scope[kind],
      };
      expect(instructionAccess({ role, units }, target)).toBe(expected);
      expect(mayAnswer({ role, units }, target)).toBe(expected === 'answer');
    });
    it('covers every access and every target kind', () => {
      expect(new Set(access.map((r) => r[4]))).toEqual(new Set(['hidden', 'read', 'answer']));
      expect(new Set(access.map((r) => r[3]))).toEqual(new Set(INSTRUCTION_TARGET_KINDS));
    });
  });

  describe('the clock', () => {
    it('reminds when a fifth is left, then marks overdue at the limit', () => {
      expect(instructionSteps(0, 20_000)).toEqual([
        { kind: 'answer_reminder', fireAtMs: 16_000 },
        { kind: 'answer_overdue', fireAtMs: 20_000 },
      ]);
      expect(instructionSteps(0, 20_000).map((s) => s.kind)).toEqual([...INSTRUCTION_STEP_KINDS]);
    });
    const told: [string, (typeof INSTRUCTION_STEP_KINDS)[number], string[], string[]][] = [
      ['units', 'answer_reminder', ['GS-HOUSING', 'GS-POVERTY'], ['unit GS-HOUSING', 'unit GS-POVERTY']],
      ['office', 'answer_reminder', [], ['office PLAN-1']], // a 批示 on the plan as a whole
      ['units', 'answer_overdue', ['GS-HOUSING'], ['unit GS-HOUSING', 'office PLAN-1']],
      ['office', 'answer_overdue', [], ['office PLAN-1']],
    ];
    it.each(told)('tells the %s of %s (responsible %p): %p', (_n, kind, responsible, expected) => {
      expect(
        instructionStepAddressees(kind, responsible, 'PLAN-1').map(
          (a) => `${a.addresseeKind} ${a.addressee}`,
        ),
      ).toEqual(expected);
    });
    it('has rows for every step kind', () => {
      expect(new Set(told.map((r) => r[1]))).toEqual(new Set(INSTRUCTION_STEP_KINDS));
    });
  });
});
