import { DataSource } from 'typeorm';
import { unitLineage } from '../../../domain/src/authorization';
import { UnitEntity } from '../entities/unit.entity';

export class UnitRepository {
  constructor(private readonly ds: DataSource) {}

  // The units with every ancestor in the plan's unit tree: what authorization compares with.
  async lineage(planId: string, unitCodes: readonly string[]): Promise<string[]> {
    return unitLineage(unitCodes, await this.tree(planId));
  }

  // The plan's unit tree as parent links.
  async tree(planId: string): Promise<{ code: string; parent: string | null }[]> {
    const rows = await this.ds
      .getRepository(UnitEntity)
      .find({ where: { planId }, select: { code: true, parentCode: true } });
    return rows.map((u) => ({ code: u.code, parent: u.parentCode }));
  }
}
