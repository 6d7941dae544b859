// The read model under late and bad records: an event recorded after a newer one leaves the row
// as the newer one set it; a value the database cannot store ends the activity at once; the
// measure's page reads its row and its events as of one moment.
import { ApplicationFailure } from '@temporalio/common';
import { MeasureActivities, RecordMeasureEventInput } from '../../activities/measure.activities';
import { validatePlanDefinition } from '../../libs/domain/src/plan-definition';
import { createDataSource } from '../../libs/persistence/src/data-source';
import { MeasureEventEntity } from '../../libs/persistence/src/entities/measure-event.entity';
import { MeasureEntity } from '../../libs/persistence/src/entities/measure.entity';
import { planRows } from '../../libs/persistence/src/plan-import.mapper';
import { MeasureEventRepository } from '../../libs/persistence/src/repositories/measure-event.repository';
import { MeasureRepository } from '../../libs/persistence/src/repositories/measure.repository';
import { PlanRepository } from '../../libs/persistence/src/repositories/plan.repository';
import { consistentRead } from '../../libs/persistence/src/serialized-write';
import { aPlanDocument } from '../support/plan-fixtures';
import { createTestDatabase, TestDatabase, testEngine } from '../support/test-database';

describe(`measure events in the read model (${testEngine()})`, () => {
  let db: TestDatabase;
  let activities: MeasureActivities;
  let measure: MeasureEntity;

  beforeAll(async () => {
    db = await createTestDatabase();
    const r = validatePlanDefinition(aPlanDocument({ planCode: 'GS-SEQ', due: '2031-06-30', measures: 1 }));
    if (!r.ok) throw new Error('invalid test plan');
    const rows = planRows(r.plan, new Date());
    await new PlanRepository(db.dataSource).savePlan(rows);
    measure = rows.measures[0];
    activities = new MeasureActivities(
      new MeasureEventRepository(db.dataSource),
      new MeasureRepository(db.dataSource),
    );
  });
  afterAll(() => db?.close());

  const event = (seq: number, effects: RecordMeasureEventInput['effects'], actor = 'office') => ({
    workflowId: measure.workflowId,
    idempotencyKey: `${measure.workflowId}/event/${seq}`,
    seq,
    kind: 'deadline_changed',
    level: 0,
    occurredAt: new Date(Date.UTC(2031, 0, seq)).toISOString(),
    actor,
    detail: { seq },
    effects,
    notify: [{ addresseeKind: 'unit' as const, addressee: 'GS-HOUSING', subject: `change ${seq}` }],
    hashApproved: false,
  });
  const row = () => db.dataSource.getRepository(MeasureEntity).findOneByOrFail({ id: measure.id });

  it('keeps the newest values when an older event is recorded after a newer one, and logs both', async () => {
    await activities.recordMeasureEvent(
      event(2, { status: 'in_progress', dueAt: '2031-09-30T16:00:00.000Z', overdueLevel: 0 }),
    );
    const late = await activities.recordMeasureEvent(
      event(1, { status: 'assigned', dueAt: '2031-07-31T16:00:00.000Z', overdueLevel: 3 }),
    );
    expect(late.recorded).toBe(true);
    expect(await row()).toMatchObject({
      status: 'in_progress',
      dueAt: new Date('2031-09-30T16:00:00.000Z'),
      overdueLevel: 0,
      lastEventSeq: 2,
    });
    const events = await new MeasureEventRepository(db.dataSource).listForMeasure(measure.id);
    expect(events.map((e) => e.seq)).toEqual([1, 2]);
    const notices = await new MeasureEventRepository(db.dataSource).notificationsForMeasure(measure.id);
    expect(notices.map((n) => n.subject)).toEqual(['change 1', 'change 2']);
  });

  // SQLite does not enforce varchar lengths; PostgreSQL refuses with SQLSTATE 22001.
  (testEngine() === 'postgres' ? it : it.skip)(
    'ends the activity without retrying when the database refuses the value, writing nothing',
    async () => {
      const failure = await activities
        .recordMeasureEvent(event(3, { status: 'closed' }, 'x'.repeat(300)))
        .catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(ApplicationFailure);
      expect(failure).toMatchObject({ type: 'DATA_REFUSED', nonRetryable: true });
      expect((await row()).lastEventSeq).toBe(2);
    },
  );

  it('reads the row and its events as of one moment while another process records a step', async () => {
    // Another API or worker process: its own connection, committing between the two reads.
    const other = await createDataSource(db.config).initialize();
    try {
      const elsewhere = new MeasureActivities(
        new MeasureEventRepository(other),
        new MeasureRepository(other),
      );
      const seen = await consistentRead(db.dataSource, async (em) => {
        const before = await em.findOneByOrFail(MeasureEntity, { id: measure.id });
        await elsewhere.recordMeasureEvent(event(10, { overdueLevel: 2 }));
        const events = await em.find(MeasureEventEntity, { where: { measureId: measure.id } });
        return { level: before.overdueLevel, seqs: events.map((e) => e.seq) };
      });
      expect(seen).toEqual({ level: 0, seqs: expect.not.arrayContaining([10]) });
      const record = await new MeasureEventRepository(db.dataSource).recordOf(measure.id);
      expect(record?.measure.overdueLevel).toBe(2);
      expect(record?.events.map((e) => e.seq)).toContain(10);
      expect(record?.notifications.map((n) => n.subject)).toContain('change 10');
    } finally {
      await other.destroy();
    }
  });
});
