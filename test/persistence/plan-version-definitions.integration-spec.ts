import { validatePlanDefinition, type PlanDefinition } from '../../libs/domain/src/plan-definition';
import { planRows } from '../../libs/persistence/src/plan-import.mapper';
import { PlanRepository } from '../../libs/persistence/src/repositories/plan.repository';
import { aPlanDocument } from '../support/plan-fixtures';
import { reimported } from '../support/plan-reimport';
import { createTestDatabase, type TestDatabase, testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

function plan(code: string, measures: number): PlanDefinition {
  const r = validatePlanDefinition(aPlanDocument({ planCode: code, measures }));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.plan;
}

// Ledgers and bulletins take the definition of the version in force: read and parsed once, then
// kept parsed while it is used (a version's definition is never rewritten once stored).
describe(`plan versions' definitions on ${testEngine()}`, () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.close());

  it('reads each version’s definition as stored, keeps it parsed, and reads a version of other content anew', async () => {
    const plans = new PlanRepository(db.dataSource);
    const code = uniqueCode('PV');
    const first = plan(code, 2);
    const rows = planRows(first, new Date());
    await plans.savePlan(rows);
    const planId = rows.plan.id;
    const second = plan(code, 3);
    await reimported(db.dataSource, planId, first, second);
    const heads = await plans.versionHeads(planId);
    expect(heads.map((v) => v.number)).toEqual([1, 2]);

    const read = await plans.versionDefinitions(planId, heads);
    expect(read.get(1)).toEqual(first);
    expect(read.get(2)).toEqual(second);
    expect(Object.isFrozen(read.get(2))).toBe(true);

    // Kept: the same parsed object, not read and parsed again.
    const again = await plans.versionDefinitions(planId, [heads[1]]);
    expect(again.get(2)).toBe(read.get(2));
    expect([...again.keys()]).toEqual([2]);
    // A head of other content (the plan removed and imported again) is read from the database.
    const other = await plans.versionDefinitions(planId, [{ number: 2, contentHash: 'not-the-stored-hash' }]);
    expect(other.get(2)).toEqual(second);
    expect(other.get(2)).not.toBe(read.get(2));
  });

  it('keeps none when the bound is below the plan’s measures: each read parses anew', async () => {
    const plans = new PlanRepository(db.dataSource, {}, 1);
    const code = uniqueCode('PV');
    const rows = planRows(plan(code, 2), new Date());
    await plans.savePlan(rows);
    const heads = await plans.versionHeads(rows.plan.id);

    const first = await plans.versionDefinitions(rows.plan.id, heads);
    const second = await plans.versionDefinitions(rows.plan.id, heads);

    expect(second.get(1)).toEqual(first.get(1));
    expect(second.get(1)).not.toBe(first.get(1));
  });
});
