// How callers (API, CLI) reach measure workflows: start, command and read them by contract.
import {
  Client,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DomainError } from '../../domain/src/domain-error';
import type { MeasureEntity } from '../../persistence/src/entities/measure.entity';
import {
  COMMAND_INVALID,
  COMMAND_REFUSED,
  completeMeasureUpdate,
  CompletionInput,
  MEASURE_WORKFLOW_TYPE,
  MeasureSnapshot,
  measureStateQuery,
  MeasureWorkflowInput,
  measureWorkflowId,
} from '../../../workflows/measure/measure.contract';

// `running`: started now or already running (the server does not say which); `closed`: finished before.
export type StartOutcome = 'running' | 'closed';

export class MeasureWorkflowGateway {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
  ) {}

  // Idempotent: a running workflow is kept as it is, a closed one is never started again.
  async start(input: MeasureWorkflowInput): Promise<StartOutcome> {
    const workflowId = measureWorkflowId(input.planCode, input.measureCode);
    try {
      await this.client.workflow.start(MEASURE_WORKFLOW_TYPE, {
        workflowId,
        taskQueue: this.taskQueue,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
      return 'running';
    } catch (e) {
      if (e instanceof WorkflowExecutionAlreadyStartedError) return 'closed';
      throw unavailable(e);
    }
  }

  // Follows every measure of a saved plan (bounded concurrency); counts per outcome.
  startForMeasures(
    planCode: string,
    measures: readonly MeasureEntity[],
  ): Promise<Record<StartOutcome, number>> {
    return this.startAll(
      measures.map((m) => ({
        planCode,
        measureCode: m.code,
        title: m.title,
        leadUnitCode: m.leadUnitCode,
        leadLeader: m.leadLeader,
        dueAt: m.dueAt.toISOString(),
        policy: m.escalationPolicy,
      })),
    );
  }

  // Starts many with bounded concurrency; resolves to counts per outcome.
  async startAll(
    inputs: readonly MeasureWorkflowInput[],
    concurrency = 16,
  ): Promise<Record<StartOutcome, number>> {
    const counts: Record<StartOutcome, number> = { running: 0, closed: 0 };
    let i = 0;
    const lane = async (): Promise<void> => {
      while (i < inputs.length) {
        const input = inputs[i++];
        counts[await this.start(input)]++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, inputs.length) }, lane));
    return counts;
  }

  async state(workflowId: string): Promise<MeasureSnapshot | null> {
    try {
      return await this.client.workflow.getHandle(workflowId).query(measureStateQuery);
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) return null;
      throw unavailable(e);
    }
  }

  async complete(workflowId: string, input: CompletionInput): Promise<MeasureSnapshot> {
    try {
      return await this.client.workflow
        .getHandle(workflowId)
        .executeUpdate(completeMeasureUpdate, { args: [input] });
    } catch (e) {
      throw refusal(e);
    }
  }
}

function refusal(e: unknown): Error {
  if (e instanceof WorkflowUpdateFailedError && e.cause instanceof ApplicationFailure) {
    if (e.cause.type === COMMAND_REFUSED) return new DomainError('COMMAND_REFUSED', e.cause.message);
    if (e.cause.type === COMMAND_INVALID) {
      const [path, ...rest] = e.cause.message.split(': ');
      return new DomainError('VALIDATION_FAILED', e.cause.message, [{ path, message: rest.join(': ') }]);
    }
  }
  if (e instanceof WorkflowNotFoundError)
    return new DomainError('COMMAND_REFUSED', 'the measure is not being followed (no workflow)');
  return unavailable(e);
}

function unavailable(e: unknown): Error {
  if (e instanceof DomainError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new DomainError('TEMPORAL_UNAVAILABLE', `the workflow service did not answer: ${message}`);
}
