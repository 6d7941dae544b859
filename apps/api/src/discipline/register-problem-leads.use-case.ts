import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { DEFAULT_TIME_ZONE, startOfDayInZone, zoneOffsetMs } from '../../../../libs/domain/src/deadline';
import { DomainError, type ErrorDetail } from '../../../../libs/domain/src/domain-error';
import { addIsoDuration } from '../../../../libs/domain/src/iso-duration';
import {
  DEFAULT_LEAD_POLICY,
  leadPolicyProblems,
  type LeadClockPolicy,
} from '../../../../libs/domain/src/problem-lead';
import { AccountabilityRepository } from '../../../../libs/persistence/src/repositories/accountability.repository';
import { ProblemLeadRepository } from '../../../../libs/persistence/src/repositories/problem-lead.repository';
import { bodyNotice } from '../../../../libs/temporal/src/accountability-case.gateway';
import { ProblemLeadGateway } from '../../../../libs/temporal/src/problem-lead.gateway';
import { parseInput, validationFailed } from '../common/parse-input';
import { actorOf } from '../measures/run-measure-command.use-case';
import { leadView } from './problem-lead-view';
import { registerLeadsSchema } from './problem-lead.schemas';

// POST /leads: a lead (or a batch handed over as a count) registered with every body it went to,
// one ledger line per body, each with its verification clock. Leads keep arriving after the plan
// is imported: each later addition is a registration of its own. The same registration again
// answers the lines it wrote; the ref at a body with anything different is refused.
@Injectable()
export class RegisterProblemLeadsUseCase {
  constructor(
    @Inject(ProblemLeadRepository) private readonly leads: ProblemLeadRepository,
    @Inject(AccountabilityRepository) private readonly cases: AccountabilityRepository,
    @Inject(ProblemLeadGateway) private readonly gateway: ProblemLeadGateway,
  ) {}

  async execute(principal: Principal, input: unknown) {
    const c = parseInput(registerLeadsSchema, input, 'body');
    const problems: ErrorDetail[] = [];
    const plan = c.planCode ? await this.leads.planByCode(c.planCode) : null;
    if (c.planCode && !plan) problems.push({ path: 'body.planCode', message: `no plan ${c.planCode}` });
    if (plan && c.problemCode && !(await this.leads.problem(plan.id, c.problemCode)))
      problems.push({
        path: 'body.problemCode',
        message: `plan ${plan.code} has no problem ${c.problemCode}`,
      });
    const zone = plan?.timeZone ?? DEFAULT_TIME_ZONE;
    const received = receivedAt(c.receivedOn, zone);
    const now = Date.now();
    if (received === null)
      problems.push({ path: 'body.receivedOn', message: `${c.receivedOn} is not a day of the calendar` });
    else if (c.receivedOn > todayIn(zone, now))
      problems.push({
        path: 'body.receivedOn',
        message: `${c.receivedOn} is in the future (today is ${todayIn(zone, now)} in ${zone})`,
      });
    const known = new Set((await this.cases.bodies()).map((b) => b.code));
    c.bodies.forEach((b, i) => {
      if (!known.has(b))
        problems.push({
          path: `body.bodies.${i}`,
          message: `no discipline body ${b}: the office adds it at PUT /discipline-bodies/${b}`,
        });
    });
    const policy: LeadClockPolicy = {
      deadline: c.verifyWithin ?? DEFAULT_LEAD_POLICY.deadline,
      reminders: c.reminders ?? DEFAULT_LEAD_POLICY.reminders,
      escalateAfter: c.escalateAfter ?? DEFAULT_LEAD_POLICY.escalateAfter,
    };
    problems.push(...leadPolicyProblems(policy).map((p) => ({ ...p, path: `body.${p.path}` })));
    if (problems.length || received === null) throw validationFailed('body', problems);

    // The verification period counts from the start of the day the lead was received.
    const dueAt = new Date(addIsoDuration(received, policy.deadline));
    const actor = actorOf(principal, undefined);
    const bodies = await this.cases.bodies();
    const registration = await this.leads.register(
      c.bodies.map((bodyCode) => ({
        ref: c.ref,
        planId: plan?.id ?? null,
        problemCode: c.problemCode ?? null,
        summary: c.summary ?? null,
        items: c.items,
        receivedOn: c.receivedOn,
        bodyCode,
        dueAt,
        policy,
        registeredBy: actor,
        registeredAt: new Date(now),
        notify: bodyNotice(
          bodies.find((b) => b.code === bodyCode) ?? null,
          'problem lead received (问题线索移交)',
        ),
      })),
    );
    if (registration.kind === 'conflict')
      throw new DomainError(
        'COMMAND_REFUSED',
        `lead ${c.ref} is registered already at ${registration.existing
          .map((l) => `${l.bodyCode} (received ${l.receivedOn}, ${l.items} item(s))`)
          .join(', ')}; a later addition takes a ref of its own`,
      );
    // Also for a repeated registration: the first may have stopped before its clocks started.
    for (const lead of registration.leads) await this.gateway.startClock(lead);
    return {
      repeated: registration.kind === 'repeated',
      items: registration.leads.map((l) => leadView(l, now)),
    };
  }
}

// Midnight at the start of the day in the zone, or null for a day the calendar does not have.
function receivedAt(day: string, zone: string): number | null {
  const [y, m, d] = day.split('-').map(Number);
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
  return startOfDayInZone(y, m, d, zone);
}

function todayIn(zone: string, nowMs: number): string {
  return new Date(nowMs + zoneOffsetMs(zone, nowMs)).toISOString().slice(0, 10);
}
