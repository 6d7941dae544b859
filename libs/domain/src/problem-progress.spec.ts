import { MEASURE_STATUSES, type MeasureStatus } from './measure-status';
import {
  checkProblemProgressRule,
  DEFAULT_PROBLEM_PROGRESS_RULE,
  PROBLEM_PROGRESS_LABELS,
  PROBLEM_PROGRESS_STATUSES,
  problemProgress,
  problemProgressRuleOf,
  type ProblemProgressStatus,
  reachedStageGoal,
} from './problem-progress';

describe('a problem rolled up from its measures (问题整改进度), default rule', () => {
  const cases: [string, MeasureStatus[], ProblemProgressStatus, number, number][] = [
    ['nothing reported yet', ['assigned', 'assigned'], 'not_started', 2, 0],
    ['every measure withdrawn: nothing in scope', ['withdrawn', 'withdrawn'], 'not_started', 0, 0],
    ['one measure reporting progress', ['assigned', 'in_progress'], 'in_progress', 2, 0],
    ['a claim under verification is not done', ['completion_claimed', 'assigned'], 'in_progress', 2, 0],
    [
      'one of five signed off: the stage goal',
      ['verified', 'in_progress', 'assigned', 'assigned', 'assigned'],
      'stage_goal',
      5,
      1,
    ],
    ['a closed measure counts as done', ['closed', 'in_progress', 'in_progress'], 'stage_goal', 3, 1],
    [
      'four of five done: basically done',
      ['verified', 'verified', 'closed', 'verified', 'in_progress'],
      'basically_done',
      5,
      4,
    ],
    ['every measure signed off', ['verified', 'closed'], 'done', 2, 2],
    ['withdrawn measures are left out of done', ['verified', 'withdrawn'], 'done', 1, 1],
    [
      'withdrawn measures are left out of the share',
      ['verified', 'verified', 'verified', 'verified', 'in_progress', 'withdrawn'],
      'basically_done',
      5,
      4,
    ],
  ];
  it.each(cases)('%s', (_name, statuses, status, measures, done) => {
    expect(problemProgress(statuses)).toEqual({ status, measures, done });
  });

  it('every measure status, alone, gives the problem a status', () => {
    const alone: Record<MeasureStatus, ProblemProgressStatus> = {
      assigned: 'not_started',
      in_progress: 'in_progress',
      completion_claimed: 'in_progress',
      verified: 'done',
      closed: 'done',
      withdrawn: 'not_started',
    };
    for (const s of MEASURE_STATUSES) expect([s, problemProgress([s]).status]).toEqual([s, alone[s]]);
  });

  it('covers every problem status in the table above, each with a label', () => {
    const seen = new Set(cases.map((c) => c[2]));
    expect([...seen].sort()).toEqual([...PROBLEM_PROGRESS_STATUSES].sort());
    for (const s of PROBLEM_PROGRESS_STATUSES) expect(PROBLEM_PROGRESS_LABELS[s]).toMatch(/\S/);
  });

  it('counts the stage goal as reached from stage_goal on', () => {
    expect(PROBLEM_PROGRESS_STATUSES.filter(reachedStageGoal)).toEqual([
      'stage_goal',
      'basically_done',
      'done',
    ]);
  });
});

describe("a plan's own rule", () => {
  const five: MeasureStatus[] = ['verified', 'in_progress', 'in_progress', 'in_progress', 'in_progress'];
  it.each([
    ['a stage goal share of 0.3 needs more than one of five', { stageGoalShare: 0.3 }, five, 'in_progress'],
    ['a stage goal share of 0.2 is met by one of five', { stageGoalShare: 0.2 }, five, 'stage_goal'],
    ['basically done from half', { basicallyDoneShare: 0.5 }, ['verified', 'in_progress'], 'basically_done'],
    ['done only once looked back at', { doneNeedsLookBack: true }, ['verified', 'verified'], 'in_progress'],
    ['looked back at: done', { doneNeedsLookBack: true }, ['closed', 'closed'], 'done'],
  ] as const)('%s', (_name, rule, statuses, status) => {
    expect(problemProgress(statuses, problemProgressRuleOf(rule)).status).toBe(status);
  });

  it('fills every field left out with the default', () => {
    expect(problemProgressRuleOf(undefined)).toEqual(DEFAULT_PROBLEM_PROGRESS_RULE);
    expect(problemProgressRuleOf({ basicallyDoneShare: 0.9 })).toEqual({
      ...DEFAULT_PROBLEM_PROGRESS_RULE,
      basicallyDoneShare: 0.9,
    });
  });

  it.each([
    [{}, []],
    [{ stageGoalShare: 0.5, basicallyDoneShare: 0.5 }, []],
    [{ stageGoalShare: -0.1 }, ['stageGoalShare']],
    [{ stageGoalShare: 1 }, ['stageGoalShare']],
    [{ basicallyDoneShare: 0 }, ['basicallyDoneShare']],
    [{ basicallyDoneShare: 1.5 }, ['basicallyDoneShare']],
    [{ basicallyDoneShare: Number.NaN }, ['basicallyDoneShare']],
    [{ stageGoalShare: 0.6, basicallyDoneShare: 0.5 }, ['basicallyDoneShare']],
  ])('checks %j', (rule, fields) => {
    expect(checkProblemProgressRule(rule).map((p) => p.field)).toEqual(fields);
  });
});
