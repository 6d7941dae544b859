import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { InspectionEntity } from '../entities/inspection.entity';
import { MeasureUnitEntity } from '../entities/measure-unit.entity';
import { MeasureEntity } from '../entities/measure.entity';
import { PlanEntity } from '../entities/plan.entity';
import { ProblemGroupEntity } from '../entities/problem-group.entity';
import { ProblemEntity } from '../entities/problem.entity';
import { UnitEntity } from '../entities/unit.entity';
import type { PlanRows } from '../plan-import.mapper';

export type SavePlanOutcome =
  | { readonly kind: 'created' }
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'conflict'; readonly message: string };

export interface PlanTree {
  plan: PlanEntity;
  inspection: InspectionEntity;
  units: UnitEntity[];
  groups: ProblemGroupEntity[];
  problems: ProblemEntity[];
  measures: MeasureEntity[];
}

// Rows per INSERT: stays under SQLite's and PostgreSQL's bound-parameter limits for every table.
const CHUNK = 50;

export class PlanRepository {
  constructor(private readonly ds: DataSource) {}

  // All or nothing: a plan is either wholly in the read model or not at all.
  async savePlan(rows: PlanRows): Promise<SavePlanOutcome> {
    try {
      return await this.ds.transaction((em) => this.saveIn(em, rows));
    } catch (e) {
      // A concurrent import of the same plan won the race: answer as if we had come second.
      if (e instanceof QueryFailedError && /unique|duplicate/i.test(e.message)) {
        return this.ds.transaction((em) => this.saveIn(em, rows));
      }
      throw e;
    }
  }

  private async saveIn(em: EntityManager, rows: PlanRows): Promise<SavePlanOutcome> {
    const existing = await em.findOne(PlanEntity, { where: { code: rows.plan.code } });
    if (existing) {
      return existing.contentHash === rows.plan.contentHash
        ? { kind: 'unchanged' }
        : { kind: 'conflict', message: `plan ${rows.plan.code} was already imported with different content` };
    }
    const inspection = await em.findOne(InspectionEntity, { where: { code: rows.inspection.code } });
    if (inspection) {
      const fields = [
        'name',
        'inspectingBody',
        'inspectedOrganisation',
        'onSiteFrom',
        'onSiteTo',
        'feedbackDate',
      ] as const;
      const differing = fields.filter((f) => inspection[f] !== rows.inspection[f]);
      if (differing.length) {
        return {
          kind: 'conflict',
          message: `inspection ${inspection.code} is already recorded with a different ${differing.join(', ')}`,
        };
      }
    } else {
      await em.insert(InspectionEntity, rows.inspection);
    }
    await em.insert(PlanEntity, rows.plan);
    await insertChunked(em, UnitEntity, rows.units);
    // Categories precede their aspects in `groups`, so parents exist before children.
    await insertChunked(em, ProblemGroupEntity, rows.groups);
    await insertChunked(em, ProblemEntity, rows.problems);
    await insertChunked(em, MeasureEntity, rows.measures);
    await insertChunked(em, MeasureUnitEntity, rows.measureUnits);
    return { kind: 'created' };
  }

  findById(id: string): Promise<PlanEntity | null> {
    return this.ds.getRepository(PlanEntity).findOne({ where: { id } });
  }

  findByCode(code: string): Promise<PlanEntity | null> {
    return this.ds.getRepository(PlanEntity).findOne({ where: { code } });
  }

  list(): Promise<PlanEntity[]> {
    return this.ds.getRepository(PlanEntity).find({ order: { importedAt: 'ASC', code: 'ASC' } });
  }

  async tree(plan: PlanEntity): Promise<PlanTree> {
    const planId = plan.id;
    const [inspection, units, groups, problems, measures] = await Promise.all([
      this.ds.getRepository(InspectionEntity).findOneOrFail({ where: { id: plan.inspectionId } }),
      this.ds.getRepository(UnitEntity).find({ where: { planId }, order: { code: 'ASC' } }),
      this.ds.getRepository(ProblemGroupEntity).find({ where: { planId }, order: { position: 'ASC' } }),
      this.ds.getRepository(ProblemEntity).find({ where: { planId }, order: { position: 'ASC' } }),
      this.ds.getRepository(MeasureEntity).find({ where: { planId }, order: { position: 'ASC' } }),
    ]);
    // Categories first, so every aspect's parent precedes it.
    const ordered = [
      ...groups.filter((g) => g.kind === 'category'),
      ...groups.filter((g) => g.kind === 'aspect'),
    ];
    return { plan, inspection, units, groups: ordered, problems, measures };
  }
}

async function insertChunked<T extends object>(
  em: EntityManager,
  target: new () => T,
  rows: T[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    // updateEntity(false): TypeORM would otherwise write "generated" values back into our row
    // objects, and on SQLite multi-row inserts it hands the primary keys back in the wrong order.
    await em
      .createQueryBuilder()
      .insert()
      .into(target)
      .values(rows.slice(i, i + CHUNK) as never)
      .updateEntity(false)
      .execute();
  }
}
