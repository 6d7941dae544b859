import { diffPlans } from '../../libs/domain/src/plan-diff';
import { validatePlanDefinition, type PlanDefinition } from '../../libs/domain/src/plan-definition';
import { MeasureEntity } from '../../libs/persistence/src/entities/measure.entity';
import { PlanEntity } from '../../libs/persistence/src/entities/plan.entity';
import { planChangeRows } from '../../libs/persistence/src/plan-change.mapper';
import { planDefinitionFromRows } from '../../libs/persistence/src/plan-definition.mapper';
import { planRows } from '../../libs/persistence/src/plan-import.mapper';
import { MeasureRepository } from '../../libs/persistence/src/repositories/measure.repository';
import { PlanRepository } from '../../libs/persistence/src/repositories/plan.repository';
import { aPlanDocument } from '../support/plan-fixtures';
import { planRowCounts } from '../support/row-counts';
import { createTestDatabase, TestDatabase, testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

type Doc = ReturnType<typeof aPlanDocument>;

function plan(code: string, mutate: (d: Doc) => void = () => undefined): PlanDefinition {
  const doc = aPlanDocument({ planCode: code, measures: 3, due: '9月底前' });
  mutate(doc);
  const r = validatePlanDefinition(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.plan;
}
const measures = (d: Doc) => d.categories[0].aspects[0].problems[0].measures as Record<string, unknown>[];

describe(`applying a plan change in the read model (${testEngine()})`, () => {
  let db: TestDatabase;
  let plans: PlanRepository;
  let rows: MeasureRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    plans = new PlanRepository(db.dataSource);
    rows = new MeasureRepository(db.dataSource);
  });
  afterAll(() => db?.close());

  async function imported(code: string) {
    const before = plan(code);
    const r = planRows(before, new Date());
    await plans.savePlan(r);
    return { before, planId: r.plan.id, hash: r.plan.contentHash };
  }

  it('keeps the applied definition, deadlines as written, and rows in dates', async () => {
    const code = uniqueCode('PC');
    const { before, planId } = await imported(code);
    const stored = await db.dataSource.getRepository(PlanEntity).findOneByOrFail({ id: planId });
    expect(stored.definition).toEqual(before);
    const m = await db.dataSource.getRepository(MeasureEntity).findOneByOrFail({ planId, code: 'P01-M1' });
    expect(m).toMatchObject({ dueText: '9月底前', dueAt: new Date('2019-09-30T16:00:00Z') });
  });

  it('writes a change in one transaction: new, changed and withdrawn measures together', async () => {
    const code = uniqueCode('PC');
    const { before, planId, hash } = await imported(code);
    const after = plan(code, (d) => {
      measures(d)[0].due = '10月底前';
      measures(d).splice(2, 1);
      measures(d).push({ ...measures(d)[1], code: 'P01-M4' });
    });
    const diff = diffPlans(before, after);
    const existing = await rows.listByPlan(planId);
    const change = planChangeRows(before, after, diff, existing, hash, new Date());
    expect(await plans.applyChange({ ...change, withdrawnCodes: ['P01-M3'] })).toEqual({ kind: 'applied' });
    const now = await rows.listByPlan(planId);
    expect(now.map((m) => [m.code, m.status, m.dueText])).toEqual([
      ['P01-M1', 'assigned', '10月底前'],
      ['P01-M2', 'assigned', '9月底前'],
      ['P01-M3', 'withdrawn', '9月底前'],
      ['P01-M4', 'assigned', '9月底前'],
    ]);
    expect(now[0].dueAt).toEqual(new Date('2019-10-31T16:00:00Z'));
    expect(
      await plans.definitionOf(await db.dataSource.getRepository(PlanEntity).findOneByOrFail({ id: planId })),
    ).toEqual(after);
  });

  it('writes nothing when any row fails, and nothing over a concurrent change', async () => {
    const code = uniqueCode('PC');
    const { before, planId, hash } = await imported(code);
    const after = plan(code, (d) => measures(d).push({ ...measures(d)[1], code: 'P01-M9' }));
    const change = planChangeRows(
      before,
      after,
      diffPlans(before, after),
      await rows.listByPlan(planId),
      hash,
      new Date(),
    );
    const counts = await planRowCounts(db.dataSource);
    // A new measure whose problem does not exist fails on its foreign key, after the plan row,
    // units and problems of the same transaction were written.
    const broken = {
      ...change,
      newMeasures: change.newMeasures.map((m) => ({
        ...m,
        problemId: '00000000-0000-5000-a000-000000000000',
      })),
    };
    await expect(plans.applyChange({ ...broken, withdrawnCodes: [] })).rejects.toThrow();
    expect(await planRowCounts(db.dataSource)).toEqual(counts);
    expect((await db.dataSource.getRepository(PlanEntity).findOneByOrFail({ id: planId })).contentHash).toBe(
      hash,
    );

    const stale = await plans.applyChange({
      ...change,
      basedOnHash: 'not-the-current-hash',
      withdrawnCodes: [],
    });
    expect(stale).toMatchObject({ kind: 'conflict' });
    expect(await planRowCounts(db.dataSource)).toEqual(counts);
  });

  it('rebuilds the definition of a plan imported before definitions were kept', async () => {
    const code = uniqueCode('PC');
    const { before, planId } = await imported(code);
    await db.dataSource.getRepository(PlanEntity).update({ id: planId }, { definition: null });
    const legacy = await db.dataSource.getRepository(PlanEntity).findOneByOrFail({ id: planId });
    expect(legacy.definition).toBeNull();
    const rebuilt = await plans.definitionOf(legacy);
    expect(diffPlans(before, rebuilt).measures).toEqual({ added: [], removed: [], changed: [] });
    expect(rebuilt).toEqual(planDefinitionFromRows(await plans.tree(legacy)));
  });
});
