// What a notice is told through: the request, its event, and the names of its measure and plan.
// Every ladder step's notice is planned through this read, so it must not carry the plan's
// definition (megabytes for a large plan) or the measure's policy and indicators.
import { validatePlanDefinition } from '../../libs/domain/src/plan-definition';
import { planRows } from '../../libs/persistence/src/plan-import.mapper';
import { DeliveryRepository } from '../../libs/persistence/src/repositories/delivery.repository';
import { MeasureEventRepository } from '../../libs/persistence/src/repositories/measure-event.repository';
import { PlanRepository } from '../../libs/persistence/src/repositories/plan.repository';
import { aPlanDocument } from '../support/plan-fixtures';
import { createTestDatabase, TestDatabase, testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

describe(`a notice's context on ${testEngine()}`, () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.close());

  async function overdueNoticeRequest() {
    const r = validatePlanDefinition(aPlanDocument({ planCode: uniqueCode('NC'), measures: 3 }));
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const rows = planRows(r.plan, new Date());
    await new PlanRepository(db.dataSource).savePlan(rows);
    const m = rows.measures[1];
    const recorded = await new MeasureEventRepository(db.dataSource).recordOnce({
      workflowId: m.workflowId,
      idempotencyKey: `${m.workflowId}/due@x/overdue_notice@PT0S`,
      seq: 1,
      kind: 'overdue_notice',
      level: 1,
      occurredAt: new Date('2019-10-01T16:00:00Z'),
      actor: 'rectify:escalation-ladder',
      detail: { addressee: m.leadUnitCode },
      effects: { overdueLevel: 1 },
      notify: [{ addresseeKind: 'unit', addressee: m.leadUnitCode, subject: 'overdue_notice' }],
    });
    const [requestId] = recorded.requestIds ?? [];
    return { rows, m, requestId, eventId: recorded.eventId };
  }

  it('reads the names of the measure and plan a notice is about, not their definitions', async () => {
    const { rows, m, requestId, eventId } = await overdueNoticeRequest();
    const ctx = await new DeliveryRepository(db.dataSource).requestContext(requestId);
    expect(ctx?.request.id).toBe(requestId);
    expect(ctx?.event).toMatchObject({ id: eventId, kind: 'overdue_notice', level: 1 });
    expect(ctx?.plan).toEqual({ id: rows.plan.id, code: rows.plan.code, title: rows.plan.title });
    expect(ctx?.measure).toEqual({
      id: m.id,
      planId: rows.plan.id,
      code: m.code,
      title: m.title,
      dueAt: m.dueAt,
      leadUnitCode: m.leadUnitCode,
      leadLeader: m.leadLeader,
    });
  });

  it('answers the same context for every request of a page, and none for an unknown one', async () => {
    const a = await overdueNoticeRequest();
    const b = await overdueNoticeRequest();
    const repo = new DeliveryRepository(db.dataSource);
    const contexts = await repo.contextsOf([a.requestId, b.requestId, a.requestId, uniqueCode('missing')]);
    expect([...contexts.keys()]).toEqual([a.requestId, b.requestId]);
    expect(contexts.get(b.requestId)).toEqual(await repo.requestContext(b.requestId));
    expect(contexts.get(b.requestId)?.plan.code).toBe(b.rows.plan.code);
  });
});
