import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { DomainError } from '../../../../libs/domain/src/domain-error';
import type { AccountabilityCaseEntity } from '../../../../libs/persistence/src/entities/accountability-case.entity';
import type { DisciplineBodyEntity } from '../../../../libs/persistence/src/entities/discipline-body.entity';
import { AccountabilityRepository } from '../../../../libs/persistence/src/repositories/accountability.repository';

// Which cases a principal reaches: the office and admins every case; a discipline body's people
// the cases whose units meet the body's jurisdiction (a county body its county, a city body every
// county below it); anyone else none.
export type CaseScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'none' }
  | { readonly kind: 'jurisdiction'; readonly body: DisciplineBodyEntity };

// Row-level authorization for cases and the body a principal acts for. A case outside the
// caller's scope answers 404, like one that does not exist; acting for the wrong body 403.
@Injectable()
export class DisciplineAccess {
  constructor(@Inject(AccountabilityRepository) private readonly cases: AccountabilityRepository) {}

  async scope(p: Principal): Promise<CaseScope> {
    if (p.role === 'admin' || p.role === 'office') return { kind: 'all' };
    if (p.role !== 'discipline') return { kind: 'none' };
    const body = await this.cases.bodyOf(p.id);
    return body ? { kind: 'jurisdiction', body } : { kind: 'none' };
  }

  // The units whose cases the scope reaches; undefined: all.
  static unitsOf(scope: CaseScope): readonly string[] | undefined {
    if (scope.kind === 'all') return undefined;
    return scope.kind === 'jurisdiction' ? scope.body.jurisdiction : [];
  }

  static inScope(scope: CaseScope, c: AccountabilityCaseEntity): boolean {
    if (scope.kind === 'all') return true;
    if (scope.kind === 'none') return false;
    return c.unitLineage.some((u) => scope.body.jurisdiction.includes(u));
  }

  async visibleCase(p: Principal, caseId: string): Promise<AccountabilityCaseEntity> {
    const c = await this.cases.findCase(caseId);
    if (!c || !DisciplineAccess.inScope(await this.scope(p), c))
      throw new DomainError('NOT_FOUND', `no accountability case ${caseId}`);
    return c;
  }

  // The body the principal acts for; decisions, reviews and verifications are that body's.
  async actingBody(p: Principal): Promise<DisciplineBodyEntity> {
    const body = await this.cases.bodyOf(p.id);
    if (!body)
      throw new DomainError(
        'FORBIDDEN',
        `${p.kind} ${p.id} acts for no discipline body: the office names its members at PUT /discipline-bodies/:code/members`,
      );
    return body;
  }
}
