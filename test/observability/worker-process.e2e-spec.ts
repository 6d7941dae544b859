import { Client, Connection } from '@temporalio/client';
import { createServer } from 'node:net';
import { MeasureEventEntity } from '../../libs/persistence/src/entities/measure-event.entity';
import { MeasureWorkflowGateway } from '../../libs/temporal/src/measure-workflow.gateway';
import { eventually } from '../support/eventually';
import { followPlan } from '../support/follow-plan';
import { aPlanDocument } from '../support/plan-fixtures';
import { devServerAddress } from '../support/temporal-test-env';
import { createTestDatabase, TestDatabase, testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';
import { WorkerProcesses } from '../support/worker-process';

// A port nothing listens on now, for a server the worker process starts.
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function scrape(port: number): Promise<string> {
  const r = await fetch(`http://127.0.0.1:${port}/metrics`);
  expect(r.status).toBe(200);
  return r.text();
}

describe(`the worker process, observed (${testEngine()})`, () => {
  let db: TestDatabase;
  let client: Client;
  let workers: WorkerProcesses;
  const taskQueue = uniqueCode('observed');

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new Client({ connection: await Connection.connect({ address: devServerAddress() }) });
    workers = WorkerProcesses.build({ client, namespace: 'default', taskQueue, db });
  });
  afterAll(async () => {
    workers?.stop();
    await client?.connection.close();
    await db?.close();
  });

  it("logs JSON lines, the Temporal SDK's with the workflow and activity, and serves both metrics endpoints", async () => {
    const metricsPort = await freePort();
    const sdkMetricsPort = await freePort();
    const worker = workers.start('observed', {
      HOST: '127.0.0.1',
      RECTIFY_LOG_LEVEL: 'debug',
      RECTIFY_WORKER_METRICS_PORT: String(metricsPort),
      RECTIFY_WORKER_SDK_METRICS_PORT: String(sdkMetricsPort),
    });
    let stdout = '';
    worker.stdout?.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    await workers.polling(worker);

    // The local clock only picks a deadline near enough to watch.
    const due = new Date(Date.now() + 3_000).toISOString();
    const [m] = await followPlan(
      aPlanDocument({
        planCode: uniqueCode('GS'),
        due,
        steps: [{ kind: 'overdue_notice', offset: 'PT0S' }],
        measures: 1,
      }),
      db.dataSource,
      new MeasureWorkflowGateway(client, taskQueue, { searchAttributes: true }),
    );
    const [step] = await eventually(
      async () => {
        const rows = await db.dataSource
          .getRepository(MeasureEventEntity)
          .find({ where: { measureId: m.id, kind: 'overdue_notice' } });
        expect(rows).toHaveLength(1);
        return rows;
      },
      { timeoutMs: 120_000 },
    ).catch(workers.withOutput);

    const rectify = await scrape(metricsPort);
    expect(rectify).toContain('rectify_ladder_steps_total{kind="overdue_notice",level="1"} 1');
    expect(rectify).toContain('rectify_ladder_step_lateness_seconds_count{kind="overdue_notice"} 1');
    const lateness = (step.recordedAt.getTime() - step.occurredAt.getTime()) / 1_000;
    expect(rectify).toContain(`rectify_ladder_step_lateness_seconds_sum{kind="overdue_notice"} ${lateness}`);
    expect(rectify).toContain('process_resident_memory_bytes');
    // The SDK's own exporter: worker and client series of the Temporal runtime.
    const sdk = await eventually(async () => {
      const text = await scrape(sdkMetricsPort);
      // The ladder's records are local activities.
      expect(text).toMatch(
        /^temporal_local_activity_execution_latency_count\{activity_type="recordMeasureEvent"/m,
      );
      return text;
    });
    expect(sdk).toMatch(/^temporal_workflow_task_schedule_to_start_latency/m);
    expect(sdk).toMatch(/^temporal_request\{/m);

    const lines = await eventually(async () => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const parsed: any[] = stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l));
      expect(parsed.map((l) => l.activityType)).toContain('recordMeasureEvent');
      return parsed;
    }).catch(workers.withOutput);
    for (const l of lines) expect(l).toMatchObject({ service: 'rectify-worker', level: expect.any(String) });
    // Nest's lines and the SDK's in one format.
    expect(lines.filter((l) => l.context === 'Worker').map((l) => l.msg)).toEqual([
      `metrics on http://127.0.0.1:${metricsPort}/metrics`,
      expect.stringMatching(/^polling task queue /),
    ]);
    expect(lines.find((l) => l.activityType === 'recordMeasureEvent')).toMatchObject({
      context: 'Temporal',
      workflowId: m.workflowId,
      runId: expect.any(String),
      taskToken: '[Redacted]',
    });
    expect(
      lines.find((l) => l.workflowType === 'measureWorkflow' && l.activityType === undefined),
    ).toMatchObject({
      context: 'Temporal',
      workflowId: m.workflowId,
      runId: expect.any(String),
    });
  });
});
