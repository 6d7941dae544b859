import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { AccountabilityRepository } from '../../../../libs/persistence/src/repositories/accountability.repository';
import { DeliveryWorkflowGateway } from '../../../../libs/temporal/src/delivery-workflow.gateway';

type Work<T> = Parameters<AccountabilityRepository['change']>[1] extends (...a: infer A) => Promise<unknown>
  ? (...a: A) => Promise<T>
  : never;

// A change to a case file, then the delivery of the notices its events wrote. The change is
// committed first: a notice that cannot be started now stays pending in the office's list.
@Injectable()
export class CaseChanges {
  private readonly logger = new Logger(CaseChanges.name);

  constructor(
    @Inject(AccountabilityRepository) private readonly cases: AccountabilityRepository,
    @Inject(DeliveryWorkflowGateway) private readonly deliveries: DeliveryWorkflowGateway,
  ) {}

  async run<T>(caseId: string, work: Work<T>): Promise<T> {
    const changed = await this.cases.change(caseId, work);
    if (!changed) throw new DomainError('NOT_FOUND', `no accountability case ${caseId}`);
    const c = await this.cases.findCase(caseId);
    // Notices are told through the case's measure; a case from a problem lead alone has none.
    if (c?.measureId && changed.requestIds.length)
      await this.deliveries.dispatch(changed.requestIds).catch((e: Error) => {
        this.logger.warn(`notices of case ${caseId} not dispatched yet: ${e.message}`);
      });
    return changed.value;
  }
}
