// Temporal servers for tests: the Java time-skipping server (months pass in seconds) and the
// dev server started once by the global setup. Both are real servers; neither is mocked.
import { TestWorkflowEnvironment } from '@temporalio/testing';
import * as path from 'node:path';
import type { DataSource } from 'typeorm';
import { createMeasureWorker } from '../../apps/worker/src/measure-worker.factory';
import { loadTemporalTools } from '../../libs/temporal/src/temporal-tools';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { Client } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { DeliveryConfig, parseConfig } from '../../libs/config/src/rectify-config';
import { noticeChannels } from '../../libs/notifications/src/notice-channels';
import type { LadderMetrics } from '../../libs/observability/src/ladder-metrics';
import type { Tracing } from '../../libs/observability/src/tracing';

const REPO = path.resolve(__dirname, '../..');

export async function startTimeSkippingServer(): Promise<TestWorkflowEnvironment> {
  const { testServer } = loadTemporalTools(REPO);
  if (!testServer) throw new Error('no Temporal test server: run npm run setup (needs Java and Maven)');
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: testServer } },
  });
}

export function devServerAddress(): string {
  const address = process.env.RECTIFY_TEST_TEMPORAL_ADDRESS;
  if (!address) throw new Error('the global test setup did not start a Temporal dev server');
  return address;
}

export function workflowBundlePath(): string {
  const bundle = process.env.RECTIFY_TEST_WORKFLOW_BUNDLE;
  if (!bundle) throw new Error('the global test setup did not bundle the workflows');
  return bundle;
}

// A worker as the worker app builds it. Deliveries run through the real channels of `delivery`
// (by default: no SMTP server, no webhook host allowed), so every notice is planned and recorded.
export function testMeasureWorker(o: {
  connection: NativeConnection;
  client: Client;
  namespace: string;
  taskQueue: string;
  dataSource: DataSource;
  dataConverter?: DataConverter;
  maxCachedWorkflows?: number;
  workflowStackFrames?: number;
  delivery?: DeliveryConfig;
  ladderMetrics?: LadderMetrics;
  tracing?: Tracing | null;
}): Promise<Worker> {
  const { client, delivery = parseConfig({}).delivery, ...rest } = o;
  return createMeasureWorker({
    ...rest,
    workflows: { workflowBundle: { codePath: workflowBundlePath() } },
    delivery: { client, channels: noticeChannels(delivery), ...delivery },
  });
}
