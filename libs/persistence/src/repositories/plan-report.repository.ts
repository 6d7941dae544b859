import { DataSource, In, IsNull } from 'typeorm';
import { MeasureEventEntity } from '../entities/measure-event.entity';
import { MeasureEntity } from '../entities/measure.entity';

export interface PlanReportRows {
  // The plan's own measures (not sub-measures), withdrawn ones included.
  readonly measures: readonly MeasureEntity[];
  // Every recorded event of those measures, for figures as of an earlier date.
  readonly events: readonly { measureCode: string; kind: string; level: number; occurredAt: Date }[];
}

// Ids per IN list: well under SQLite's and PostgreSQL's bound-parameter limits.
const CHUNK = 500;

// What ledgers and bulletins are computed from, scoped to one plan.
export class PlanReportRepository {
  constructor(private readonly ds: DataSource) {}

  async load(planId: string): Promise<PlanReportRows> {
    const measures = await this.ds
      .getRepository(MeasureEntity)
      .find({ where: { planId, parentMeasureId: IsNull() }, order: { position: 'ASC' } });
    const codeOf = new Map(measures.map((m) => [m.id, m.code]));
    const ids = [...codeOf.keys()];
    const events: { measureCode: string; kind: string; level: number; occurredAt: Date }[] = [];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = await this.ds.getRepository(MeasureEventEntity).find({
        where: { measureId: In(ids.slice(i, i + CHUNK)) },
        select: { measureId: true, kind: true, level: true, occurredAt: true },
      });
      for (const e of rows)
        events.push({
          measureCode: codeOf.get(e.measureId) ?? '',
          kind: e.kind,
          level: e.level,
          occurredAt: e.occurredAt,
        });
    }
    return { measures, events };
  }
}
