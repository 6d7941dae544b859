import { Inject, Injectable } from '@nestjs/common';
import { isOpen } from '../../../../libs/domain/src/measure-status';
import {
  type MeasureBoardRow,
  type MeasureFilter,
  MeasureRepository,
} from '../../../../libs/persistence/src/repositories/measure.repository';

// The caller's reach (measureScope(principal)) is part of every filter: the repository applies it.
export type ListMeasuresQuery = MeasureFilter;

// `now` decides `overdue` (open and past its deadline), so every client marks the same rows red.
export function measureSummary(m: MeasureBoardRow, now: Date = new Date()) {
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
    // The plan did not write the date: it was assumed (长期坚持, 立即 with the default days).
    dueAssumed: m.dueAssumed,
    // 长期坚持 followed by periodic reviews only: no ladder, never overdue.
    reviewsOnly: m.reviewsOnly,
    status: m.status,
    overdue: isOpen(m.status) && m.dueAt.getTime() < now.getTime() && !m.reviewsOnly,
    overdueLevel: m.overdueLevel,
    // 亮灯 (docs/lights.md): null when not open.
    light: m.light,
    track: m.track,
    parentMeasureId: m.parentMeasureId,
    signedOffAt: m.signedOffAt ? m.signedOffAt.toISOString() : null,
    // 签收: null when the measure's policy asks for none.
    acknowledgement: m.acknowledgement ?? null,
    acknowledgeBy: m.acknowledgeBy ? m.acknowledgeBy.toISOString() : null,
    workflowId: m.workflowId,
  };
}

@Injectable()
export class ListMeasuresUseCase {
  constructor(@Inject(MeasureRepository) private readonly measures: MeasureRepository) {}

  async execute(q: ListMeasuresQuery) {
    const { items, total } = await this.measures.list(q);
    const now = new Date();
    return {
      total,
      limit: q.limit,
      offset: q.offset,
      items: items.map((m) => measureSummary(m, now)),
    };
  }
}
