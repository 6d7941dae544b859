import { validatePlanDefinition } from '../../libs/domain/src/plan-definition';
import { MIGRATIONS, runMigrations } from '../../libs/persistence/src/data-source';
import { planRows } from '../../libs/persistence/src/plan-import.mapper';
import { PlanRepository } from '../../libs/persistence/src/repositories/plan.repository';
import { undoLastMigration } from '../support/migrations';
import { aPlanDocument } from '../support/plan-fixtures';
import { createTestDatabase, TestDatabase, testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

// 方案版本: an import keeps version 1; a plan imported before versions were kept gets version 1
// from the definition it was last applied with, at its last import; down drops the table.
describe(`the plan-versions migration (${testEngine()})`, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ fromEmpty: true });
  });
  afterAll(() => db?.close());

  it('keeps a version per import, backfills plans imported before, and goes down and up again', async () => {
    const valid = validatePlanDefinition(aPlanDocument({ planCode: uniqueCode('PV') }));
    if (!valid.ok) throw new Error('fixture invalid');
    const importedAt = new Date('2026-11-30T08:00:00.000Z');
    const rows = planRows(valid.plan, importedAt);
    const plans = new PlanRepository(db.dataSource);
    expect(await plans.savePlan(rows)).toEqual({ kind: 'created' });
    const kept = async () =>
      (await plans.versions(rows.plan.id)).map((v) => [v.number, v.contentHash, v.appliedAt.toISOString()]);
    expect(await kept()).toEqual([[1, rows.plan.contentHash, importedAt.toISOString()]]);

    const hasTable = async () => {
      const q = db.dataSource.createQueryRunner();
      try {
        return await q.hasTable('plan_versions');
      } finally {
        await q.release();
      }
    };
    // Down to before it (migrations of later parts first, if any).
    for (let i = 0; i < MIGRATIONS.length && (await hasTable()); i++) await undoLastMigration(db.dataSource);
    expect(await hasTable()).toBe(false);
    expect(await runMigrations(db.dataSource)).toContain('PlanVersions1795971000000');
    expect(await kept()).toEqual([[1, rows.plan.contentHash, importedAt.toISOString()]]);
    const [version] = await plans.versions(rows.plan.id);
    expect(version.definition).toEqual(valid.plan);
  });
});
