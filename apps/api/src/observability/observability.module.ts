import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import type { RectifyConfig } from '../../../../libs/config/src/rectify-config';
import { createRectifyLogger } from '../../../../libs/observability/src/rectify-logger';
import type { Tracing } from '../../../../libs/observability/src/tracing';
import { DeliveryRepository } from '../../../../libs/persistence/src/repositories/delivery.repository';
import { MeasureRepository } from '../../../../libs/persistence/src/repositories/measure.repository';
import type { PrincipalRequest } from '../auth/auth.decorators';
import { HttpMetrics } from './http-metrics';
import { MetricsController } from './metrics.controller';
import { METRICS_REGISTRY } from './metrics-registry';
import { CountPlanImports, PlanImportMetrics } from './plan-import.metrics';
import { principalFields } from './principal-fields';
import { ReportRenderingMetrics } from './report-rendering.metrics';
import { AccountabilityRepository } from '../../../../libs/persistence/src/repositories/accountability.repository';
import { registerReadModelGauges } from './read-model.gauges';
import { requestId } from './request-id';

// Probes and scrapes every few seconds would drown the request log.
const QUIET_PATHS = new Set(['/health', '/metrics']);
const API_TRACING = Symbol('API_TRACING');

export interface ObservabilityOptions {
  // Where the JSON log goes (tests capture it); standard output by default.
  readonly logDestination?: DestinationStream;
  // The process's tracer provider, flushed when the app closes.
  readonly tracing?: Tracing | null;
}

// Logs, metrics and the /metrics route of the API (docs/operations.md#operating-rectify).
@Global()
@Module({})
export class ObservabilityModule implements OnApplicationShutdown {
  constructor(@Inject(API_TRACING) private readonly tracing: Tracing | null) {}

  async onApplicationShutdown(): Promise<void> {
    await this.tracing?.shutdown();
  }

  static forRoot(config: RectifyConfig, o: ObservabilityOptions = {}): DynamicModule {
    return {
      module: ObservabilityModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            logger: createRectifyLogger('rectify-api', config.observability.logLevel, o.logDestination),
            genReqId: requestId,
            // `reqId` on every line of a request; the request itself on its completion line only.
            quietReqLogger: true,
            serializers: { res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }) },
            customProps: (req: IncomingMessage) => ({ principal: principalFields(req as PrincipalRequest) }),
            customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
              err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
            autoLogging: { ignore: (req: IncomingMessage) => QUIET_PATHS.has((req.url ?? '').split('?')[0]) },
          },
        }),
      ],
      controllers: config.observability.metrics.enabled ? [MetricsController] : [],
      providers: [
        { provide: API_TRACING, useValue: o.tracing ?? null },
        {
          provide: METRICS_REGISTRY,
          inject: [MeasureRepository, DataSource],
          useFactory: (measures: MeasureRepository, ds: DataSource) => {
            const registry = new Registry();
            collectDefaultMetrics({ register: registry });
            registerReadModelGauges(
              registry,
              measures,
              new DeliveryRepository(ds),
              new AccountabilityRepository(ds),
            );
            return registry;
          },
        },
        { provide: HttpMetrics, inject: [METRICS_REGISTRY], useFactory: (r: Registry) => new HttpMetrics(r) },
        {
          provide: PlanImportMetrics,
          inject: [METRICS_REGISTRY],
          useFactory: (r: Registry) => new PlanImportMetrics(r),
        },
        CountPlanImports,
        {
          provide: ReportRenderingMetrics,
          inject: [METRICS_REGISTRY],
          useFactory: (r: Registry) => new ReportRenderingMetrics(r),
        },
      ],
      exports: [METRICS_REGISTRY, HttpMetrics, PlanImportMetrics, CountPlanImports, ReportRenderingMetrics],
    };
  }
}
