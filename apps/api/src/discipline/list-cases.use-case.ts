import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import type { Principal } from '../../../../libs/domain/src/authorization';
import { CASE_STATUSES } from '../../../../libs/persistence/src/entities/accountability-case.entity';
import { AccountabilityRepository } from '../../../../libs/persistence/src/repositories/accountability.repository';
import { parseInput } from '../common/parse-input';
import { caseSummary } from './case-view';
import { DisciplineAccess } from './discipline-access';

const query = z.strictObject({
  status: z.enum(CASE_STATUSES).optional(),
  measure: z.string().max(36).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

@Injectable()
export class ListCasesUseCase {
  constructor(
    @Inject(AccountabilityRepository) private readonly cases: AccountabilityRepository,
    @Inject(DisciplineAccess) private readonly access: DisciplineAccess,
  ) {}

  async execute(principal: Principal, q: unknown) {
    const f = parseInput(query, q, 'query');
    const { total, items } = await this.cases.listCases({
      unitCodes: DisciplineAccess.unitsOf(await this.access.scope(principal)),
      status: f.status,
      measureId: f.measure,
      limit: f.limit,
      offset: f.offset,
    });
    return { total, items: items.map(caseSummary) };
  }
}
