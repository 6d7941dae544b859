// The whole system in one process for end-to-end tests: the real HTTP API and a real worker,
// against the shared Temporal dev server and a fresh database. Requests go over real HTTP.
import { INestApplication } from '@nestjs/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createApiApp } from '../../apps/api/src/api.factory';
import { parseConfig, RectifyConfig } from '../../libs/config/src/rectify-config';
import { devServerAddress, testMeasureWorker } from './temporal-test-env';
import { createTestDatabase, TestDatabase } from './test-database';
import { uniqueCode } from './unique';

export interface RectifyHarness {
  readonly url: string;
  readonly db: TestDatabase;
  readonly config: RectifyConfig;
  // Bodies are untyped JSON that tests assert on field by field.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  request(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

export async function startRectify(): Promise<RectifyHarness> {
  const db = await createTestDatabase();
  const config: RectifyConfig = {
    ...parseConfig({
      TEMPORAL_ADDRESS: devServerAddress(),
      TEMPORAL_TASK_QUEUE: uniqueCode('e2e'),
      PORT: '0',
    }),
    database: db.config,
  };
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const worker: Worker = await testMeasureWorker({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    dataSource: db.dataSource,
  });
  const running = worker.run();
  const app: INestApplication = await createApiApp(config, { logger: false });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');

  return {
    url,
    db,
    config,
    async request(method, path, body) {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    async stop() {
      await app.close();
      worker.shutdown();
      await running;
      await connection.close();
      await db.close();
    },
  };
}
