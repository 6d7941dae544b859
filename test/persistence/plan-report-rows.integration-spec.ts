import { validatePlanDefinition, type PlanDefinition } from '../../libs/domain/src/plan-definition';
import { MeasureEntity } from '../../libs/persistence/src/entities/measure.entity';
import { planRows } from '../../libs/persistence/src/plan-import.mapper';
import { MeasureRepository } from '../../libs/persistence/src/repositories/measure.repository';
import { PlanReportRepository } from '../../libs/persistence/src/repositories/plan-report.repository';
import { PlanRepository } from '../../libs/persistence/src/repositories/plan.repository';
import { aPlanDocument } from '../support/plan-fixtures';
import { reimported } from '../support/plan-reimport';
import { eventRecorder, type EventRecorder, importedMeasures, recordedAt } from '../support/recorded-events';
import { createTestDatabase, type TestDatabase, testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

type Doc = ReturnType<typeof aPlanDocument>;

function plan(
  measures: number,
  code = uniqueCode('RR'),
  mutate: (d: Doc) => void = () => undefined,
): PlanDefinition {
  const doc = aPlanDocument({ planCode: code, measures });
  mutate(doc);
  const r = validatePlanDefinition(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.plan;
}

// The report's day ends before every event here: each is replayed, none left unread.
const BEFORE_ALL = new Date(Date.UTC(2019, 0, 1));

// What ledgers and bulletins read of a plan: its measures, their sub-measures, and the events a
// report of a day replays, each with the detail it replays (lights, indicator values) and no other.
describe(`a plan's report rows on ${testEngine()}`, () => {
  let db: TestDatabase;
  let plans: PlanRepository;
  let reports: PlanReportRepository;
  let recorded: EventRecorder;

  beforeAll(async () => {
    db = await createTestDatabase();
    plans = new PlanRepository(db.dataSource);
    reports = new PlanReportRepository(db.dataSource);
    recorded = eventRecorder(db.dataSource);
  });
  afterAll(() => db?.close());

  const imported = (measures: number) => importedMeasures(db.dataSource, measures);

  it('reads the events of the plan’s measures and sub-measures, with the detail reports replay, and none of another plan', async () => {
    const [first, second] = await imported(2);
    const [other] = await imported(1);
    await new MeasureRepository(db.dataSource).registerSubMeasures(first.workflowId, [
      {
        code: `${first.code}.1`,
        title: '子措施',
        leadUnitCode: first.leadUnitCode,
        leadLeader: '张三',
        dueAt: '2019-12-31',
      },
    ]);
    const [sub] = await new MeasureRepository(db.dataSource).children(first.id);
    const indicators = [{ code: 'houses', current: 3 }];
    await recorded(first, 'overdue_notice', { addressee: first.leadUnitCode });
    await recorded(first, 'light_changed', { from: 'green', to: 'yellow', reason: 'overdue' });
    await recorded(second, 'progress_reported', { indicators, text: '进展' });
    await recorded(second, 'reminder', { indicators });
    await recorded(sub, 'completion_claimed', { indicators });
    await recorded(other, 'overdue_notice', { addressee: other.leadUnitCode });

    const rows = await reports.load(first.planId, BEFORE_ALL);

    expect(rows.measures.map((m) => m.code)).toEqual([first.code, second.code]);
    expect(rows.subMeasures.map((m) => [m.code, m.parentCode])).toEqual([[sub.code, first.code]]);
    const at = recordedAt;
    const bySecond = [...rows.events].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
    expect(bySecond).toEqual([
      { measureCode: first.code, kind: 'overdue_notice', level: 1, occurredAt: at(recorded.count - 5) },
      {
        measureCode: first.code,
        kind: 'light_changed',
        level: 0,
        occurredAt: at(recorded.count - 4),
        light: { from: 'green', to: 'yellow' },
      },
      {
        measureCode: second.code,
        kind: 'progress_reported',
        level: 0,
        occurredAt: at(recorded.count - 3),
        indicators,
      },
      // Indicators only from the kinds that carry values.
      { measureCode: second.code, kind: 'reminder', level: 0, occurredAt: at(recorded.count - 2) },
      {
        measureCode: sub.code,
        kind: 'completion_claimed',
        level: 0,
        occurredAt: at(recorded.count - 1),
        indicators,
      },
    ]);
  });

  // A report replays a measure's events only when one of them falls at or after the end of its
  // day (plan-report.ts): the others stand as their rows say, and a plan's history is not read.
  it('reads no event of a measure whose events all fall before the end of the report’s day', async () => {
    const [quiet, changed] = await imported(2);
    await recorded(quiet, 'overdue_notice', { addressee: quiet.leadUnitCode });
    await recorded(quiet, 'light_changed', { from: 'green', to: 'yellow' });
    await recorded(changed, 'progress_reported', { indicators: [{ code: 'houses', current: 1 }] });
    const dayEnd = recordedAt(recorded.count + 1);
    await recorded(changed, 'light_changed', { from: 'yellow', to: 'green' });

    const rows = await reports.load(quiet.planId, dayEnd);

    // Every event of the changed measure, the one before the day's end too; none of the other's.
    expect(rows.events.map((e) => [e.measureCode, e.kind]).sort()).toEqual([
      [changed.code, 'light_changed'],
      [changed.code, 'progress_reported'],
    ]);
    expect((await reports.load(quiet.planId, new Date(Date.UTC(2019, 9, 2)))).events).toEqual([]);
  });

  it('reads a sub-measure’s events when one falls after the day’s end, and not its parent’s for it', async () => {
    const [parent] = await imported(1);
    const measures = new MeasureRepository(db.dataSource);
    await measures.registerSubMeasures(parent.workflowId, [
      {
        code: `${parent.code}.1`,
        title: '子措施',
        leadUnitCode: parent.leadUnitCode,
        leadLeader: '张三',
        dueAt: '2019-12-31',
      },
    ]);
    const [sub] = await measures.children(parent.id);
    await recorded(parent, 'overdue_notice', { addressee: parent.leadUnitCode });
    const dayEnd = recordedAt(recorded.count + 1);
    await recorded(sub, 'completion_claimed', { indicators: [] });

    const rows = await reports.load(parent.planId, dayEnd);

    expect(rows.events.map((e) => [e.measureCode, e.kind])).toEqual([[sub.code, 'completion_claimed']]);
  });

  // Read a page at a time in the plan's order (ix_measures_plan_order); pages of 3 here, 5,000 in use.
  it('reads a plan of several pages each measure once, in its order, as one statement would', async () => {
    const measures = await imported(7);
    const subs = new MeasureRepository(db.dataSource);
    await subs.registerSubMeasures(
      measures[2].workflowId,
      ['A', 'B', 'C', 'D'].map((x) => ({
        code: `${measures[2].code}.${x}`,
        title: `子措施 ${x}`,
        leadUnitCode: measures[2].leadUnitCode,
        leadLeader: '张三',
        dueAt: '2019-12-31',
      })),
    );
    const planId = measures[0].planId;

    const paged = await new PlanReportRepository(db.dataSource, { measurePage: 3 }).load(planId, BEFORE_ALL);
    const whole = await new PlanReportRepository(db.dataSource, { measurePage: 1_000 }).load(
      planId,
      BEFORE_ALL,
    );

    expect(paged.measures.map((m) => m.code)).toEqual(measures.map((m) => m.code));
    expect(paged.subMeasures.map((m) => m.code)).toEqual(
      ['A', 'B', 'C', 'D'].map((x) => `${measures[2].code}.${x}`),
    );
    expect(paged).toEqual(whole);
    // Hydrated as TypeORM hydrates the entities: instants as dates, JSON columns parsed.
    // A measure's title and deadline as written are the definition's, and not read for it; a
    // sub-measure's are read, with its parent.
    const columns = Object.keys(paged.measures[0]) as (keyof MeasureEntity)[];
    expect(columns).toHaveLength(11);
    expect(columns).not.toEqual(expect.arrayContaining(['title']));
    expect(columns).not.toEqual(expect.arrayContaining(['dueText']));
    expect(paged.measures).toEqual(measures.map((m) => Object.fromEntries(columns.map((c) => [c, m[c]]))));
    expect(paged.measures[0].dueAt).toBeInstanceOf(Date);
    expect(paged.subMeasures[0]).toMatchObject({
      title: '子措施 A',
      dueText: '2019-12-31',
      parentMeasureId: measures[2].id,
      parentCode: measures[2].code,
    });
  });

  // A re-import gives the measures the new document's order: one committed between two pages
  // would have the next page start from a position that now names other measures.
  it('reads each measure once, in the order a re-import gave them, when the re-import lands between two pages', async () => {
    const code = uniqueCode('RR');
    const before = plan(7, code);
    const rows = planRows(before, new Date());
    await plans.savePlan(rows);
    const planId = rows.plan.id;
    const after = plan(7, code, (d) => d.categories[0].aspects[0].problems[0].measures.reverse());
    let reordered = false;
    const reading = new PlanReportRepository(db.dataSource, {
      measurePage: 3,
      afterPage: async () => {
        if (reordered) return;
        reordered = true;
        await reimported(db.dataSource, planId, before, after);
      },
    });

    const read = await reading.load(planId, BEFORE_ALL);

    expect(reordered).toBe(true);
    const reversed = before.categories[0].aspects[0].problems[0].measures.map((m) => m.code).reverse();
    expect(read.measures.map((m) => m.code)).toEqual(reversed);
    expect(read).toEqual(await new PlanReportRepository(db.dataSource).load(planId, BEFORE_ALL));
  });
});
