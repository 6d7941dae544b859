import { LEAD_OUTCOMES, leadOpensCase } from './accountability';
import {
  DEFAULT_LEAD_POLICY,
  LEAD_STATUSES,
  LEAD_STEP_KINDS,
  LeadFacts,
  leadFigures,
  leadPolicyProblems,
  leadSteps,
} from './problem-lead';

const DUE = Date.UTC(2019, 7, 10);
const DAY = 86_400_000;

describe('a lead’s verification clock', () => {
  it('reminds before the deadline, is overdue at it and tells the level above after', () => {
    expect(leadSteps(DUE, DEFAULT_LEAD_POLICY).map((s) => [s.key, s.kind, s.fireAtMs - DUE])).toEqual([
      ['lead_reminder@-P7D', 'lead_reminder', -7 * DAY],
      ['lead_reminder@-P1D', 'lead_reminder', -1 * DAY],
      ['lead_overdue@PT0S', 'lead_overdue', 0],
      ['lead_escalated@P15D', 'lead_escalated', 15 * DAY],
    ]);
  });

  it.each(LEAD_STEP_KINDS)('has a %s step in every policy', (kind) => {
    expect(leadSteps(DUE, DEFAULT_LEAD_POLICY).some((s) => s.kind === kind)).toBe(true);
  });

  it('runs in seconds for a test policy', () => {
    const steps = leadSteps(DUE, { deadline: 'PT6S', reminders: ['-PT3S'], escalateAfter: 'PT2S' });
    expect(steps.map((s) => s.fireAtMs - DUE)).toEqual([-3_000, 0, 2_000]);
  });

  it.each([
    [{ deadline: 'P2M', reminders: [], escalateAfter: 'P15D' }, []],
    [{ deadline: '-P2M', reminders: [], escalateAfter: 'P15D' }, ['verifyWithin']],
    [{ deadline: 'two months', reminders: [], escalateAfter: 'P15D' }, ['verifyWithin']],
    [{ deadline: 'P2M', reminders: ['P1D'], escalateAfter: 'P15D' }, ['reminders.0']],
    [{ deadline: 'P2M', reminders: [], escalateAfter: '-P1D' }, ['escalateAfter']],
  ])('names what is wrong with %j: %j', (policy, paths) => {
    expect(leadPolicyProblems(policy).map((p) => p.path)).toEqual(paths);
  });
});

describe('the ledger’s figures', () => {
  const lead = (o: Partial<LeadFacts>): LeadFacts => ({
    bodyCode: 'GS-JW',
    items: 1,
    status: 'pending',
    outcome: null,
    dueAtMs: DUE,
    ...o,
  });

  it.each(LEAD_OUTCOMES)('counts the items verified %s under that outcome only', (outcome) => {
    const [f] = leadFigures([lead({ items: 3, status: 'verified', outcome })], DUE + DAY);
    expect(f.verified[outcome]).toBe(3);
    expect(Object.values(f.verified).reduce((a, b) => a + b, 0)).toBe(3);
    expect({ pending: f.pending, overdue: f.overdue }).toEqual({ pending: 0, overdue: 0 });
  });

  it.each(LEAD_STATUSES)('counts a %s batch by its items', (status) => {
    const [f] = leadFigures(
      [lead({ items: 12, status, outcome: status === 'verified' ? 'closed' : null })],
      DUE - DAY,
    );
    expect({ leads: f.leads, items: f.items, pending: f.pending }).toEqual({
      leads: 1,
      items: 12,
      pending: status === 'pending' ? 12 : 0,
    });
  });

  it('counts pending items past their deadline as overdue, per body in code order', () => {
    const figures = leadFigures(
      [
        lead({ bodyCode: 'YZ-JW', items: 2, dueAtMs: DUE - 1 }),
        lead({ bodyCode: 'GS-JW', items: 5, dueAtMs: DUE + 1 }),
        lead({ bodyCode: 'GS-JW', items: 1, dueAtMs: DUE }),
      ],
      DUE,
    );
    expect(figures.map((f) => [f.bodyCode, f.leads, f.items, f.pending, f.overdue])).toEqual([
      ['GS-JW', 2, 6, 6, 1],
      ['YZ-JW', 1, 2, 2, 2],
    ]);
  });

  it.each(LEAD_OUTCOMES)('opens a case for %s only when it is (partly) substantiated', (outcome) => {
    expect(leadOpensCase(outcome)).toBe(outcome === 'substantiated' || outcome === 'partly_substantiated');
  });
});
