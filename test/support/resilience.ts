// Shared by the resilience tests (test/resilience): what Temporal lists, the server's own clock,
// and the summary each test prints and asserts, which RELIABILITY.md quotes.
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { MeasureEventEntity } from '../../libs/persistence/src/entities/measure-event.entity';
import { MeasureEntity } from '../../libs/persistence/src/entities/measure.entity';
import { MEASURE_WORKFLOW_TYPE } from '../../workflows/measure/measure.contract';

// The running measure workflows of a task queue, as Temporal's visibility lists them, sorted.
export async function runningMeasureWorkflows(client: Client, taskQueue: string): Promise<string[]> {
  const ids: string[] = [];
  const query = `WorkflowType = '${MEASURE_WORKFLOW_TYPE}' AND ExecutionStatus = 'Running' AND TaskQueue = '${taskQueue}'`;
  for await (const w of client.workflow.list({ query })) ids.push(w.workflowId);
  return ids.sort();
}

export interface FaultSummary {
  readonly fault: string;
  // How many times the fault was injected (servers stopped, connections cut, locks held).
  readonly injected: number;
  // Ladder steps that fell due while the fault lasted.
  readonly dueDuringFault: number;
  readonly stepsExpected: number;
  readonly stepsRecorded: number;
  // Recorded more than once (by idempotency key): must be 0.
  readonly duplicates: number;
  readonly drift: number;
}

// Printed so a CI log shows the numbers RELIABILITY.md quotes; the test asserts the same object.
export function reportFaults(summary: FaultSummary): FaultSummary {
  console.log(`resilience summary ${JSON.stringify(summary)}`);
  return summary;
}

export interface LadderRung {
  readonly kind: string;
  readonly offset: string;
  readonly fromDueMs: number;
  readonly level: number;
}

export interface RecordedStep {
  readonly workflowId: string;
  readonly kind: string;
  readonly level: number;
  readonly occurredAt: string;
  readonly catchUp: boolean;
}

// Each measure's ladder as it must be recorded: every rung once, dated when it fell due.
export function expectedSteps(workflowIds: readonly string[], dueMs: number, ladder: readonly LadderRung[]) {
  return workflowIds
    .flatMap((workflowId) =>
      ladder.map((r) => ({
        workflowId,
        kind: r.kind,
        level: r.level,
        occurredAt: new Date(dueMs + r.fromDueMs).toISOString(),
        catchUp: false,
      })),
    )
    .sort(byStep);
}

// The ladder events in the read model, one entry per row.
export async function recordedSteps(ds: DataSource): Promise<RecordedStep[]> {
  const rows = await ds
    .getRepository(MeasureEventEntity)
    .createQueryBuilder('e')
    .innerJoinAndMapOne('e.measure', MeasureEntity, 'm', 'm.id = e.measure_id')
    .where('e.kind IN (:...kinds)', { kinds: LADDER_KINDS })
    .getMany();
  return rows
    .map((e) => ({
      workflowId: (e as MeasureEventEntity & { measure: MeasureEntity }).measure.workflowId,
      kind: e.kind,
      level: e.level,
      occurredAt: e.occurredAt.toISOString(),
      catchUp: e.detail.catchUp === true,
    }))
    .sort(byStep);
}

// Rows beyond the first of one measure's step (same workflow, kind and date).
export function duplicates(steps: readonly RecordedStep[]): number {
  return steps.length - new Set(steps.map((s) => `${s.workflowId}/${s.kind}/${s.occurredAt}`)).size;
}

const LADDER_KINDS = [
  'reminder',
  'overdue_notice',
  'supervision_notice',
  'formal_talk',
  'accountability_referral',
];

function byStep(a: RecordedStep, b: RecordedStep): number {
  return `${a.workflowId}/${a.occurredAt}/${a.kind}`.localeCompare(
    `${b.workflowId}/${b.occurredAt}/${b.kind}`,
  );
}
