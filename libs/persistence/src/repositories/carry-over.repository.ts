import { DataSource, In, IsNull } from 'typeorm';
import { MeasureEventEntity } from '../entities/measure-event.entity';
import { MeasureEntity } from '../entities/measure.entity';
import { PlanEntity } from '../entities/plan.entity';
import { ProblemEntity } from '../entities/problem.entity';

// Links between plans of one installation (承接, 回头看 reopening): an earlier plan's problems and
// signed-off measures, found by the codes a later plan writes.
export class CarryOverRepository {
  constructor(private readonly ds: DataSource) {}

  plan(code: string): Promise<PlanEntity | null> {
    return this.ds.getRepository(PlanEntity).findOneBy({ code });
  }

  problem(planId: string, code: string): Promise<ProblemEntity | null> {
    return this.ds.getRepository(ProblemEntity).findOneBy({ planId, code });
  }

  problemById(id: string): Promise<ProblemEntity | null> {
    return this.ds.getRepository(ProblemEntity).findOneBy({ id });
  }

  // A plan's own measure (not a sub-measure) by code.
  measure(planId: string, code: string): Promise<MeasureEntity | null> {
    return this.ds.getRepository(MeasureEntity).findOneBy({ planId, code, parentMeasureId: IsNull() });
  }

  measuresOfProblem(problemId: string): Promise<MeasureEntity[]> {
    return this.ds
      .getRepository(MeasureEntity)
      .find({ where: { problemId, parentMeasureId: IsNull() }, order: { position: 'ASC' } });
  }

  // The recorded events of the given measures, oldest first (light changes left out: a timeline
  // of what was done, not of the light).
  async events(measureIds: readonly string[]): Promise<MeasureEventEntity[]> {
    if (!measureIds.length) return [];
    const rows = await this.ds
      .getRepository(MeasureEventEntity)
      .find({ where: { measureId: In([...measureIds]) }, order: { occurredAt: 'ASC', recordedAt: 'ASC' } });
    return rows.filter((e) => e.kind !== 'light_changed');
  }
}
