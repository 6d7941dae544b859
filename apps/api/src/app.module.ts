import { DynamicModule, Module } from '@nestjs/common';
import { RectifyConfigModule } from '../../../libs/config/src/config.module';
import type { RectifyConfig } from '../../../libs/config/src/rectify-config';
import { PersistenceModule } from '../../../libs/persistence/src/persistence.module';
import { TemporalClientModule } from '../../../libs/temporal/src/temporal-client.module';
import { HealthModule } from './health/health.module';
import { MeasuresModule } from './measures/measures.module';
import { PlansModule } from './plans/plans.module';

@Module({})
export class AppModule {
  static register(config: RectifyConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        RectifyConfigModule.forRoot(config),
        PersistenceModule,
        TemporalClientModule,
        PlansModule,
        MeasuresModule,
        HealthModule,
      ],
    };
  }
}
