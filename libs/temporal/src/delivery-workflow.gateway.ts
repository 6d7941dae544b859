// How deliveries are started: each notification request is planned at once (its inbox copies are
// delivered by that), and a delivery workflow is started for it only if some delivery is still to
// be sent on e-mail or a webhook (dispatching twice starts nothing new); one more per retry the
// office asks for.
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import {
  DELIVERY_WORKFLOW_TYPE,
  deliveryWorkflowId,
  DeliveryWorkflowInput,
  redeliveryWorkflowId,
} from '../../../workflows/delivery/delivery.contract';
import { needsDeliveryWorkflow } from '../../notifications/src/delivery-planner';

export interface DeliveryPolicy {
  readonly attempts: number;
  readonly backoffMs: number;
}

// Plans a request's deliveries once (DeliveryPlanner); null: no such request.
export interface DeliveryPlanning {
  plan(requestId: string): Promise<readonly { readonly state: string }[] | null>;
}

export class DeliveryWorkflowGateway {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
    private readonly policy: DeliveryPolicy,
    private readonly planning: DeliveryPlanning,
  ) {}

  // The requests are independent (one workflow id each): an event with several notices waits for
  // one round of planning and starts, not one per notice. A request the planning does not find
  // is left to its workflow, whose planning fails it (NOT_DELIVERABLE) as before.
  async dispatch(requestIds: readonly string[]): Promise<void> {
    await Promise.all(
      requestIds.map(async (requestId) => {
        const planned = await this.planning.plan(requestId);
        if (planned && !needsDeliveryWorkflow(planned)) return;
        await this.start(deliveryWorkflowId(requestId), { requestId, ...this.policy });
      }),
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
