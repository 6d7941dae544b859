import { Inject, Injectable } from '@nestjs/common';
import { leadOpensCase } from '../../../../libs/domain/src/accountability';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import type { DisciplineBodyEntity } from '../../../../libs/persistence/src/entities/discipline-body.entity';
import type { ProblemLeadEntity } from '../../../../libs/persistence/src/entities/problem-lead.entity';
import { AccountabilityRepository } from '../../../../libs/persistence/src/repositories/accountability.repository';
import { ProblemLeadRepository } from '../../../../libs/persistence/src/repositories/problem-lead.repository';
import { UnitRepository } from '../../../../libs/persistence/src/repositories/unit.repository';
import { serializedWrite } from '../../../../libs/persistence/src/serialized-write';
import { AccountabilityCaseGateway } from '../../../../libs/temporal/src/accountability-case.gateway';
import { ProblemLeadGateway } from '../../../../libs/temporal/src/problem-lead.gateway';
import { DataSource } from 'typeorm';
import { parseInput } from '../common/parse-input';
import { actorOf } from '../measures/run-measure-command.use-case';
import { caseSummary } from './case-view';
import { DisciplineAccess } from './discipline-access';
import { ProblemLeadAccess } from './problem-lead-access';
import { leadView } from './problem-lead-view';
import { verifyLeadSchema } from './problem-lead.schemas';

// POST /leads/:id/verification (逐条核实): the outcome, recorded once by the body the lead went to.
// 属实 and 部分属实 open an accountability case at that body (once: its referral key is the lead's).
// A lead verified before is refused with its earlier outcome, and nothing is written.
@Injectable()
export class VerifyProblemLeadUseCase {
  constructor(
    @Inject(ProblemLeadRepository) private readonly leads: ProblemLeadRepository,
    @Inject(AccountabilityRepository) private readonly cases: AccountabilityRepository,
    @Inject(UnitRepository) private readonly units: UnitRepository,
    @Inject(ProblemLeadAccess) private readonly access: ProblemLeadAccess,
    @Inject(DisciplineAccess) private readonly discipline: DisciplineAccess,
    @Inject(AccountabilityCaseGateway) private readonly caseGateway: AccountabilityCaseGateway,
    @Inject(ProblemLeadGateway) private readonly leadGateway: ProblemLeadGateway,
    @Inject(DataSource) private readonly ds: DataSource,
  ) {}

  async execute(principal: Principal, id: string, input: unknown) {
    const lead = await this.access.visibleLead(principal, id);
    const body = await this.discipline.actingBody(principal);
    if (body.code !== lead.bodyCode)
      throw new DomainError(
        'FORBIDDEN',
        `lead ${lead.ref} went to ${lead.bodyCode}; only that body verifies it, not ${body.code}`,
      );
    const c = parseInput(verifyLeadSchema, input, 'body');
    // One verification of a lead at a time, in this process and (on PostgreSQL, under an advisory
    // lock held until the end) across API replicas: a case is opened only for the verification
    // that will be recorded.
    return serializedWrite(this.ds, `problem-lead:${lead.id}`, async () => {
      const current = await this.leads.find(lead.id);
      if (current && current.status !== 'pending') throw alreadyVerified(current);
      const actor = actorOf(principal, undefined);
      const verifiedAt = new Date();
      // The case first, keyed by the lead: if recording the verification fails, asking again
      // finds the same case.
      const opened = leadOpensCase(c.outcome)
        ? await this.caseGateway.open({
            referralKey: `lead:${lead.id}`,
            origin: 'lead',
            bodyCode: lead.bodyCode,
            planId: lead.planId,
            measureId: null,
            leadId: lead.id,
            lineage: await this.lineage(lead, body),
            reason: c.note ?? null,
            openedBy: actor,
            openedAt: verifiedAt,
            detail: { ref: lead.ref, items: lead.items, outcome: c.outcome, note: c.note ?? null },
          })
        : null;
      const result = await this.leads.verify(lead.id, {
        outcome: c.outcome,
        note: c.note ?? null,
        verifiedBy: actor,
        verifiedAt,
        caseId: opened?.case.id ?? null,
      });
      if (!result.verified) throw alreadyVerified(result.lead ?? lead);
      await this.leadGateway.verified(result.lead);
      return {
        ...leadView(result.lead, verifiedAt.getTime()),
        case: opened ? caseSummary(opened.case) : null,
      };
    });
  }

  // Whose bodies see the case: the body's own units; when the lead names a plan problem, those of
  // its measures' units the body is competent for, with their ancestors in the plan's tree (a
  // problem's measures in another county do not show the case to that county's body); then the
  // units of the bodies above.
  private async lineage(lead: ProblemLeadEntity, body: DisciplineBodyEntity): Promise<string[]> {
    const units = [...body.jurisdiction];
    if (lead.planId && lead.problemCode) {
      const within: string[] = [];
      for (const u of await this.leads.problemUnits(lead.planId, lead.problemCode))
        if ((await this.units.lineage(lead.planId, [u])).some((a) => body.jurisdiction.includes(a)))
          within.push(u);
      units.push(...(await this.units.lineage(lead.planId, [...within, ...body.jurisdiction])));
    }
    const bodies = await this.cases.bodies();
    let parent = body.parentCode ? bodies.find((b) => b.code === body.parentCode) : undefined;
    const seen = new Set<string>([body.code]);
    while (parent && !seen.has(parent.code)) {
      seen.add(parent.code);
      units.push(...parent.jurisdiction);
      parent = parent.parentCode ? bodies.find((b) => b.code === parent?.parentCode) : undefined;
    }
    return [...new Set(units)];
  }
}

function alreadyVerified(l: ProblemLeadEntity): DomainError {
  return new DomainError(
    'COMMAND_REFUSED',
    `lead ${l.ref} at ${l.bodyCode} was verified ${l.outcome} on ${l.verifiedAt?.toISOString()} by ${l.verifiedBy}; a lead is verified once`,
  );
}
