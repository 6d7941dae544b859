// 整改措施: one rectification measure, followed durably from assignment to completion.
// Deterministic code only: time comes from the workflow clock, effects go through activities.
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { MeasureActivities } from '../../activities/measure.activities';
import { ladderPositionAt, LadderStep, planLadder } from '../../libs/domain/src/escalation-ladder';
import { MeasureStatus, refusalReason } from '../../libs/domain/src/measure-status';
import {
  COMMAND_INVALID,
  COMMAND_REFUSED,
  completeMeasureUpdate,
  FiredStep,
  LadderStepView,
  MeasureOutcome,
  MeasureSnapshot,
  measureStateQuery,
  MeasureWorkflowInput,
} from './measure.contract';

const { recordEscalationStep, recordCompletion } = proxyActivities<MeasureActivities>({
  startToCloseTimeout: '1 minute',
  // No attempt limit: a notice must be recorded eventually, however long the database is away.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

function view(step: LadderStep): LadderStepView {
  return { key: step.key, kind: step.kind, level: step.level, fireAt: new Date(step.fireAtMs).toISOString() };
}

export async function measureWorkflow(input: MeasureWorkflowInput): Promise<MeasureOutcome> {
  const { workflowId } = workflowInfo();
  const ladder = planLadder(Date.parse(input.dueAt), input.policy);
  const position = ladderPositionAt(ladder, Date.now());
  let status: MeasureStatus = 'assigned';
  let completedAt: string | null = null;
  let overdueLevel = 0;
  const fired: FiredStep[] = [];
  let next: LadderStep | null = null;

  const snapshot = (): MeasureSnapshot => ({
    status,
    dueAt: input.dueAt,
    policyVersion: input.policy.version,
    overdueLevel,
    firedSteps: [...fired],
    skippedSteps: position.skipped.map(view),
    nextStep: status === 'assigned' && next ? view(next) : null,
    completedAt,
  });

  setHandler(measureStateQuery, snapshot);
  setHandler(
    completeMeasureUpdate,
    async (c) => {
      status = 'completed';
      completedAt = new Date().toISOString();
      await recordCompletion({ workflowId, completedAt, actor: c.actor, note: c.note.trim() });
      return snapshot();
    },
    {
      validator: (c) => {
        const refusal = refusalReason(status, 'complete');
        if (refusal)
          throw ApplicationFailure.create({ type: COMMAND_REFUSED, message: refusal, nonRetryable: true });
        if (typeof c?.note !== 'string' || !c.note.trim()) {
          throw ApplicationFailure.create({
            type: COMMAND_INVALID,
            message: 'note: say what was done',
            nonRetryable: true,
          });
        }
      },
    },
  );

  const fire = async (step: LadderStep, catchUp: boolean): Promise<void> => {
    await recordEscalationStep({
      workflowId,
      dueAt: input.dueAt,
      step: { key: step.key, kind: step.kind, level: step.level },
      fireAt: new Date(step.fireAtMs).toISOString(),
      catchUp,
      skipped: catchUp ? position.skipped.map((s) => s.key) : [],
      leadUnitCode: input.leadUnitCode,
      leadLeader: input.leadLeader,
    });
    fired.push({ ...view(step), firedAt: new Date().toISOString(), catchUp });
    overdueLevel = Math.max(overdueLevel, step.level);
  };

  if (position.catchUp) await fire(position.catchUp, true);
  for (const step of position.pending) {
    next = step;
    const waitMs = step.fireAtMs - Date.now();
    if (waitMs > 0) await condition(() => status !== 'assigned', waitMs);
    if (status !== 'assigned') break;
    await fire(step, false);
  }
  next = null;

  await condition(() => status === 'completed' && allHandlersFinished());
  return { status: 'completed', completedAt: completedAt ?? new Date().toISOString() };
}
