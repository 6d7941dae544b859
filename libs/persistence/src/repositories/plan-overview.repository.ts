import { DataSource } from 'typeorm';
import { ESCALATION_KINDS } from '../../../domain/src/escalation-ladder';
import { CadenceEventEntity } from '../entities/cadence-event.entity';
import { MeasureEventEntity } from '../entities/measure-event.entity';
import { MeasureEntity } from '../entities/measure.entity';

// What a plan's overview and unit scorecard count beyond the measure rows: the escalations each
// measure received, completion claims and sign-offs with their dates, and missed reports.
export class PlanOverviewRepository {
  constructor(private readonly ds: DataSource) {}

  // Per measure of the plan that was escalated: how many steps and the highest level reached.
  async escalationsByMeasure(planId: string): Promise<Map<string, { steps: number; highest: number }>> {
    const rows: { measure: string; steps: string | number; highest: string | number }[] = await this.ds
      .getRepository(MeasureEventEntity)
      .createQueryBuilder('e')
      .innerJoin(MeasureEntity, 'm', 'm.id = e.measure_id')
      .select('e.measure_id', 'measure')
      .addSelect('COUNT(*)', 'steps')
      .addSelect('MAX(e.level)', 'highest')
      .where('m.plan_id = :planId', { planId })
      .andWhere('e.kind IN (:...kinds)', { kinds: ESCALATION_KINDS })
      .groupBy('e.measure_id')
      .getRawMany();
    return new Map(rows.map((r) => [r.measure, { steps: Number(r.steps), highest: Number(r.highest) }]));
  }

  // Completion claims (申请销号) and sign-offs (销号) of the plan's measures, with when they happened.
  completions(planId: string): Promise<Pick<MeasureEventEntity, 'measureId' | 'kind' | 'occurredAt'>[]> {
    return this.ds
      .getRepository(MeasureEventEntity)
      .createQueryBuilder('e')
      .select(['e.id', 'e.measureId', 'e.kind', 'e.occurredAt'])
      .innerJoin(MeasureEntity, 'm', 'm.id = e.measure_id')
      .where('m.plan_id = :planId', { planId })
      .andWhere('e.kind IN (:...kinds)', { kinds: ['completion_claimed', 'verified'] })
      .orderBy('e.occurred_at', 'ASC')
      .getMany();
  }

  // Missed reports (漏报) of the plan's reporting cadence, by unit.
  async missedReportsByUnit(planId: string): Promise<Map<string, number>> {
    const rows: { unit: string; missed: string | number }[] = await this.ds
      .getRepository(CadenceEventEntity)
      .createQueryBuilder('c')
      .select('c.unit_code', 'unit')
      .addSelect('COUNT(*)', 'missed')
      .where('c.plan_id = :planId', { planId })
      .andWhere('c.kind = :kind', { kind: 'report_missed' })
      .groupBy('c.unit_code')
      .getRawMany();
    return new Map(rows.map((r) => [r.unit, Number(r.missed)]));
  }
}
