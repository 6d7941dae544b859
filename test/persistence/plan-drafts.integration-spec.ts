import { randomUUID } from 'node:crypto';
import { validatePlanDefinition } from '../../libs/domain/src/plan-definition';
import { MIGRATIONS, runMigrations } from '../../libs/persistence/src/data-source';
import type { PlanDraftEntity } from '../../libs/persistence/src/entities/plan-draft.entity';
import { planRows } from '../../libs/persistence/src/plan-import.mapper';
import { PlanDraftRepository } from '../../libs/persistence/src/repositories/plan-draft.repository';
import { PlanRepository } from '../../libs/persistence/src/repositories/plan.repository';
import { documentTextOf } from '../../libs/plan-io/src/draft/document-text';
import { aPlanDocument } from '../support/plan-fixtures';
import { createTestDatabase, TestDatabase, testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

// plan_drafts: the table and the writes the API relies on for "nothing half-written" and for
// edits that cross (an edit applies to the revision it read).
describe(`plan drafts in the database (${testEngine()})`, () => {
  let db: TestDatabase;
  let drafts: PlanDraftRepository;
  beforeAll(async () => {
    db = await createTestDatabase({ fromEmpty: true });
    drafts = new PlanDraftRepository(db.dataSource);
  });
  afterAll(() => db?.close());

  const aDraft = (): PlanDraftEntity => ({
    id: randomUUID(),
    createdAt: new Date(),
    createdBy: 'office:user:1',
    fileName: '整改方案.txt',
    format: 'txt',
    documentText: documentTextOf('一、问题\n整改措施：建立台账。'),
    draft: { plan: { plan: { code: 'A' } }, fields: [], warnings: [], declared: {}, proposedUnits: [] },
    plan: { plan: { code: 'A' } },
    edited: [],
    revision: 1,
    status: 'draft',
    appliedPlanId: null,
    targetPlanCode: null,
  });

  it('keeps a draft as written, JSON columns included', async () => {
    const row = aDraft();
    await drafts.insert(row);
    expect(await drafts.find(row.id)).toEqual(row);
  });

  it('writes an edit over the revision it read, and refuses one that read an older revision', async () => {
    const row = aDraft();
    await drafts.insert(row);
    expect(await drafts.update(row.id, 1, { plan: { plan: { code: 'B' } }, edited: ['plan.code'] })).toBe(
      true,
    );
    // A second edit computed from revision 1 crossed the first: refused, nothing written.
    expect(await drafts.update(row.id, 1, { plan: { plan: { code: 'C' } } })).toBe(false);
    expect(await drafts.find(row.id)).toMatchObject({
      revision: 2,
      plan: { plan: { code: 'B' } },
      edited: ['plan.code'],
    });
  });

  it('marks a draft applied once; an applied draft is not deleted', async () => {
    const row = aDraft();
    await drafts.insert(row);
    const planId = randomUUID();
    expect(await drafts.markApplied(row.id, planId)).toBe(true);
    expect(await drafts.markApplied(row.id, randomUUID())).toBe(false);
    expect(await drafts.deleteUnapplied(row.id)).toBe(false);
    expect(await drafts.find(row.id)).toMatchObject({
      status: 'applied',
      appliedPlanId: planId,
      revision: 2,
    });
    const other = aDraft();
    await drafts.insert(other);
    expect(await drafts.deleteUnapplied(other.id)).toBe(true);
    expect(await drafts.find(other.id)).toBeNull();
  });

  it('knows the units of every imported plan, once per code', async () => {
    const plans = new PlanRepository(db.dataSource);
    for (const code of [uniqueCode('KU'), uniqueCode('KU')]) {
      const r = validatePlanDefinition(aPlanDocument({ planCode: code }));
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
      await plans.savePlan(planRows(r.plan, new Date()));
    }
    expect(await drafts.knownUnits()).toEqual([
      { code: 'GS-HOUSING', name: '省住建厅', level: 'province' },
      { code: 'GS-POVERTY', name: '省扶贫办', level: 'province' },
      { code: 'LINXIA', name: '临夏州', level: 'city', parent: 'GS-POVERTY' },
    ]);
  });

  it('lists the newest first', async () => {
    const older = { ...aDraft(), createdAt: new Date('2026-01-01T00:00:00Z') };
    const newer = { ...aDraft(), createdAt: new Date('2026-06-01T00:00:00Z') };
    await drafts.insert(older);
    await drafts.insert(newer);
    const ids = (await drafts.list()).map((d) => d.id);
    expect(ids.indexOf(newer.id)).toBeLessThan(ids.indexOf(older.id));
  });

  it('the migration creates plan_drafts, and takes it away on the way down', async () => {
    const exists = async () => {
      const q = db.dataSource.createQueryRunner();
      try {
        return await q.hasTable('plan_drafts');
      } finally {
        await q.release();
      }
    };
    expect(await exists()).toBe(true);
    for (let i = 0; i < MIGRATIONS.length && (await exists()); i++)
      await db.dataSource.undoLastMigration({ transaction: 'each' });
    expect(await exists()).toBe(false);
    expect(await runMigrations(db.dataSource)).toContain('PlanDrafts1795974000000');
    expect(await exists()).toBe(true);
  });
});
