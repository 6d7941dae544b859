import { validatePlanDefinition, type PlanDefinition } from '../../libs/domain/src/plan-definition';
import { MeasureEntity } from '../../libs/persistence/src/entities/measure.entity';
import { planRows } from '../../libs/persistence/src/plan-import.mapper';
import { MeasureRepository } from '../../libs/persistence/src/repositories/measure.repository';
import {
  MEASURE_ASSESSED_COLUMNS,
  MEASURE_HEAD_COLUMNS,
  MEASURE_OVERVIEW_COLUMNS,
  PlanRepository,
} from '../../libs/persistence/src/repositories/plan.repository';
import { aPlanDocument } from '../support/plan-fixtures';
import { reimported } from '../support/plan-reimport';
import { createTestDatabase, type TestDatabase, testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

type Doc = ReturnType<typeof aPlanDocument>;
const measuresOf = (d: Doc) => d.categories[0].aspects[0].problems[0].measures;

function plan(code: string, mutate: (d: Doc) => void = () => undefined): PlanDefinition {
  const doc = aPlanDocument({ planCode: code, measures: 7 });
  mutate(doc);
  const r = validatePlanDefinition(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.plan;
}

// The plan tree and the overview read a plan's measures a page at a time (pages of 2 here, 5,000
// in use), in the plan's order: position, then code.
describe(`the plan tree's measures read in pages on ${testEngine()}`, () => {
  let db: TestDatabase;
  let plans: PlanRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    plans = new PlanRepository(db.dataSource);
  });
  afterAll(() => db?.close());

  // Seven measures, two sub-measures of the third, then a re-import without the second: withdrawn,
  // it keeps its position, which the third now has too.
  async function aPlanWithATie(): Promise<{ planId: string; code: string; before: PlanDefinition }> {
    const code = uniqueCode('PT');
    const first = plan(code);
    const rows = planRows(first, new Date());
    await plans.savePlan(rows);
    const planId = rows.plan.id;
    const measures = new MeasureRepository(db.dataSource);
    const third = (await measures.listByPlan(planId)).find((m) => m.code === 'P01-M3')!;
    await measures.registerSubMeasures(
      third.workflowId,
      ['A', 'B'].map((x) => ({
        code: `P01-M3.${x}`,
        title: `子措施 ${x}`,
        leadUnitCode: third.leadUnitCode,
        leadLeader: '张三',
        dueAt: '2019-12-31',
      })),
    );
    const before = plan(code, (d) => measuresOf(d).splice(1, 1));
    await reimported(db.dataSource, planId, first, before);
    return { planId, code, before };
  }

  it.each([
    ['treeView', MEASURE_HEAD_COLUMNS],
    ['overviewView', MEASURE_OVERVIEW_COLUMNS],
  ] as const)(
    'reads in %s each measure once, sub-measures and withdrawn ones too, as one statement in the plan’s order would',
    async (read, columns: readonly (keyof MeasureEntity)[]) => {
      const { code } = await aPlanWithATie();
      const whole = await plans.tree((await plans.findByCode(code))!);

      const paged = (await new PlanRepository(db.dataSource, { measurePage: 2 })[read](code))!;

      const positions = whole.measures.map((m) => m.position);
      expect(new Set(positions).size).toBeLessThan(positions.length);
      expect(paged.measures.map((m) => m.code)).toEqual([
        'P01-M1',
        'P01-M2',
        'P01-M3',
        'P01-M4',
        'P01-M5',
        'P01-M6',
        'P01-M7',
        'P01-M3.A',
        'P01-M3.B',
      ]);
      // Hydrated as TypeORM hydrates the entities: instants as dates, JSON columns parsed.
      expect(paged.measures).toEqual(
        whole.measures.map((m) => Object.fromEntries(columns.map((c) => [c, m[c]]))),
      );
      expect(paged).toEqual(await plans[read](code));
    },
  );

  it('reads what the unit assessment scores in pages, as one statement in the plan’s order would', async () => {
    const { code } = await aPlanWithATie();
    const { definition: _kept, ...row } = (await plans.findByCode(code))!;
    const whole = await plans.tree((await plans.findByCode(code))!);

    const paged = await new PlanRepository(db.dataSource, { measurePage: 2 }).assessedView(row);

    expect(paged.measures).toEqual(
      whole.measures.map((m) => Object.fromEntries(MEASURE_ASSESSED_COLUMNS.map((c) => [c, m[c]]))),
    );
    expect(paged.measures).toHaveLength(9);
  });

  // Ties come from withdrawn measures (above); here every measure shares one position, so that an
  // order by anything but the code (their ids, say) shows.
  it('breaks ties of position by code across pages', async () => {
    const { planId, code } = await aPlanWithATie();
    await db.dataSource.getRepository(MeasureEntity).update({ planId }, { position: 0 });

    const paged = (await new PlanRepository(db.dataSource, { measurePage: 2 }).treeView(code))!;

    expect(paged.measures.map((m) => m.code)).toEqual([
      'P01-M1',
      'P01-M2',
      'P01-M3',
      'P01-M3.A',
      'P01-M3.B',
      'P01-M4',
      'P01-M5',
      'P01-M6',
      'P01-M7',
    ]);
  });

  it('reads each measure once in the order a re-import gave them when the re-import lands between two pages', async () => {
    const { planId, code, before } = await aPlanWithATie();
    const after = plan(code, (d) => {
      measuresOf(d).splice(1, 1);
      measuresOf(d).reverse();
    });
    let moved = false;
    const paging = new PlanRepository(db.dataSource, {
      measurePage: 2,
      afterPage: async () => {
        if (moved) return;
        moved = true;
        await reimported(db.dataSource, planId, before, after);
      },
    });

    const read = (await paging.treeView(code))!;

    expect(moved).toBe(true);
    expect(read.measures.map((m) => m.code)).toEqual([
      'P01-M7',
      'P01-M2',
      'P01-M6',
      'P01-M5',
      'P01-M4',
      'P01-M3',
      'P01-M1',
      'P01-M3.A',
      'P01-M3.B',
    ]);
    // The plan's row was read before the re-import, as it was before pages (other statements).
    expect(read.measures).toEqual((await plans.treeView(code))!.measures);
  });
});
