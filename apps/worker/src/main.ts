import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Runtime } from '@temporalio/worker';
import { Logger } from 'nestjs-pino';
import { loadConfig } from '../../../libs/config/src/rectify-config';
import { createRectifyLogger } from '../../../libs/observability/src/rectify-logger';
import { PinoTemporalLogger } from '../../../libs/observability/src/temporal-logger.adapter';
import { startTracing } from '../../../libs/observability/src/tracing';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = loadConfig();
  const o = config.observability;
  const logger = createRectifyLogger('rectify-worker', o.logLevel);
  // Before any connection: the runtime is installed once per process.
  Runtime.install({
    logger: new PinoTemporalLogger(logger),
    telemetryOptions: {
      // The SDK core's own lines come through the same logger; its INFO level is chatty.
      logging: { filter: { core: coreLevel(o.logLevel), other: 'ERROR' }, forward: {} },
      ...(o.sdkMetricsPort !== null
        ? { metrics: { prometheus: { bindAddress: `${config.http.host}:${o.sdkMetricsPort}` } } }
        : {}),
    },
  });
  const tracing = startTracing('rectify-worker', { otlpEndpoint: o.otlpEndpoint });
  const app = await NestFactory.createApplicationContext(WorkerModule.register(config, { logger, tracing }), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
}

function coreLevel(level: string): 'TRACE' | 'DEBUG' | 'WARN' | 'ERROR' {
  if (level === 'trace' || level === 'debug') return level === 'trace' ? 'TRACE' : 'DEBUG';
  return level === 'info' || level === 'warn' ? 'WARN' : 'ERROR';
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
