import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { RECTIFY_CONFIG } from '../../config/src/config.module';
import type { RectifyConfig } from '../../config/src/rectify-config';
import { MeasureWorkflowGateway } from './measure-workflow.gateway';
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
  ],
  exports: [Client, MeasureWorkflowGateway],
})
export class TemporalClientModule implements OnApplicationShutdown {
  constructor(@Inject(Client) private readonly client: Client) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
  }
}
