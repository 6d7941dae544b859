import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { RECTIFY_CONFIG } from '../../config/src/config.module';
import type { RectifyConfig } from '../../config/src/rectify-config';
import { DeliveryPlanner } from '../../notifications/src/delivery-planner';
import { DeliveryRepository } from '../../persistence/src/repositories/delivery.repository';
import { DeliveryWorkflowGateway } from './delivery-workflow.gateway';
import { MeasureWorkflowGateway } from './measure-workflow.gateway';
import { PlanCadenceWorkflowGateway } from './plan-cadence-workflow.gateway';
import { connectClient } from './temporal-client';

@Global()
@Module({
  providers: [
    {
      provide: Client,
      inject: [RECTIFY_CONFIG],
      useFactory: (config: RectifyConfig) => connectClient(config.temporal),
    },
    {
      provide: MeasureWorkflowGateway,
      inject: [Client, RECTIFY_CONFIG],
      useFactory: (client: Client, config: RectifyConfig) =>
        new MeasureWorkflowGateway(client, config.temporal.taskQueue, {
          searchAttributes: config.temporal.searchAttributes,
        }),
    },
    {
      provide: DeliveryWorkflowGateway,
      inject: [Client, RECTIFY_CONFIG, DataSource],
      useFactory: (client: Client, config: RectifyConfig, ds: DataSource) =>
        new DeliveryWorkflowGateway(
          client,
          config.temporal.taskQueue,
          { attempts: config.delivery.attempts, backoffMs: config.delivery.backoffMs },
          new DeliveryPlanner(new DeliveryRepository(ds)),
        ),
    },
    {
      provide: PlanCadenceWorkflowGateway,
      inject: [Client, RECTIFY_CONFIG],
      useFactory: (client: Client, config: RectifyConfig) =>
        new PlanCadenceWorkflowGateway(client, config.temporal.taskQueue),
    },
  ],
  exports: [Client, MeasureWorkflowGateway, DeliveryWorkflowGateway, PlanCadenceWorkflowGateway],
})
export class TemporalClientModule implements OnApplicationShutdown {
  constructor(@Inject(Client) private readonly client: Client) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
  }
}
