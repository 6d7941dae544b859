// A measure-workflow test bench on the Java time-skipping server: a fresh database, one worker for
// the whole file, and helpers to put plans in and read back what was recorded.
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from '@temporalio/worker';
import { MeasureEntity } from '../../libs/persistence/src/entities/measure.entity';
import { MeasureEventRepository } from '../../libs/persistence/src/repositories/measure-event.repository';
import { MeasureWorkflowGateway } from '../../libs/temporal/src/measure-workflow.gateway';
import { followPlan } from './follow-plan';
import { aPlanDocument, PlanFixtureOptions } from './plan-fixtures';
import { startTimeSkippingServer, testMeasureWorker } from './temporal-test-env';
import { createTestDatabase, TestDatabase } from './test-database';
import { uniqueCode } from './unique';

export const DAY = 86_400_000;

export interface LifecycleBench {
  env: TestWorkflowEnvironment;
  db: TestDatabase;
  gateway: MeasureWorkflowGateway;
  events: MeasureEventRepository;
  taskQueue: string;
  // Follows a plan whose measures are due `days` from the server's clock (negative: already past).
  planDueIn(
    days: number,
    o?: Omit<PlanFixtureOptions, 'due'> & { mutate?: (doc: ReturnType<typeof aPlanDocument>) => void },
  ): Promise<MeasureEntity[]>;
  // [kind, days from the measure's original deadline] of every recorded event but the light's
  // (亮灯 has its own tests: test/measures/measure-lights.e2e-spec.ts).
  recorded(m: MeasureEntity): Promise<[string, number][]>;
  row(m: MeasureEntity): Promise<MeasureEntity>;
  stop(): Promise<void>;
}

export async function startLifecycleBench(o: { historyLimit?: number } = {}): Promise<LifecycleBench> {
  const [env, db] = await Promise.all([startTimeSkippingServer(), createTestDatabase()]);
  const taskQueue = uniqueCode('measures');
  const gateway = new MeasureWorkflowGateway(env.client, taskQueue, { historyLimit: o.historyLimit });
  const events = new MeasureEventRepository(db.dataSource);
  // One worker for the file, as in production: a worker shut down between tests would leave its
  // sticky workflow tasks waiting while the test server holds time still.
  const worker: Worker = await testMeasureWorker({
    connection: env.nativeConnection,
    client: env.client,
    namespace: 'default',
    taskQueue,
    dataSource: db.dataSource,
  });
  const running = worker.run();
  const followed: string[] = [];
  return {
    env,
    db,
    gateway,
    events,
    taskQueue,
    async planDueIn(days, opts = {}) {
      const due = new Date((await env.currentTimeMs()) + days * DAY).toISOString();
      const { mutate, ...fixture } = opts;
      const doc = aPlanDocument({ planCode: uniqueCode('GS'), due, ...fixture });
      mutate?.(doc);
      const measures = await followPlan(doc, db.dataSource, gateway);
      followed.push(...measures.map((m) => m.workflowId));
      return measures;
    },
    async recorded(m) {
      const kept = (await events.listForMeasure(m.id)).filter((e) => e.kind !== 'light_changed');
      return kept.map((e) => [e.kind, Math.round((e.occurredAt.getTime() - m.dueAt.getTime()) / DAY)]);
    },
    row: (m) => db.dataSource.getRepository(MeasureEntity).findOneByOrFail({ id: m.id }),
    async stop() {
      // RECTIFY_RECORD_HISTORIES=dir writes every followed workflow's history there, as replay
      // fixtures for test/workflows/replay.integration-spec.ts.
      const dir = process.env.RECTIFY_RECORD_HISTORIES;
      if (dir) {
        fs.mkdirSync(dir, { recursive: true });
        for (const id of followed) {
          const history = await env.client.workflow.getHandle(id).fetchHistory();
          const name = id.replace(/^measure:GS-[0-9a-f]+:/, '').replace(/[^A-Za-z0-9.-]/g, '_');
          const file = `${process.env.RECTIFY_RECORD_PREFIX ?? 'measure'}-${followed.indexOf(id)}-${name}.history.pb`;
          fs.writeFileSync(path.join(dir, file), temporal.api.history.v1.History.encode(history).finish());
        }
      }
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await env.teardown();
      await db.close();
    },
  };
}
