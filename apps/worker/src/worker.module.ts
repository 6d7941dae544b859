import { DynamicModule, Module } from '@nestjs/common';
import { RectifyConfigModule } from '../../../libs/config/src/config.module';
import type { RectifyConfig } from '../../../libs/config/src/rectify-config';
import { PersistenceModule } from '../../../libs/persistence/src/persistence.module';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import type { Tracing } from '../../../libs/observability/src/tracing';
import { WORKER_TRACING, WorkerService } from './worker.service';

@Module({})
export class WorkerModule {
  // `logger`: the process's JSON logger (the Temporal runtime writes into it too).
  static register(config: RectifyConfig, o: { logger: Logger; tracing: Tracing | null }): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        RectifyConfigModule.forRoot(config),
        PersistenceModule,
        LoggerModule.forRoot({ pinoHttp: { logger: o.logger } }),
      ],
      providers: [WorkerService, { provide: WORKER_TRACING, useValue: o.tracing }],
    };
  }
}
