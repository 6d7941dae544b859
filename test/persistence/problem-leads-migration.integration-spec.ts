import { DisciplineBodyEntity } from '../../libs/persistence/src/entities/discipline-body.entity';
import { MIGRATIONS, runMigrations } from '../../libs/persistence/src/data-source';
import { ProblemLeadRepository } from '../../libs/persistence/src/repositories/problem-lead.repository';
import { createTestDatabase, TestDatabase, testEngine } from '../support/test-database';

// The ledger's migration undoes cleanly with leads, their events and notices in it (the notices go
// with it), and applies again. Migrations newer than it (empty here) are undone first.
describe(`the problem-lead migration (${testEngine()})`, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ fromEmpty: true });
  });
  afterAll(() => db?.close());

  const tables = async () => {
    const q = db.dataSource.createQueryRunner();
    try {
      return {
        leads: await q.hasTable('problem_leads'),
        events: await q.hasTable('lead_events'),
        column: await q.hasColumn('notification_requests', 'lead_event_id'),
      };
    } finally {
      await q.release();
    }
  };

  it('goes down with a lead on record and comes back up', async () => {
    await db.dataSource.getRepository(DisciplineBodyEntity).insert({
      code: 'GS-JW',
      name: '甘肃省纪委监委',
      kind: 'discipline_commission',
      level: 'province',
      parentCode: null,
      jurisdiction: ['GS'],
      casePolicy: null,
      createdAt: new Date(),
    });
    const registered = await new ProblemLeadRepository(db.dataSource).register([
      {
        ref: 'P30-001',
        planId: null,
        problemCode: null,
        summary: null,
        items: 12,
        receivedOn: '2019-01-18',
        bodyCode: 'GS-JW',
        dueAt: new Date('2019-03-17T16:00:00Z'),
        policy: { deadline: 'P2M', reminders: [], escalateAfter: 'P15D' },
        registeredBy: 'office',
        registeredAt: new Date(),
        notify: { addresseeKind: 'discipline', addressee: 'GS', subject: 'problem lead received' },
      },
    ]);
    expect(registered.kind).toBe('created');
    const [{ n }] = await db.dataSource.query(
      'SELECT COUNT(*) AS n FROM notification_requests WHERE lead_event_id IS NOT NULL',
    );
    expect(Number(n)).toBe(1);

    for (let i = 0; i < MIGRATIONS.length && (await tables()).leads; i++)
      await db.dataSource.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toEqual({ leads: false, events: false, column: false });
    const [{ n_left: left }] = await db.dataSource.query(
      'SELECT COUNT(*) AS n_left FROM notification_requests',
    );
    expect(Number(left)).toBe(0);

    expect(await runMigrations(db.dataSource)).toContain('ProblemLeads1795900000000');
    expect(await tables()).toEqual({ leads: true, events: true, column: true });
  });
});
