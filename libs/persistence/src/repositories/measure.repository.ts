import { DataSource } from 'typeorm';
import type { MeasureStatus } from '../../../domain/src/measure-status';
import { MeasureUnitEntity } from '../entities/measure-unit.entity';
import { MeasureEntity } from '../entities/measure.entity';

export interface MeasureFilter {
  readonly planId?: string;
  readonly status?: MeasureStatus;
  // Measures this unit leads or co-operates on.
  readonly unitCode?: string;
  readonly limit: number;
  readonly offset: number;
}

export class MeasureRepository {
  constructor(private readonly ds: DataSource) {}

  async list(filter: MeasureFilter): Promise<{ items: MeasureEntity[]; total: number }> {
    const qb = this.ds.getRepository(MeasureEntity).createQueryBuilder('m');
    if (filter.planId) qb.andWhere('m.plan_id = :planId', { planId: filter.planId });
    if (filter.status) qb.andWhere('m.status = :status', { status: filter.status });
    if (filter.unitCode) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM measure_units mu WHERE mu.measure_id = m.id AND mu.unit_code = :unitCode)`,
        { unitCode: filter.unitCode },
      );
    }
    qb.orderBy('m.due_at', 'ASC').addOrderBy('m.code', 'ASC').take(filter.limit).skip(filter.offset);
    const [items, total] = await qb.getManyAndCount();
    return { items, total };
  }

  findById(id: string): Promise<MeasureEntity | null> {
    return this.ds.getRepository(MeasureEntity).findOne({ where: { id } });
  }

  findByWorkflowId(workflowId: string): Promise<MeasureEntity | null> {
    return this.ds.getRepository(MeasureEntity).findOne({ where: { workflowId } });
  }

  listByPlan(planId: string): Promise<MeasureEntity[]> {
    return this.ds.getRepository(MeasureEntity).find({ where: { planId }, order: { position: 'ASC' } });
  }

  units(measureId: string): Promise<MeasureUnitEntity[]> {
    return this.ds.getRepository(MeasureUnitEntity).find({ where: { measureId } });
  }
}
