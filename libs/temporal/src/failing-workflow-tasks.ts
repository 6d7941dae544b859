// Which running workflows have a workflow task that keeps failing: the symptom of a namespace
// without its search attributes, a non-deterministic deploy or a workflow bug. Temporal retries
// such a task for ever while the workflow stays "Running", so nothing else shows it. Cheap by
// design, for a readiness probe: one visibility page of the newest running workflows on the task
// queue, one describe each, and one history page for the reason of the first failing one.
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

export interface FailingWorkflowTask {
  readonly workflowId: string;
  readonly attempt: number;
}

export interface WorkflowTaskHealth {
  // Running workflows looked at (at most `sample`).
  readonly checked: number;
  readonly failing: readonly FailingWorkflowTask[];
  // Why the first failing one fails, from its last WorkflowTaskFailed event.
  readonly reason: string | null;
}

export interface WorkflowTaskCheckOptions {
  readonly sample?: number;
  // A task on its third attempt has failed twice in a row: more than one worker restart explains.
  readonly minAttempt?: number;
}

const { EventType, WorkflowTaskFailedCause } = temporal.api.enums.v1;

export async function failingWorkflowTasks(
  client: Client,
  taskQueue: string,
  { sample = 20, minAttempt = 3 }: WorkflowTaskCheckOptions = {},
): Promise<WorkflowTaskHealth> {
  const running: { workflowId: string; runId: string }[] = [];
  const query = `ExecutionStatus = 'Running' AND TaskQueue = '${taskQueue.replace(/'/g, "\\'")}'`;
  for await (const w of client.workflow.list({ query, pageSize: sample })) {
    running.push({ workflowId: w.workflowId, runId: w.runId });
    if (running.length >= sample) break;
  }
  const described = await Promise.all(
    running.map(async (w) => {
      const d = await client.workflow.getHandle(w.workflowId, w.runId).describe();
      return { ...w, attempt: d.raw.pendingWorkflowTask?.attempt ?? 0 };
    }),
  );
  const failing = described.filter((w) => w.attempt >= minAttempt);
  return {
    checked: running.length,
    failing: failing.map(({ workflowId, attempt }) => ({ workflowId, attempt })),
    reason: failing.length ? await lastWorkflowTaskFailure(client, failing[0]) : null,
  };
}

async function lastWorkflowTaskFailure(
  client: Client,
  execution: { workflowId: string; runId: string },
): Promise<string | null> {
  // Repeated failures of one task are transient: only the first is in the history, near its end.
  const { history } = await client.workflowService.getWorkflowExecutionHistoryReverse({
    namespace: client.options.namespace,
    execution,
    maximumPageSize: 20,
  });
  const failed = history?.events?.find((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED);
  const attributes = failed?.workflowTaskFailedEventAttributes;
  if (!attributes) return null;
  const cause = WorkflowTaskFailedCause[attributes.cause ?? 0]?.replace('WORKFLOW_TASK_FAILED_CAUSE_', '');
  return [cause, attributes.failure?.message].filter(Boolean).join(': ') || null;
}
