// How deliveries are started: one delivery workflow per notification request (dispatching twice
// starts nothing new), and one per retry the office asks for.
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import {
  DELIVERY_WORKFLOW_TYPE,
  deliveryWorkflowId,
  DeliveryWorkflowInput,
  redeliveryWorkflowId,
} from '../../../workflows/delivery/delivery.contract';

export interface DeliveryPolicy {
  readonly attempts: number;
  readonly backoffMs: number;
}

export class DeliveryWorkflowGateway {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
    private readonly policy: DeliveryPolicy,
  ) {}

  // The starts are independent (one workflow id each): an event with several notices waits for
  // one round trip to the server, not one per notice.
  async dispatch(requestIds: readonly string[]): Promise<void> {
    await Promise.all(
      requestIds.map((requestId) => this.start(deliveryWorkflowId(requestId), { requestId, ...this.policy })),
    );
  }

  async redeliver(deliveryId: string, attempt: number): Promise<void> {
    await this.start(redeliveryWorkflowId(deliveryId, attempt), {
      deliveryIds: [deliveryId],
      ...this.policy,
    });
  }

  private async start(workflowId: string, input: DeliveryWorkflowInput): Promise<void> {
    try {
      await this.client.workflow.start(DELIVERY_WORKFLOW_TYPE, {
        workflowId,
        taskQueue: this.taskQueue,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
    } catch (e) {
      // Finished before: this request was delivered already.
      if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
    }
  }
}
