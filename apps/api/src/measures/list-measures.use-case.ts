import { Inject, Injectable } from '@nestjs/common';
import type { MeasureScope } from '../../../../libs/domain/src/authorization';
import type { MeasureStatus } from '../../../../libs/domain/src/measure-status';
import type { MeasureEntity } from '../../../../libs/persistence/src/entities/measure.entity';
import { MeasureRepository } from '../../../../libs/persistence/src/repositories/measure.repository';

export interface ListMeasuresQuery {
  // The caller's reach (measureScope(principal)): the repository filters the list by it.
  readonly scope: MeasureScope;
  readonly planId?: string;
  readonly status?: MeasureStatus;
  readonly unit?: string;
  readonly limit: number;
  readonly offset: number;
}

export function measureSummary(m: MeasureEntity) {
  return {
    id: m.id,
    planId: m.planId,
    code: m.code,
    title: m.title,
    leadLeader: m.leadLeader,
    leadUnit: m.leadUnitCode,
    coUnits: m.coUnitCodes,
    dueAt: m.dueAt.toISOString(),
    due: m.dueText,
    status: m.status,
    overdueLevel: m.overdueLevel,
    track: m.track,
    parentMeasureId: m.parentMeasureId,
    signedOffAt: m.signedOffAt ? m.signedOffAt.toISOString() : null,
    workflowId: m.workflowId,
  };
}

@Injectable()
export class ListMeasuresUseCase {
  constructor(@Inject(MeasureRepository) private readonly measures: MeasureRepository) {}

  async execute(q: ListMeasuresQuery) {
    const { items, total } = await this.measures.list({
      scope: q.scope,
      planId: q.planId,
      status: q.status,
      unitCode: q.unit,
      limit: q.limit,
      offset: q.offset,
    });
    return { total, limit: q.limit, offset: q.offset, items: items.map(measureSummary) };
  }
}
