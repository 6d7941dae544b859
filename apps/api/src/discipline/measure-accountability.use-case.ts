import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import { AccountabilityRepository } from '../../../../libs/persistence/src/repositories/accountability.repository';
import { MeasureRepository } from '../../../../libs/persistence/src/repositories/measure.repository';
import { MeasureAccess } from '../auth/measure-access';

// What anyone who may read a measure learns of its referral: that it was referred, when, to which
// body, and the outcome as counts of decisions in force — never the case file or a person's name.
@Injectable()
export class MeasureAccountabilityUseCase {
  constructor(
    @Inject(AccountabilityRepository) private readonly cases: AccountabilityRepository,
    @Inject(MeasureRepository) private readonly measures: MeasureRepository,
    @Inject(MeasureAccess) private readonly access: MeasureAccess,
  ) {}

  async execute(principal: Principal, measureId: string) {
    const m = await this.measures.findById(measureId);
    if (!m) throw new DomainError('NOT_FOUND', `no measure ${measureId}`);
    await this.access.assertCanAct(principal, 'measure:read', m);
    const { items } = await this.cases.listCases({ measureId, limit: 1000, offset: 0 });
    const cases = [];
    for (const c of items.reverse()) {
      const decisions = (await this.cases.decisions(c.id)).filter((d) => d.state === 'final');
      const outcome: Record<string, number> = {};
      for (const d of decisions) outcome[d.form] = (outcome[d.form] ?? 0) + 1;
      const body = c.bodyCode ? await this.cases.body(c.bodyCode) : null;
      cases.push({
        origin: c.origin,
        status: c.status,
        body: body ? { code: body.code, name: body.name } : null,
        openedAt: c.openedAt.toISOString(),
        dueAt: c.dueAt.toISOString(),
        concludedAt: c.concludedAt?.toISOString() ?? null,
        outcome: c.status === 'concluded' ? outcome : null,
      });
    }
    return { measureId, referred: cases.length > 0, cases };
  }
}
