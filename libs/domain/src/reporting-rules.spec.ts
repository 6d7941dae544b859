import {
  checkReportingRules,
  DEFAULT_REPORTING_RULES,
  MISSED_REPORT_ADDRESSEES,
  MissedReportAddressee,
  missedReportStep,
} from './reporting-rules';

describe('the missed-report ladder (漏报)', () => {
  const ladder = DEFAULT_REPORTING_RULES.missedReportLadder;

  it.each<[number, number, MissedReportAddressee | null]>([
    [1, 1, 'unit'],
    [2, 2, 'leader'],
    [3, 3, 'office'],
    // A unit that keeps missing keeps reaching the top rung.
    [4, 3, 'office'],
    [12, 3, 'office'],
  ])('by default, miss %d in a row is level %d, told to %s', (misses, level, notify) => {
    expect(missedReportStep(ladder, misses)).toEqual({ level, notify });
  });

  it('tells every addressee kind somewhere on the default ladder', () => {
    expect(ladder.map((r) => r.notify).sort()).toEqual([...MISSED_REPORT_ADDRESSEES].sort());
  });

  it('records a miss below the first rung without telling anyone', () => {
    const late = [{ misses: 2, notify: 'office' as const }];
    expect(missedReportStep(late, 1)).toEqual({ level: 0, notify: null });
    expect(missedReportStep(late, 2)).toEqual({ level: 1, notify: 'office' });
    expect(missedReportStep([], 5)).toEqual({ level: 0, notify: null });
  });

  it('accepts the default rules and a second-scale lead for test plans', () => {
    expect(checkReportingRules(DEFAULT_REPORTING_RULES)).toEqual([]);
    expect(checkReportingRules({ ...DEFAULT_REPORTING_RULES, reminderLead: 'PT30S' })).toEqual([]);
  });

  it.each(['P1M', 'P1Y', '-P1D', 'PT0S', 'one day', 'P'])('refuses the reminder lead %s', (lead) => {
    expect(checkReportingRules({ ...DEFAULT_REPORTING_RULES, reminderLead: lead })).toEqual([
      { path: ['reminderLead'], message: expect.stringContaining(lead) },
    ]);
  });

  it('refuses a ladder whose rungs do not climb, naming the rung', () => {
    const problems = checkReportingRules({
      reminderLead: 'P1D',
      missedReportLadder: [
        { misses: 2, notify: 'unit' },
        { misses: 2, notify: 'leader' },
        { misses: 1, notify: 'office' },
      ],
    });
    expect(problems.map((p) => p.path)).toEqual([
      ['missedReportLadder', 1, 'misses'],
      ['missedReportLadder', 2, 'misses'],
    ]);
  });

  it('refuses a ladder longer than ten rungs', () => {
    const rungs = Array.from({ length: 11 }, (_, i) => ({ misses: i + 1, notify: 'office' as const }));
    expect(checkReportingRules({ reminderLead: 'P1D', missedReportLadder: rungs })).toEqual([
      { path: ['missedReportLadder'], message: 'has at most 10 rungs' },
    ]);
  });
});
