import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { ProblemLeadRepository } from '../../../../libs/persistence/src/repositories/problem-lead.repository';
import { ProblemLeadAccess } from './problem-lead-access';
import { leadEventView, leadView } from './problem-lead-view';

// GET /leads/:id: one ledger line with its record (registered, the clock's steps, verified).
@Injectable()
export class GetProblemLeadUseCase {
  constructor(
    @Inject(ProblemLeadRepository) private readonly leads: ProblemLeadRepository,
    @Inject(ProblemLeadAccess) private readonly access: ProblemLeadAccess,
  ) {}

  async execute(principal: Principal, id: string) {
    const lead = await this.access.visibleLead(principal, id);
    return { ...leadView(lead, Date.now()), events: (await this.leads.events(lead.id)).map(leadEventView) };
  }
}
