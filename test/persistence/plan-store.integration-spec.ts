import { In } from 'typeorm';
import type { MeasureScope } from '../../libs/domain/src/authorization';
import { validatePlanDefinition, PlanDefinition } from '../../libs/domain/src/plan-definition';
import { MeasureEntity } from '../../libs/persistence/src/entities/measure.entity';
import { MeasureEventEntity } from '../../libs/persistence/src/entities/measure-event.entity';
import { NotificationRequestEntity } from '../../libs/persistence/src/entities/notification-request.entity';
import { PlanEntity } from '../../libs/persistence/src/entities/plan.entity';
import { ProblemEntity } from '../../libs/persistence/src/entities/problem.entity';
import { planRows } from '../../libs/persistence/src/plan-import.mapper';
import { MeasureEventRepository } from '../../libs/persistence/src/repositories/measure-event.repository';
import { MeasureRepository } from '../../libs/persistence/src/repositories/measure.repository';
import {
  MEASURE_ASSESSED_COLUMNS,
  MEASURE_HEAD_COLUMNS,
  MEASURE_OVERVIEW_COLUMNS,
  PlanRepository,
} from '../../libs/persistence/src/repositories/plan.repository';
import { aPlanDocument, PlanFixtureOptions } from '../support/plan-fixtures';
import { createTestDatabase, TestDatabase, testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

const ALL: MeasureScope = { kind: 'all' };

function plan(o: PlanFixtureOptions = {}): PlanDefinition {
  const r = validatePlanDefinition(aPlanDocument({ planCode: uniqueCode('GS'), ...o }));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.plan;
}

// The first overdue notice (催办) of a measure, as the ladder records it.
function overdueNotice(m: { workflowId: string; leadUnitCode: string }) {
  return {
    workflowId: m.workflowId,
    idempotencyKey: `${m.workflowId}/due@x/overdue_notice@PT0S`,
    seq: 1,
    kind: 'overdue_notice' as const,
    level: 1,
    occurredAt: new Date('2019-10-01T16:00:00Z'),
    actor: 'rectify:escalation-ladder',
    detail: { addressee: m.leadUnitCode },
    effects: { overdueLevel: 1 },
    notify: [
      { addresseeKind: 'unit' as const, addressee: m.leadUnitCode, subject: 'overdue_notice' as const },
    ],
  };
}

describe(`plan store on ${testEngine()}`, () => {
  let db: TestDatabase;
  let plans: PlanRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    plans = new PlanRepository(db.dataSource);
  });
  afterAll(() => db?.close());

  // Each step's event, its one request (the one the call answered: the worker starts its delivery
  // from it) and its effect on the measure row, all there.
  async function expectEachStepWhole(
    measures: readonly { id: string }[],
    results: readonly { eventId: string; requestIds?: readonly string[] }[],
  ): Promise<void> {
    const ids = measures.map((m) => m.id);
    const stored = await db.dataSource
      .getRepository(MeasureEventEntity)
      .find({ where: { measureId: In(ids) } });
    expect(stored.map((e) => e.id).sort()).toEqual(results.map((r) => r.eventId).sort());
    const requests = await db.dataSource
      .getRepository(NotificationRequestEntity)
      .find({ where: { measureId: In(ids) } });
    expect(requests.map((n) => [n.eventId, n.id]).sort()).toEqual(
      results.map((r) => [r.eventId, ...(r.requestIds ?? [])]).sort(),
    );
    const rows = await db.dataSource.getRepository(MeasureEntity).find({ where: { id: In(ids) } });
    expect(rows.map((m) => [m.overdueLevel, m.lastEventSeq])).toEqual(ids.map(() => [1, 1]));
  }

  it('stores the whole plan: inspection, units, problem tree and measures with their deadlines', async () => {
    const def = plan({ measures: 3 });
    expect(await plans.savePlan(planRows(def, new Date()))).toEqual({ kind: 'created' });
    const saved = await plans.findByCode(def.plan.code);
    const tree = await plans.tree(saved!);
    expect(tree.inspection.feedbackDate).toBe('2019-01-18');
    expect(tree.units.map((u) => u.code)).toEqual(['GS-HOUSING', 'GS-POVERTY', 'LINXIA']);
    expect(tree.groups.map((g) => `${g.kind}:${g.code}`)).toEqual(['category:C1', 'aspect:C1-A1']);
    expect(tree.problems.map((p) => [p.code, p.track])).toEqual([['P01', 'long_term']]);
    expect(tree.measures.map((m) => [m.code, m.dueAt.toISOString(), m.status])).toEqual([
      ['P01-M1', '2019-09-30T16:00:00.000Z', 'assigned'],
      ['P01-M2', '2019-09-30T16:00:00.000Z', 'assigned'],
      ['P01-M3', '2019-09-30T16:00:00.000Z', 'assigned'],
    ]);
    expect(tree.measures[0].indicators).toEqual([
      { code: 'houses', name: '危房改造户数', unit: '户', target: 26500, current: 0 },
    ]);
  });

  // A measure's JSON and free-text columns that neither shows: most of a large plan's bytes.
  const UNSHOWN: readonly (keyof MeasureEntity)[] = [
    'escalationPolicy',
    'milestones',
    'referralItems',
    'evidenceRules',
    'method',
    'requirements',
  ];
  it.each([
    ['the tree to show', 'treeView', MEASURE_HEAD_COLUMNS],
    ['the overview', 'overviewView', MEASURE_OVERVIEW_COLUMNS],
  ] as const)(
    'reads %s by id or code: the plan without its definition but its plan part, each measure’s columns it needs',
    async (_what, read, columns: readonly (keyof MeasureEntity)[]) => {
      for (const c of UNSHOWN) expect(columns).not.toContain(c);
      const def = plan({ measures: 3 });
      await plans.savePlan(planRows(def, new Date()));
      const saved = (await plans.findByCode(def.plan.code))!;
      const whole = await plans.tree(saved);
      for (const key of [saved.id, saved.code]) {
        const view = (await plans[read](key))!;
        expect(view.plan).not.toHaveProperty('definition');
        expect(view.plan.definitionPlan).toEqual(def.plan);
        const { definition: _kept, ...rest } = saved;
        expect(view.plan).toEqual({ ...rest, definitionPlan: def.plan });
        expect(view.problems).toEqual(whole.problems);
        expect(view.measures).toEqual(
          whole.measures.map((m) => Object.fromEntries(columns.map((c) => [c, m[c]]))),
        );
      }
      expect(await plans[read]('NO-SUCH-PLAN')).toBeNull();
    },
  );

  it('reads what the unit assessment scores: the plan’s units and each measure’s assessed columns, in the tree’s order', async () => {
    for (const c of [...UNSHOWN, 'title', 'indicators'] as const)
      expect(MEASURE_ASSESSED_COLUMNS).not.toContain(c);
    const def = plan({ measures: 4 });
    await plans.savePlan(planRows(def, new Date()));
    const saved = (await plans.findByCode(def.plan.code))!;
    const whole = await plans.tree(saved);
    const { definition: _kept, ...row } = saved;
    const view = await plans.assessedView(row);
    expect(view.plan).toBe(row);
    expect(view.units).toEqual(whole.units);
    expect(view.measures).toEqual(
      whole.measures.map((m) => Object.fromEntries(MEASURE_ASSESSED_COLUMNS.map((c) => [c, m[c]]))),
    );
  });

  it('reads the plan’s row without its definition by id or code, and none for a missing plan', async () => {
    const def = plan({ measures: 2 });
    await plans.savePlan(planRows(def, new Date()));
    const { definition, ...row } = (await plans.findByCode(def.plan.code))!;
    expect(definition).not.toBeNull();
    expect(await plans.findRowByIdOrCode(row.id)).toEqual(row);
    expect(await plans.findRowByIdOrCode(row.code)).toEqual(row);
    expect(await plans.findRowByIdOrCode('NO-SUCH-PLAN')).toBeNull();
  });

  it('reads no plan part for a plan imported before definitions were kept', async () => {
    const def = plan();
    await plans.savePlan(planRows(def, new Date()));
    const saved = (await plans.findByCode(def.plan.code))!;
    await db.dataSource.getRepository(PlanEntity).update({ id: saved.id }, { definition: null });
    expect((await plans.treeView(saved.code))!.plan.definitionPlan).toBeNull();
  });

  it('answers a repeated import of the same plan as unchanged and writes nothing more', async () => {
    const def = plan();
    await plans.savePlan(planRows(def, new Date()));
    const countBefore = await db.dataSource.getRepository(MeasureEntity).count();
    expect(await plans.savePlan(planRows(def, new Date()))).toEqual({ kind: 'unchanged' });
    expect(await db.dataSource.getRepository(MeasureEntity).count()).toBe(countBefore);
  });

  it('refuses a changed plan under a code already imported', async () => {
    const def = plan();
    await plans.savePlan(planRows(def, new Date()));
    const changed = { ...def, plan: { ...def.plan, title: 'another title' } };
    const outcome = await plans.savePlan(planRows(changed, new Date()));
    expect(outcome).toEqual({
      kind: 'conflict',
      message: `plan ${def.plan.code} was already imported with different content`,
    });
  });

  it('writes nothing at all when any row fails', async () => {
    const def = plan({ measures: 4 });
    const rows = planRows(def, new Date());
    // A measure pointing at a problem that does not exist fails on its foreign key, after the
    // plan, units, groups and problems were already inserted in the same transaction.
    rows.measures[3].problemId = '00000000-0000-5000-a000-000000000000';
    await expect(plans.savePlan(rows)).rejects.toThrow();
    expect(await db.dataSource.getRepository(PlanEntity).count({ where: { code: def.plan.code } })).toBe(0);
    expect(await db.dataSource.getRepository(ProblemEntity).count({ where: { planId: rows.plan.id } })).toBe(
      0,
    );
    expect(await db.dataSource.getRepository(MeasureEntity).count({ where: { planId: rows.plan.id } })).toBe(
      0,
    );
  });

  it('lists measures by status and by unit, lead or co-unit', async () => {
    const def = plan({ measures: 3 });
    const rows = planRows(def, new Date());
    await plans.savePlan(rows);
    const measures = new MeasureRepository(db.dataSource);
    const planId = rows.plan.id;
    const codes = async (unitCode?: string) =>
      (await measures.list({ scope: ALL, planId, unitCode, limit: 10, offset: 0 })).items.map((m) => m.code);
    expect(await codes('GS-HOUSING')).toEqual(['P01-M1', 'P01-M3']);
    expect(await codes('GS-POVERTY')).toEqual(['P01-M2']);
    expect(await codes('LINXIA')).toEqual(['P01-M1']);
    expect(await codes()).toEqual(['P01-M1', 'P01-M2', 'P01-M3']);
    const page = await measures.list({ scope: ALL, planId, limit: 2, offset: 2 });
    expect([page.total, page.items.map((m) => m.code)]).toEqual([3, ['P01-M3']]);
    expect(
      (await measures.list({ scope: ALL, planId, status: 'verified', limit: 10, offset: 0 })).total,
    ).toBe(0);
  });

  it('records an event once per idempotency key and applies its effect once', async () => {
    const def = plan();
    const rows = planRows(def, new Date());
    await plans.savePlan(rows);
    const events = new MeasureEventRepository(db.dataSource);
    const m = rows.measures[0];
    const event = {
      workflowId: m.workflowId,
      idempotencyKey: `${m.workflowId}/due@x/supervision_notice@P3D`,
      kind: 'supervision_notice' as const,
      level: 2,
      occurredAt: new Date('2019-10-03T16:00:00Z'),
      actor: 'test',
      detail: { addressee: '分管副省长' },
      effects: { overdueLevel: 2 },
    };
    const first = await events.recordOnce(event);
    const again = await events.recordOnce(event);
    expect(first.recorded).toBe(true);
    // The repeat answers the row the first call wrote, with its time.
    expect(again).toEqual({
      recorded: false,
      eventId: first.eventId,
      contentHash: null,
      recordedAt: first.recordedAt,
    });
    const stored = await db.dataSource.getRepository(MeasureEventEntity).find({ where: { measureId: m.id } });
    expect(stored.map((e) => [e.kind, e.level, e.occurredAt.toISOString(), e.detail])).toEqual([
      ['supervision_notice', 2, '2019-10-03T16:00:00.000Z', { addressee: '分管副省长' }],
    ]);
    expect(
      (await db.dataSource.getRepository(MeasureEntity).findOneByOrFail({ id: m.id })).overdueLevel,
    ).toBe(2);
  });

  it('records a step with its companion light change in one transaction, both once, the row as of the light', async () => {
    const rows = planRows(plan(), new Date());
    await plans.savePlan(rows);
    const events = new MeasureEventRepository(db.dataSource);
    const m = rows.measures[0];
    const event = {
      workflowId: m.workflowId,
      idempotencyKey: `${m.workflowId}/due@x/overdue_notice@PT0S`,
      seq: 4,
      kind: 'overdue_notice' as const,
      level: 1,
      occurredAt: new Date('2019-10-01T16:00:00Z'),
      actor: 'rectify:escalation-ladder',
      detail: { addressee: 'GS-HOUSING' },
      effects: { overdueLevel: 1, light: 'red' as const },
      notify: [{ addresseeKind: 'unit', addressee: 'GS-HOUSING', subject: 'overdue_notice' }],
      companions: [
        {
          idempotencyKey: `${m.workflowId}/event/3`,
          seq: 5,
          kind: 'light_changed' as const,
          level: 0,
          occurredAt: new Date('2019-10-01T16:00:01Z'),
          actor: 'rectify:lights',
          detail: { from: 'yellow', to: 'red', reason: 'overdue', toldBy: 'overdue_notice' },
        },
      ],
    };
    const first = await events.recordOnce(event);
    const again = await events.recordOnce(event);
    expect(first.recorded).toBe(true);
    expect(again.recorded).toBe(false);
    const stored = await events.listForMeasure(m.id);
    expect(stored.map((e) => [e.kind, e.seq, e.idempotencyKey, e.recordedAt.getTime()])).toEqual([
      ['overdue_notice', 4, event.idempotencyKey, first.recordedAt.getTime()],
      ['light_changed', 5, `${m.workflowId}/event/3`, first.recordedAt.getTime()],
    ]);
    expect(stored[1].detail).toEqual(event.companions[0].detail);
    const row = await db.dataSource.getRepository(MeasureEntity).findOneByOrFail({ id: m.id });
    expect(row).toMatchObject({ overdueLevel: 1, light: 'red', lastEventSeq: 5 });
    // The step's notice only; none for the light.
    const notices = await db.dataSource
      .getRepository(NotificationRequestEntity)
      .find({ where: { measureId: m.id } });
    expect(notices.map((n) => n.eventId)).toEqual([first.eventId]);
  });

  it('writes neither a step nor its companion when the companion cannot be stored', async () => {
    const rows = planRows(plan(), new Date());
    await plans.savePlan(rows);
    const events = new MeasureEventRepository(db.dataSource);
    const m = rows.measures[0];
    const taken = `${m.workflowId}/event/1`;
    await events.recordOnce({
      workflowId: m.workflowId,
      idempotencyKey: taken,
      kind: 'progress_reported',
      level: 0,
      occurredAt: new Date('2019-09-01T00:00:00Z'),
      actor: 'GS-HOUSING',
      detail: {},
    });
    const step = {
      workflowId: m.workflowId,
      idempotencyKey: `${m.workflowId}/due@x/overdue_notice@PT0S`,
      kind: 'overdue_notice' as const,
      level: 1,
      occurredAt: new Date('2019-10-01T16:00:00Z'),
      actor: 'rectify:escalation-ladder',
      detail: {},
      effects: { overdueLevel: 1 },
      companions: [
        {
          idempotencyKey: taken,
          kind: 'light_changed' as const,
          level: 0,
          occurredAt: new Date('2019-10-01T16:00:01Z'),
          actor: 'rectify:lights',
          detail: {},
        },
      ],
    };
    await expect(events.recordOnce(step)).rejects.toThrow(/UNIQUE constraint failed|duplicate key value/);
    expect((await events.listForMeasure(m.id)).map((e) => e.kind)).toEqual(['progress_reported']);
    const row = await db.dataSource.getRepository(MeasureEntity).findOneByOrFail({ id: m.id });
    expect(row.overdueLevel).toBe(0);
  });

  // A burst: the worker records the steps of many measures at once. On SQLite, where one
  // connection is shared, transactions opened side by side used to end each other half-written.
  it('records the steps of many measures falling due at once, each once with its own notice', async () => {
    const rows = planRows(plan({ measures: 12 }), new Date());
    await plans.savePlan(rows);
    const events = new MeasureEventRepository(db.dataSource);
    const results = await Promise.all(rows.measures.map((m) => events.recordOnce(overdueNotice(m))));
    expect(results.map((r) => r.recorded)).toEqual(rows.measures.map(() => true));
    await expectEachStepWhole(rows.measures, results);
  });

  // On SQLite a transaction opened beside another nested inside it as a savepoint: a sub-measure
  // registration failing half-way rolled back part of the steps being recorded at the same time.
  it('keeps every step recorded at once whole when a transaction beside them fails half-way', async () => {
    const rows = planRows(plan({ measures: 12 }), new Date());
    await plans.savePlan(rows);
    const events = new MeasureEventRepository(db.dataSource);
    const measuresRepo = new MeasureRepository(db.dataSource);
    const [parent] = rows.measures;
    // The same code twice: the second insert fails after the first was written.
    const sub = {
      title: '子措施',
      leadUnitCode: parent.leadUnitCode,
      leadLeader: '张三',
      dueAt: '2019-12-31',
    };
    const failing = [1, 2, 3].map((n) =>
      measuresRepo.registerSubMeasures(parent.workflowId, [
        { ...sub, code: `${parent.code}.${n}` },
        { ...sub, code: `${parent.code}.${n}` },
      ]),
    );
    const recorded = rows.measures.map((m) => events.recordOnce(overdueNotice(m)));
    const outcomes = await Promise.allSettled(failing);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    await expectEachStepWhole(rows.measures, await Promise.all(recorded));
    const measures = await db.dataSource
      .getRepository(MeasureEntity)
      .find({ where: { planId: rows.plan.id } });
    // No sub-measure of the failed registrations.
    expect(measures.map((m) => m.code).sort()).toEqual(rows.measures.map((m) => m.code).sort());
  });

  it('refuses to record an event for a workflow without a measure', async () => {
    const events = new MeasureEventRepository(db.dataSource);
    await expect(
      events.recordOnce({
        workflowId: 'measure:NOPE:NOPE',
        idempotencyKey: 'k',
        kind: 'reminder',
        level: 0,
        occurredAt: new Date(),
        actor: 'test',
        detail: {},
      }),
    ).rejects.toThrow('no measure is recorded for workflow measure:NOPE:NOPE');
  });
});
