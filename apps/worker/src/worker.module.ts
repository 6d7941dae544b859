import { DynamicModule, Module } from '@nestjs/common';
import { RectifyConfigModule } from '../../../libs/config/src/config.module';
import type { RectifyConfig } from '../../../libs/config/src/rectify-config';
import { PersistenceModule } from '../../../libs/persistence/src/persistence.module';
import { WorkerService } from './worker.service';

@Module({})
export class WorkerModule {
  static register(config: RectifyConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [RectifyConfigModule.forRoot(config), PersistenceModule],
      providers: [WorkerService],
    };
  }
}
