import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { AccountabilityRepository } from '../../../../libs/persistence/src/repositories/accountability.repository';
import { AccountabilityCaseGateway } from '../../../../libs/temporal/src/accountability-case.gateway';
import { parseInput, validationFailed } from '../common/parse-input';
import { actorOf } from '../measures/run-measure-command.use-case';
import { caseSummary } from './case-view';
import { referSchema } from './discipline.schemas';

// POST /cases: the case of a measure. A measure whose ladder reached 问责移送 has its case opened
// by the worker; asking again names that referral and is refused once its case exists. A measure
// never referred is referred by hand only with a reason, and only while no case of it is open.
@Injectable()
export class ReferMeasureUseCase {
  constructor(
    @Inject(AccountabilityRepository) private readonly cases: AccountabilityRepository,
    @Inject(AccountabilityCaseGateway) private readonly gateway: AccountabilityCaseGateway,
  ) {}

  async execute(principal: Principal, input: unknown) {
    const c = parseInput(referSchema, input, 'body');
    const measure = await this.cases.measure(c.measureId);
    if (!measure) throw new DomainError('NOT_FOUND', `no measure ${c.measureId}`);
    const referral = await this.cases.referralOf(measure.id);
    const open = (await this.cases.listCases({ measureId: measure.id, status: 'open', limit: 1, offset: 0 }))
      .items;
    if (referral) {
      const existing = (
        await this.cases.listCases({ measureId: measure.id, limit: 1000, offset: 0 })
      ).items.find((x) => x.referralKey === referral.idempotencyKey);
      if (existing) {
        // Asking again completes an opening that wrote the case but not its clock.
        await this.gateway.ensureClock(existing);
        throw new DomainError(
          'COMMAND_REFUSED',
          `measure ${measure.code} was referred on ${referral.occurredAt.toISOString()} and case ${existing.id} was opened for that referral; a referral opens one case`,
        );
      }
    }
    if (!referral && !c.reason)
      throw validationFailed('body', [
        {
          path: 'body.reason',
          message: `measure ${measure.code} was never referred (no 问责移送 on record): give a reason to refer it by hand`,
        },
      ]);
    if (!referral && open.length) {
      await this.gateway.ensureClock(open[0]);
      throw new DomainError(
        'COMMAND_REFUSED',
        `measure ${measure.code} has an open accountability case ${open[0].id}; add to it instead of opening another`,
      );
    }
    const manualCount = (
      await this.cases.listCases({ measureId: measure.id, limit: 1000, offset: 0 })
    ).items.filter((x) => x.origin === 'manual').length;
    const opened = await this.gateway.open({
      referralKey: referral ? referral.idempotencyKey : `manual:${measure.id}:${manualCount + 1}`,
      origin: referral ? 'ladder' : 'manual',
      planId: measure.planId,
      measureId: measure.id,
      leadId: null,
      lineage: await this.gateway.measureLineage(measure.planId, measure.leadUnitCode, measure.coUnitCodes),
      reason: c.reason ?? null,
      openedBy: actorOf(principal, undefined),
      openedAt: referral ? referral.occurredAt : new Date(),
      detail: { measureCode: measure.code, reason: c.reason ?? null },
    });
    return caseSummary(opened.case);
  }
}
