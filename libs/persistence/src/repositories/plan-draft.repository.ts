import { DataSource } from 'typeorm';
import type { KnownUnit } from '../../../plan-io/src/draft/plan-draft';
import { PlanDraftEntity } from '../entities/plan-draft.entity';
import { UnitEntity } from '../entities/unit.entity';

// A change to a draft, written only over the revision it was computed from.
export type PlanDraftChange = Partial<
  Pick<PlanDraftEntity, 'plan' | 'edited' | 'status' | 'appliedPlanId' | 'targetPlanCode'>
>;

// 方案草稿 and the units a draft's names are matched against.
export class PlanDraftRepository {
  constructor(private readonly ds: DataSource) {}

  // Every unit of the imported plans, once per code (the first plan's name wins): the units the
  // office already keeps, so a draft names them by their codes instead of proposing new ones.
  async knownUnits(): Promise<KnownUnit[]> {
    const rows = await this.ds
      .getRepository(UnitEntity)
      .find({ select: { code: true, name: true, level: true, parentCode: true }, order: { code: 'ASC' } });
    const byCode = new Map<string, KnownUnit>();
    for (const u of rows)
      if (!byCode.has(u.code))
        byCode.set(u.code, {
          code: u.code,
          name: u.name,
          level: u.level,
          ...(u.parentCode ? { parent: u.parentCode } : {}),
        });
    return [...byCode.values()];
  }

  async insert(row: PlanDraftEntity): Promise<void> {
    await this.ds.getRepository(PlanDraftEntity).save(row);
  }

  find(id: string): Promise<PlanDraftEntity | null> {
    return this.ds.getRepository(PlanDraftEntity).findOneBy({ id });
  }

  // Newest first, without the document and the reading (a list shows what each draft is).
  list(): Promise<PlanDraftEntity[]> {
    return this.ds.getRepository(PlanDraftEntity).find({
      select: {
        id: true,
        createdAt: true,
        createdBy: true,
        fileName: true,
        format: true,
        plan: true,
        edited: true,
        revision: true,
        status: true,
        appliedPlanId: true,
        targetPlanCode: true,
      },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
  }

  // False when the draft is gone or another change was written since `revision` was read.
  async update(id: string, revision: number, change: PlanDraftChange): Promise<boolean> {
    const r = await this.ds
      .createQueryBuilder()
      .update(PlanDraftEntity)
      .set({ ...change, revision: revision + 1 })
      .where('id = :id AND revision = :revision', { id, revision })
      .execute();
    return r.affected === 1;
  }

  // Applied whatever edit came in meanwhile: the import took the plan it read, and the draft says
  // so. False when it was applied (or deleted) before.
  async markApplied(id: string, planId: string): Promise<boolean> {
    const r = await this.ds
      .createQueryBuilder()
      .update(PlanDraftEntity)
      .set({ status: 'applied', appliedPlanId: planId, revision: () => 'revision + 1' })
      .where("id = :id AND status = 'draft'", { id })
      .execute();
    return r.affected === 1;
  }

  // Only a draft not applied: an applied draft is the record of where its plan came from.
  async deleteUnapplied(id: string): Promise<boolean> {
    const r = await this.ds.getRepository(PlanDraftEntity).delete({ id, status: 'draft' });
    return r.affected === 1;
  }
}
