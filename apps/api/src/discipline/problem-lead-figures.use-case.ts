import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { leadFigures } from '../../../../libs/domain/src/problem-lead';
import { ProblemLeadRepository } from '../../../../libs/persistence/src/repositories/problem-lead.repository';
import { ProblemLeadAccess } from './problem-lead-access';

// GET /leads/figures: per body, the items registered, verified by outcome, pending and overdue.
@Injectable()
export class ProblemLeadFiguresUseCase {
  constructor(
    @Inject(ProblemLeadRepository) private readonly leads: ProblemLeadRepository,
    @Inject(ProblemLeadAccess) private readonly access: ProblemLeadAccess,
  ) {}

  async execute(principal: Principal) {
    const now = Date.now();
    const leads = await this.leads.list(await this.access.bodiesInScope(principal));
    return {
      asOf: new Date(now).toISOString(),
      bodies: leadFigures(
        leads.map((l) => ({
          bodyCode: l.bodyCode,
          items: l.items,
          status: l.status,
          outcome: l.outcome,
          dueAtMs: l.dueAt.getTime(),
        })),
        now,
      ),
    };
  }
}
