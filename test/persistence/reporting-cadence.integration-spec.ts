import { validatePlanDefinition } from '../../libs/domain/src/plan-definition';
import { NotificationRequestEntity } from '../../libs/persistence/src/entities/notification-request.entity';
import { planRows } from '../../libs/persistence/src/plan-import.mapper';
import { MeasureEventRepository } from '../../libs/persistence/src/repositories/measure-event.repository';
import { PlanRepository } from '../../libs/persistence/src/repositories/plan.repository';
import { aPlanDocument } from '../support/plan-fixtures';
import { ReportingCadence1795870000000 } from '../../libs/persistence/src/migrations/1795870000000-reporting-cadence.migration';
import { createTestDatabase, TestDatabase, testEngine } from '../support/test-database';

describe(`the reporting-cadence migration on ${testEngine()}`, () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.close());

  async function shape() {
    const q = db.dataSource.createQueryRunner();
    try {
      const requests = await q.getTable('notification_requests');
      const deliveries = await q.getTable('notification_deliveries');
      const nullable = (t: typeof requests, c: string) => t?.findColumnByName(c)?.isNullable;
      return {
        cadenceEvents: await q.hasTable('cadence_events'),
        requestColumns: ['plan_id', 'cadence_event_id'].filter((c) => requests?.findColumnByName(c)),
        nullable: [
          nullable(requests, 'measure_id'),
          nullable(requests, 'event_id'),
          nullable(deliveries, 'measure_id'),
        ],
        // The keys this migration is about; later ones (a case's or a lead's event) stay as they are.
        foreignKeys: requests?.foreignKeys
          .map((fk) => fk.columnNames.join())
          .filter((c) => ['cadence_event_id', 'event_id', 'measure_id', 'plan_id'].includes(c))
          .sort(),
      };
    } finally {
      await q.release();
    }
  }

  it('adds cadence events and plan-level notification requests, and takes them away again', async () => {
    // A measure's notice from before: it survives the tables being rebuilt both ways.
    const r = validatePlanDefinition(aPlanDocument({ planCode: 'MIGRATE-1', measures: 1 }));
    if (!r.ok) throw new Error('fixture');
    const rows = planRows(r.plan, new Date());
    await new PlanRepository(db.dataSource).savePlan(rows);
    await new MeasureEventRepository(db.dataSource).recordOnce({
      workflowId: rows.measures[0].workflowId,
      idempotencyKey: 'migrate/reminder',
      kind: 'reminder',
      level: 0,
      occurredAt: new Date(),
      actor: 'test',
      detail: {},
      notify: [{ addresseeKind: 'unit', addressee: 'GS-HOUSING', subject: 'reminder' }],
    });
    const requests = () =>
      db.dataSource
        .getRepository(NotificationRequestEntity)
        .find()
        .then((all) => all.map((n) => [n.measureId, n.addressee]));
    const before = await requests();
    expect(before).toEqual([[rows.measures[0].id, 'GS-HOUSING']]);

    expect(await shape()).toEqual({
      cadenceEvents: true,
      requestColumns: ['plan_id', 'cadence_event_id'],
      nullable: [true, true, true],
      foreignKeys: ['cadence_event_id', 'event_id', 'measure_id', 'plan_id'],
    });
    const migration = new ReportingCadence1795870000000();
    const q = db.dataSource.createQueryRunner();
    try {
      await migration.down(q);
      expect(await shape()).toEqual({
        cadenceEvents: false,
        requestColumns: [],
        nullable: [false, false, false],
        foreignKeys: ['event_id', 'measure_id'],
      });
      await migration.up(q);
    } finally {
      await q.release();
    }
    expect((await shape()).requestColumns).toEqual(['plan_id', 'cadence_event_id']);
    expect(await requests()).toEqual(before);
  });
});
