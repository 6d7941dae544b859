// Starting a workflow whose id names the thing it follows (a measure, a plan's cadence), once:
// a running one is kept as it is, a finished one is never started again.
import { Logger } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../domain/src/domain-error';

// `running`: started now or already running (the server does not say which); `closed`: finished before.
export type StartOutcome = 'running' | 'closed';

export async function startOnce(
  client: Client,
  workflowType: string,
  o: { readonly workflowId: string; readonly taskQueue: string; readonly args: unknown[] },
): Promise<StartOutcome> {
  try {
    await client.workflow.start(workflowType, {
      ...o,
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
    return 'running';
  } catch (e) {
    if (e instanceof WorkflowExecutionAlreadyStartedError) return 'closed';
    throw temporalUnavailable(e);
  }
}

const logger = new Logger('Temporal');

// Anything but a domain refusal means the workflow service could not be reached. Its text (gRPC
// status, host, port) is for the log, under an error id the caller can quote.
export function temporalUnavailable(e: unknown): Error {
  if (e instanceof DomainError) return e;
  const errorId = randomUUID();
  logger.warn(
    `error ${errorId}: the workflow service did not answer: ${e instanceof Error ? e.message : String(e)}`,
  );
  return new DomainError('TEMPORAL_UNAVAILABLE', `the workflow service did not answer (error ${errorId})`);
}
