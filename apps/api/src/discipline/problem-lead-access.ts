import { Inject, Injectable } from '@nestjs/common';
import { oversees } from '../../../../libs/domain/src/accountability';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import type { ProblemLeadEntity } from '../../../../libs/persistence/src/entities/problem-lead.entity';
import { AccountabilityRepository } from '../../../../libs/persistence/src/repositories/accountability.repository';
import { ProblemLeadRepository } from '../../../../libs/persistence/src/repositories/problem-lead.repository';
import { bodyFacts } from '../../../../libs/temporal/src/accountability-case.gateway';

// Which leads a principal reaches: the office and admins every lead; a body's people the leads at
// their body and at every body below it; anyone else none. A lead outside the scope answers 404,
// like one that does not exist.
@Injectable()
export class ProblemLeadAccess {
  constructor(
    @Inject(AccountabilityRepository) private readonly cases: AccountabilityRepository,
    @Inject(ProblemLeadRepository) private readonly leads: ProblemLeadRepository,
  ) {}

  // The bodies whose leads the principal reaches; undefined: all.
  async bodiesInScope(p: Principal): Promise<readonly string[] | undefined> {
    if (p.role === 'admin' || p.role === 'office') return undefined;
    if (p.role !== 'discipline') return [];
    const own = await this.cases.bodyOf(p.id);
    if (!own) return [];
    const bodies = (await this.cases.bodies()).map(bodyFacts);
    return bodies.filter((b) => oversees(bodies, own.code, b.code)).map((b) => b.code);
  }

  async visibleLead(p: Principal, leadId: string): Promise<ProblemLeadEntity> {
    const lead = await this.leads.find(leadId);
    const scope = lead ? await this.bodiesInScope(p) : [];
    if (!lead || (scope !== undefined && !scope.includes(lead.bodyCode)))
      throw new DomainError('NOT_FOUND', `no problem lead ${leadId}`);
    return lead;
  }
}
