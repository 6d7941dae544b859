import { DataSource } from 'typeorm';
import { CadenceEventEntity } from '../entities/cadence-event.entity';
import { MeasureEventEntity } from '../entities/measure-event.entity';
import { MeasureEntity } from '../entities/measure.entity';

// The kind is a string: it includes the 签收 kinds that may not be in MEASURE_EVENT_KINDS yet.
export type AssessmentEvent = Pick<MeasureEventEntity, 'measureId' | 'level' | 'occurredAt' | 'detail'> & {
  readonly kind: string;
};

// What a unit assessment (考评) reads beyond the measure rows: the plan's measure events of the
// kinds it counts, and the roll-ups of the reporting periods that closed, with who owed and who
// reported.
export class UnitAssessmentRepository {
  constructor(private readonly ds: DataSource) {}

  // Events of these kinds on the plan's measures that happened before `before`, oldest first. The
  // kinds are strings: 签收 events (`assignment_acknowledged`) are counted once they are recorded.
  measureEvents(planId: string, kinds: readonly string[], before: Date): Promise<AssessmentEvent[]> {
    return this.ds
      .getRepository(MeasureEventEntity)
      .createQueryBuilder('e')
      .select(['e.id', 'e.measureId', 'e.kind', 'e.level', 'e.occurredAt', 'e.detail'])
      .innerJoin(MeasureEntity, 'm', 'm.id = e.measure_id')
      .where('m.plan_id = :planId', { planId })
      .andWhere('e.kind IN (:...kinds)', { kinds })
      .andWhere('e.occurred_at < :before', { before })
      .orderBy('e.occurred_at', 'ASC')
      .getMany();
  }

  // Reporting periods of the plan that closed in [from, to] (a period closes at its end, which
  // belongs to the next period, so a close at `to` is the last one inside [from, to)).
  periodCloses(
    planId: string,
    from: Date,
    to: Date,
  ): Promise<Pick<CadenceEventEntity, 'periodKey' | 'detail'>[]> {
    return this.ds
      .getRepository(CadenceEventEntity)
      .createQueryBuilder('c')
      .select(['c.id', 'c.periodKey', 'c.detail'])
      .where('c.plan_id = :planId', { planId })
      .andWhere('c.kind = :kind', { kind: 'period_closed' })
      .andWhere('c.occurred_at > :from', { from })
      .andWhere('c.occurred_at <= :to', { to })
      .getMany();
  }
}
