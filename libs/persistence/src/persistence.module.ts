import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RECTIFY_CONFIG } from '../../config/src/config.module';
import type { RectifyConfig } from '../../config/src/rectify-config';
import { createDataSource } from './data-source';
import { MeasureEventRepository } from './repositories/measure-event.repository';
import { MeasureRepository } from './repositories/measure.repository';
import { PlanReportRepository } from './repositories/plan-report.repository';
import { PlanRepository } from './repositories/plan.repository';

// Repositories are the only code that touches TypeORM; everything else asks for them.
@Global()
@Module({
  providers: [
    {
      provide: DataSource,
      inject: [RECTIFY_CONFIG],
      useFactory: (config: RectifyConfig) => createDataSource(config.database).initialize(),
    },
    { provide: PlanRepository, inject: [DataSource], useFactory: (ds: DataSource) => new PlanRepository(ds) },
    {
      provide: MeasureRepository,
      inject: [DataSource],
      useFactory: (ds: DataSource) => new MeasureRepository(ds),
    },
    {
      provide: MeasureEventRepository,
      inject: [DataSource],
      useFactory: (ds: DataSource) => new MeasureEventRepository(ds),
    },
    {
      provide: PlanReportRepository,
      inject: [DataSource],
      useFactory: (ds: DataSource) => new PlanReportRepository(ds),
    },
  ],
  exports: [DataSource, PlanRepository, MeasureRepository, MeasureEventRepository, PlanReportRepository],
})
export class PersistenceModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.ds.isInitialized) await this.ds.destroy();
  }
}
