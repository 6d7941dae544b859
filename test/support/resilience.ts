// Shared by the resilience tests (test/resilience): what Temporal lists, the server's own clock,
// and the summary each test prints and asserts, which RELIABILITY.md quotes.
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { MeasureEventEntity } from '../../libs/persistence/src/entities/measure-event.entity';
import { MeasureEntity } from '../../libs/persistence/src/entities/measure.entity';
import { measureWorkflowId } from '../../libs/domain/src/measure-identity';
import { MeasureWorkflowGateway } from '../../libs/temporal/src/measure-workflow.gateway';
import { MEASURE_WORKFLOW_TYPE } from '../../workflows/measure/measure.contract';
import { eventually } from './eventually';
import { serverNow } from './own-dev-server';
import { aPlanDocument } from './plan-fixtures';
import type { RectifyHarness } from './rectify-harness';
import { uniqueCode } from './unique';

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

// The ladder of the outage tests: the reminder falls due with everything up; the three notices
// after it fall due while the fault lasts. The 20 s between the reminder and the deadline is the
// window in which a test sees the reminder and breaks something; a loaded machine needs it wide.
export const OUTAGE_LADDER: readonly LadderRung[] = [
  { kind: 'reminder', offset: '-PT20S', fromDueMs: -20_000, level: 0 },
  { kind: 'overdue_notice', offset: 'PT0S', fromDueMs: 0, level: 1 },
  { kind: 'supervision_notice', offset: 'PT3S', fromDueMs: 3_000, level: 2 },
  { kind: 'formal_talk', offset: 'PT6S', fromDueMs: 6_000, level: 3 },
];

export interface LadderUnderWay {
  readonly gateway: MeasureWorkflowGateway;
  // The server's clock, read through this process's clock and how far the two are apart.
  readonly serverClock: () => number;
  readonly dueMs: number;
  readonly lastStepMs: number;
  readonly workflowIds: readonly string[];
  readonly expected: readonly RecordedStep[];
}

// Imports `measures` measures on OUTAGE_LADDER, due `leadMs` after the server's clock reads now
// (time to import and start them all), and waits until every reminder is recorded: the moment
// to break something.
export async function ladderUnderWay(
  rectify: RectifyHarness,
  o: { measures: number; leadMs: number },
): Promise<LadderUnderWay> {
  const client = rectify.temporal;
  const gateway = new MeasureWorkflowGateway(client, rectify.config.temporal.taskQueue);
  const now = await serverNow(client);
  const skew = now - Date.now();
  const dueMs = Math.ceil((now + o.leadMs) / 1000) * 1000;
  const planCode = uniqueCode('GS');
  const doc = aPlanDocument({
    planCode,
    due: new Date(dueMs).toISOString(),
    steps: OUTAGE_LADDER.map(({ kind, offset }) => ({ kind, offset })),
    measures: o.measures,
  });
  const imported = await rectify.request('POST', '/plans', doc);
  if (imported.status !== 201) throw new Error(`import refused: ${JSON.stringify(imported.body)}`);
  const workflowIds = Array.from({ length: o.measures }, (_, i) =>
    measureWorkflowId(planCode, `P01-M${i + 1}`),
  );
  const expected = expectedSteps(workflowIds, dueMs, OUTAGE_LADDER);
  await eventually(
    async () =>
      expect(await recordedSteps(rectify.db.dataSource)).toEqual(expected.filter((s) => s.level === 0)),
    { timeoutMs: o.leadMs + 30_000 },
  );
  const lastStepMs = dueMs + OUTAGE_LADDER[OUTAGE_LADDER.length - 1].fromDueMs;
  return { gateway, serverClock: () => Date.now() + skew, dueMs, lastStepMs, workflowIds, expected };
}

// Waits until every measure's workflow has fired its whole ladder.
export async function ladderFired(u: LadderUnderWay, timeoutMs: number): Promise<void> {
  await eventually(
    async () => {
      for (const id of u.workflowIds) {
        const state = await u.gateway.state(id);
        expect(state?.firedSteps).toHaveLength(OUTAGE_LADDER.length);
        expect(state?.nextStep).toBeNull();
      }
    },
    { timeoutMs, intervalMs: 500 },
  );
}

// The fault's counts from what was expected and recorded and the drift check, printed for the CI
// log; a test compares it with `faultFree(fault, measures)`.
export function faultCounts(
  u: LadderUnderWay,
  o: { fault: string; downAt: number; upAt: number; recorded: readonly RecordedStep[]; drift: number },
): FaultSummary {
  const dueDuringFault = u.expected.filter((s) => {
    const at = Date.parse(s.occurredAt);
    return at > o.downAt && at < o.upAt;
  }).length;
  return reportFaults({
    fault: o.fault,
    injected: 1,
    dueDuringFault,
    stepsExpected: u.expected.length,
    stepsRecorded: o.recorded.length,
    duplicates: duplicates(o.recorded),
    drift: o.drift,
  });
}

// What a fault of OUTAGE_LADDER's shape must come to: three steps of each measure due while it
// lasted, all four recorded, none twice, no drift.
export function faultFree(fault: string, measures: number): FaultSummary {
  return {
    fault,
    injected: 1,
    dueDuringFault: 3 * measures,
    stepsExpected: 4 * measures,
    stepsRecorded: 4 * measures,
    duplicates: 0,
    drift: 0,
  };
}
