import { Inject, Injectable } from '@nestjs/common';
import { BODY_LEVELS, oversees } from '../../../../libs/domain/src/accountability';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { DEFAULT_TIME_ZONE, readDeadline, startOfDayInZone } from '../../../../libs/domain/src/deadline';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import type { DisciplineBodyEntity } from '../../../../libs/persistence/src/entities/discipline-body.entity';
import type { PlanEntity } from '../../../../libs/persistence/src/entities/plan.entity';
import { AccountabilityRepository } from '../../../../libs/persistence/src/repositories/accountability.repository';
import { bodyFacts } from '../../../../libs/temporal/src/accountability-case.gateway';
import { validationFailed } from '../common/parse-input';
import { DisciplineAccess } from './discipline-access';

export interface FiguresPeriod {
  readonly from: string;
  readonly to: string;
  // The period's days read in `zone`: [start of `from`, end of `to`).
  readonly start: Date;
  readonly end: Date;
}

// Whose figures a principal may read or enter: the office and admins any body's; a body's members
// their body's and those below it (another county's body answers 404, like one they cannot see);
// anyone else none. The figures of a body are those of its cases and of every body below it.
@Injectable()
export class DisciplineFiguresScope {
  constructor(
    @Inject(AccountabilityRepository) private readonly cases: AccountabilityRepository,
    @Inject(DisciplineAccess) private readonly access: DisciplineAccess,
  ) {}

  // The body and every body below it, in tree order (the body first). `field` names the body in
  // a 400, e.g. query.body.
  async subtree(
    principal: Principal,
    code: string,
    field: string,
  ): Promise<{ body: DisciplineBodyEntity; bodies: DisciplineBodyEntity[] }> {
    const all = await this.cases.bodies();
    const body = all.find((b) => b.code === code);
    if (!body)
      throw validationFailed(field.split('.')[0], [
        { path: field, message: `no discipline body ${code}; GET /discipline-bodies lists them` },
      ]);
    const scope = await this.access.scope(principal);
    if (scope.kind === 'none')
      throw new DomainError(
        'FORBIDDEN',
        `${principal.kind} ${principal.id} acts for no discipline body: the office names its members at PUT /discipline-bodies/:code/members`,
      );
    const facts = all.map(bodyFacts);
    if (scope.kind === 'jurisdiction' && !oversees(facts, scope.body.code, code))
      throw new DomainError('NOT_FOUND', `no discipline body ${code} within ${scope.body.code}`);
    // A body sits above each body below it (bodyTreeProblems), so level order puts it first.
    const bodies = all
      .filter((b) => oversees(facts, code, b.code))
      .sort(
        (a, b) => BODY_LEVELS.indexOf(a.level) - BODY_LEVELS.indexOf(b.level) || a.code.localeCompare(b.code),
      );
    return { body, bodies };
  }

  async plan(id: string, field: string): Promise<PlanEntity> {
    const plan = await this.cases.plan(id);
    if (!plan) throw validationFailed(field.split('.')[0], [{ path: field, message: `no plan ${id}` }]);
    return plan;
  }
}

// Calendar days in order, read in `zone` (a plan's, else Rectify's default).
export function figuresPeriod(
  from: string,
  to: string,
  where: string,
  zone: string = DEFAULT_TIME_ZONE,
): FiguresPeriod {
  const problems: { path: string; message: string }[] = [];
  const fromDay = readDeadline(from, zone);
  const toDay = readDeadline(to, zone);
  if (!fromDay.ok) problems.push({ path: `${where}.from`, message: fromDay.message });
  if (!toDay.ok) problems.push({ path: `${where}.to`, message: toDay.message });
  if (fromDay.ok && toDay.ok && from > to)
    problems.push({ path: `${where}.from`, message: `${from} is after ${to}` });
  if (problems.length || !fromDay.ok || !toDay.ok) throw validationFailed(where, problems);
  const [y, m, d] = from.split('-').map(Number);
  return { from, to, start: new Date(startOfDayInZone(y, m, d, zone)), end: toDay.dueAt };
}
