import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import type { Server } from 'node:http';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { NoticeChannelSet, noticeChannels } from '../../../libs/notifications/src/notice-channels';
import { DataSource } from 'typeorm';
import { RECTIFY_CONFIG } from '../../../libs/config/src/config.module';
import type { RectifyConfig } from '../../../libs/config/src/rectify-config';
import { ensureSearchAttributesAt } from '../../../libs/temporal/src/ensure-search-attributes';
import { temporalConnectionOptions } from '../../../libs/temporal/src/temporal-connection-options';
import { temporalDataConverter } from '../../../libs/temporal/src/temporal-data-converter';
import { workflowSource } from '../../../libs/temporal/src/workflow-source';
import { tracingClientInterceptors } from '../../../libs/temporal/src/temporal-client';
import { LadderMetrics } from '../../../libs/observability/src/ladder-metrics';
import type { Tracing } from '../../../libs/observability/src/tracing';
import { createMeasureWorker } from './measure-worker.factory';
import { portOf, serveMetrics } from './worker-metrics.server';

export const WORKER_TRACING = Symbol('WORKER_TRACING');

// Runs the Temporal worker for the lifetime of the Nest app. A worker that stops on its own
// (fatal error) takes the process down, so a supervisor restarts it instead of it idling.
@Injectable()
export class WorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private worker?: Worker;
  private connection?: NativeConnection;
  private client?: Client;
  private channels?: NoticeChannelSet;
  private running?: Promise<void>;
  private metricsServer?: Server;

  constructor(
    @Inject(RECTIFY_CONFIG) private readonly config: RectifyConfig,
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(WORKER_TRACING) private readonly tracing: Tracing | null,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const t = this.config.temporal;
    // Before polling: a namespace without the search attributes would fail every workflow task.
    const { registered } = await ensureSearchAttributesAt(temporalConnectionOptions(t), t);
    if (registered.length)
      this.logger.log(`registered search attributes on ${t.namespace}: ${registered.join(', ')}`);
    this.connection = await NativeConnection.connect(temporalConnectionOptions(t));
    // Activities start delivery workflows through a client of their own.
    this.client = new Client({
      connection: await Connection.connect(temporalConnectionOptions(t)),
      namespace: t.namespace,
      dataConverter: temporalDataConverter(t),
      interceptors: tracingClientInterceptors(),
    });
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const port = this.config.observability.workerMetricsPort;
    if (port !== null) {
      this.metricsServer = await serveMetrics(registry, this.config.http.host, port);
      this.logger.log(`metrics on http://${this.config.http.host}:${portOf(this.metricsServer)}/metrics`);
    }
    this.channels = noticeChannels(this.config.delivery);
    this.worker = await createMeasureWorker({
      connection: this.connection,
      namespace: t.namespace,
      taskQueue: t.taskQueue,
      dataConverter: temporalDataConverter(t),
      dataSource: this.ds,
      workflows: workflowSource(this.config.worker.workflowBundlePath),
      maxCachedWorkflows: this.config.worker.maxCachedWorkflows,
      workflowThreads: this.config.worker.workflowThreads,
      workflowStackFrames: this.config.worker.workflowStackFrames,
      heapGrowingPercent: this.config.worker.heapGrowingPercent,
      killAfterCommit: this.config.faults.killAfterCommit,
      killAfterDelivery: this.config.faults.killAfterDelivery,
      delivery: { client: this.client, channels: this.channels, ...this.config.delivery },
      ladderMetrics: new LadderMetrics(registry),
      tracing: this.tracing,
    });
    this.running = this.worker.run().catch((e) => {
      this.logger.error(`worker stopped: ${(e as Error).message}`);
      process.exit(1);
    });
    this.logger.log(`polling task queue ${t.taskQueue} on ${t.address} (namespace ${t.namespace})`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running;
    await this.connection?.close();
    await this.client?.connection.close();
    await this.channels?.close();
    await new Promise((resolve) => (this.metricsServer ? this.metricsServer.close(resolve) : resolve(null)));
    await this.tracing?.shutdown();
  }
}
