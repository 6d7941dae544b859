// The drift check (`rectify check-consistency`): Temporal's view of the running measure
// workflows against the read model's rows. Temporal decides what happens next and the rows
// mirror what happened, so any difference that outlasts a second look is drift to report.
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import type { TypedSearchAttributes } from '@temporalio/common';
import type {
  MeasureRowView,
  MeasureRepository,
} from '../../persistence/src/repositories/measure.repository';
import {
  MEASURE_WORKFLOW_TYPE,
  type MeasureSnapshot,
  measureStateQuery,
} from '../../../workflows/measure/measure.contract';
import { inLanes } from './in-lanes';
import { Drift, expectsWorkflow, measureDrift } from './measure-drift';

export interface ConsistencyCheckOptions {
  // The installation's task queue: the namespace may hold other installations' workflows.
  readonly taskQueue: string;
  // Workflows listed, and rows read, per page: memory stays bounded however large the plans.
  readonly pageSize?: number;
  // Queries in flight at once.
  readonly concurrency?: number;
  // How long a workflow may take to answer its state query (a worker must be polling).
  readonly queryTimeoutMs?: number;
}

export interface ConsistencyReport {
  // Running measure workflows listed on the task queue.
  readonly workflows: number;
  // Rows whose workflow should be running (neither withdrawn nor in a closed plan).
  readonly rows: number;
  readonly drift: readonly Drift[];
}

export class ConsistencyCheckError extends Error {}

export const DEFAULT_PAGE_SIZE = 200;

export async function checkConsistency(
  client: Client,
  measures: MeasureRepository,
  o: ConsistencyCheckOptions,
): Promise<ConsistencyReport> {
  const pageSize = o.pageSize ?? DEFAULT_PAGE_SIZE;
  const concurrency = o.concurrency ?? 8;
  const queryTimeoutMs = o.queryTimeoutMs ?? 10_000;
  const seen = new Set<string>();
  // Workflows that differed at the first look, for a second one: a step recorded between the
  // query and the row's read, or visibility a moment behind, is not drift.
  const suspects = new Set<string>();

  const state = async (workflowId: string): Promise<MeasureSnapshot | null> => {
    try {
      return await client.connection.withDeadline(Date.now() + queryTimeoutMs, () =>
        client.workflow.getHandle(workflowId).query(measureStateQuery),
      );
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) return null;
      throw new ConsistencyCheckError(
        `${workflowId} did not answer its state query within ${queryTimeoutMs} ms (is a worker polling task queue ${o.taskQueue}?): ${(e as Error).message}`,
      );
    }
  };

  const query = [
    `WorkflowType = '${MEASURE_WORKFLOW_TYPE}'`,
    `ExecutionStatus = 'Running'`,
    `TaskQueue = '${o.taskQueue.replace(/'/g, "''")}'`,
  ].join(' AND ');
  let workflows = 0;
  let page: { workflowId: string; searchAttributes: TypedSearchAttributes }[] = [];
  const checkPage = async () => {
    const rows = byWorkflowId(await measures.viewsByWorkflowIds(page.map((w) => w.workflowId)));
    await inLanes(page, concurrency, async ({ workflowId, searchAttributes }) => {
      const st = await state(workflowId);
      const row = rows.get(workflowId) ?? null;
      if (
        !st ||
        measureDrift(row, { workflowId, planCode: planCodeOf(workflowId), state: st, searchAttributes })
          .length
      )
        suspects.add(workflowId);
    });
    page = [];
  };
  for await (const w of client.workflow.list({ query, pageSize })) {
    workflows++;
    seen.add(w.workflowId);
    page.push({ workflowId: w.workflowId, searchAttributes: w.typedSearchAttributes });
    if (page.length >= pageSize) await checkPage();
  }
  await checkPage();

  let rows = 0;
  for (let after = ''; ; ) {
    const batch = await measures.viewsExpectingWorkflows(after, pageSize);
    if (!batch.length) break;
    rows += batch.length;
    after = batch[batch.length - 1].workflowId;
    for (const row of batch) if (!seen.has(row.workflowId)) suspects.add(row.workflowId);
  }

  // The second look reads each suspect afresh: the row, the execution (describe reads its
  // current search attributes, not the visibility index) and the state.
  const drift: Drift[] = [];
  await inLanes([...suspects], concurrency, async (workflowId) => {
    const [row = null] = await measures.viewsByWorkflowIds([workflowId]);
    const found = await describe(client, workflowId);
    if (!found || found.status.name !== 'RUNNING') {
      if (row && expectsWorkflow(row))
        drift.push({
          workflowId,
          kind: found ? 'workflow_closed' : 'workflow_missing',
          field: null,
          found: row.status,
          workflow: found ? found.status.name : null,
        });
      return;
    }
    const st = await state(workflowId);
    if (!st) return;
    drift.push(
      ...measureDrift(row, {
        workflowId,
        planCode: planCodeOf(workflowId),
        state: st,
        searchAttributes: found.typedSearchAttributes,
      }),
    );
  });
  drift.sort((a, b) =>
    a.workflowId === b.workflowId
      ? `${a.kind}/${a.field}`.localeCompare(`${b.kind}/${b.field}`)
      : a.workflowId.localeCompare(b.workflowId),
  );
  return { workflows, rows, drift };
}

async function describe(client: Client, workflowId: string) {
  try {
    return await client.workflow.getHandle(workflowId).describe();
  } catch (e) {
    if (e instanceof WorkflowNotFoundError) return null;
    throw e;
  }
}

function byWorkflowId(rows: readonly MeasureRowView[]): Map<string, MeasureRowView> {
  return new Map(rows.map((r) => [r.workflowId, r]));
}

// measure:<plan>:<measure> (see measureWorkflowId); plan codes hold no colon.
function planCodeOf(workflowId: string): string {
  return workflowId.split(':')[1] ?? '';
}
