// A plan-level test bench on the Java time-skipping server: a fresh database, a worker that
// replays every workflow task from history (no cache, no sticky queue, so it can be restarted at
// any time), the plan's measures followed and its reporting-cadence workflow started as the import
// does. The plan-level variant of lifecycle-harness.ts.
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PlanDefinition, validatePlanDefinition } from '../../libs/domain/src/plan-definition';
import { MeasureEntity } from '../../libs/persistence/src/entities/measure.entity';
import { CadenceRepository } from '../../libs/persistence/src/repositories/cadence.repository';
import { MeasureWorkflowGateway } from '../../libs/temporal/src/measure-workflow.gateway';
import {
  planCadenceInput,
  PlanCadenceWorkflowGateway,
} from '../../libs/temporal/src/plan-cadence-workflow.gateway';
import { planCadenceWorkflowId } from '../../workflows/plan/plan-cadence.contract';
import { followPlan } from './follow-plan';
import { startTimeSkippingServer, testMeasureWorker } from './temporal-test-env';
import { createTestDatabase, TestDatabase } from './test-database';
import { uniqueCode } from './unique';

export interface CadenceBench {
  env: TestWorkflowEnvironment;
  db: TestDatabase;
  measures: MeasureWorkflowGateway;
  cadence: PlanCadenceWorkflowGateway;
  repo: CadenceRepository;
  // Puts the plan into the read model and follows its measures, as the import does.
  follow(document: unknown): Promise<{ plan: PlanDefinition; measures: MeasureEntity[] }>;
  // Starts the plan's cadence workflow as the import does after its measures.
  startCadence(plan: PlanDefinition, o?: { periodsPerRun?: number }): Promise<void>;
  // Stops the worker and starts another one: what a crash and a redeploy look like to workflows.
  restartWorker(): Promise<void>;
  stop(): Promise<void>;
}

export async function startCadenceBench(): Promise<CadenceBench> {
  const [env, db] = await Promise.all([startTimeSkippingServer(), createTestDatabase()]);
  const taskQueue = uniqueCode('cadence');
  const measures = new MeasureWorkflowGateway(env.client, taskQueue);
  const cadence = new PlanCadenceWorkflowGateway(env.client, taskQueue);
  const startWorker = async () => {
    const worker: Worker = await testMeasureWorker({
      connection: env.nativeConnection,
      client: env.client,
      namespace: 'default',
      taskQueue,
      dataSource: db.dataSource,
      // Every workflow task replays the whole history: replay is exercised all along.
      maxCachedWorkflows: 0,
    });
    return { worker, running: worker.run() };
  };
  let current = await startWorker();
  // Each cadence workflow started, with the id of its first run.
  const started: { workflowId: string; firstRunId: string }[] = [];
  const stopWorker = async () => {
    if (current.worker.getState() === 'RUNNING') current.worker.shutdown();
    await current.running;
  };
  return {
    env,
    db,
    measures,
    cadence,
    repo: new CadenceRepository(db.dataSource),
    async follow(document) {
      const r = validatePlanDefinition(document);
      if (!r.ok) throw new Error(`test plan is invalid: ${JSON.stringify(r.problems)}`);
      return { plan: r.plan, measures: await followPlan(document, db.dataSource, measures) };
    },
    async startCadence(plan, o = {}) {
      const input = planCadenceInput(plan, o);
      if (!input) throw new Error('the test plan sets no reporting cadence');
      await cadence.start(input);
      const workflowId = planCadenceWorkflowId(plan.plan.code);
      const { runId } = await env.client.workflow.getHandle(workflowId).describe();
      started.push({ workflowId, firstRunId: runId });
    },
    async restartWorker() {
      await stopWorker();
      current = await startWorker();
    },
    async stop() {
      // RECTIFY_RECORD_HISTORIES=dir writes every run of each cadence workflow there (continue-as-new
      // makes several), as replay fixtures for test/workflows/replay.integration-spec.ts.
      const dir = process.env.RECTIFY_RECORD_HISTORIES;
      if (dir) {
        fs.mkdirSync(dir, { recursive: true });
        const prefix = process.env.RECTIFY_RECORD_PREFIX ?? 'cadence';
        for (const [i, { workflowId, firstRunId }] of started.entries()) {
          const runs = await runHistories(env, workflowId, firstRunId);
          runs.forEach((history, run) => {
            const file = `${prefix}-${i}-run${run}.history.pb`;
            fs.writeFileSync(path.join(dir, file), temporal.api.history.v1.History.encode(history).finish());
          });
        }
      }
      await stopWorker();
      await env.teardown();
      await db.close();
    },
  };
}

// Every run of a workflow, first to last, following continue-as-new.
async function runHistories(env: TestWorkflowEnvironment, workflowId: string, firstRunId: string) {
  const histories: temporal.api.history.v1.IHistory[] = [];
  let runId: string | undefined = firstRunId;
  while (runId) {
    const history: temporal.api.history.v1.IHistory = await env.client.workflow
      .getHandle(workflowId, runId)
      .fetchHistory();
    histories.push(history);
    const last: temporal.api.history.v1.IHistoryEvent | undefined =
      history.events?.[history.events.length - 1];
    runId = last?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  return histories;
}
