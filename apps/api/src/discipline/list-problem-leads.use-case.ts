import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { ProblemLeadRepository } from '../../../../libs/persistence/src/repositories/problem-lead.repository';
import { parseInput } from '../common/parse-input';
import { ProblemLeadAccess } from './problem-lead-access';
import { leadView } from './problem-lead-view';
import { listLeadsQuery } from './problem-lead.schemas';

// GET /leads: the ledger as the caller may see it, newest receipt first; by status, body, ref,
// plan (code) and problem (code).
@Injectable()
export class ListProblemLeadsUseCase {
  constructor(
    @Inject(ProblemLeadRepository) private readonly leads: ProblemLeadRepository,
    @Inject(ProblemLeadAccess) private readonly access: ProblemLeadAccess,
  ) {}

  async execute(principal: Principal, q: unknown) {
    const f = parseInput(listLeadsQuery, q, 'query');
    const scope = await this.access.bodiesInScope(principal);
    const bodies = f.body ? (scope === undefined || scope.includes(f.body) ? [f.body] : []) : scope;
    // A plan code nobody has matches no lead.
    const planId = f.plan ? ((await this.leads.planByCode(f.plan))?.id ?? '') : undefined;
    const all = (await this.leads.list(bodies)).filter(
      (l) =>
        (!f.status || l.status === f.status) &&
        (!f.ref || l.ref === f.ref) &&
        (planId === undefined || l.planId === planId) &&
        (!f.problem || l.problemCode === f.problem),
    );
    const now = Date.now();
    return { total: all.length, items: all.slice(f.offset, f.offset + f.limit).map((l) => leadView(l, now)) };
  }
}
