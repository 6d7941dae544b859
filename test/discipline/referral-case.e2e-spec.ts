import { Client, Connection } from '@temporalio/client';
import {
  AccountabilityCaseEntity,
  CaseEventEntity,
} from '../../libs/persistence/src/entities/accountability-case.entity';
import { DisciplineBodyEntity } from '../../libs/persistence/src/entities/discipline-body.entity';
import { MeasureEventEntity } from '../../libs/persistence/src/entities/measure-event.entity';
import { NotificationRequestEntity } from '../../libs/persistence/src/entities/notification-request.entity';
import { MeasureWorkflowGateway } from '../../libs/temporal/src/measure-workflow.gateway';
import { temporal } from '@temporalio/proto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { caseClockQuery, caseSettledSignal } from '../../workflows/case/case.contract';
import { eventually } from '../support/eventually';
import { followPlan } from '../support/follow-plan';
import { aPlanDocument } from '../support/plan-fixtures';
import { devServerAddress } from '../support/temporal-test-env';
import { createTestDatabase, TestDatabase, testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';
import { releaseDeadWorker, WorkerProcesses } from '../support/worker-process';

const NAMESPACE = 'default';
// 问责移送 two seconds after the deadline; the deadline LEAD_MS after the first worker polls.
const LADDER = [
  { kind: 'overdue_notice', offset: 'PT0S' },
  { kind: 'accountability_referral', offset: 'PT2S' },
];
const LEAD_MS = 4_000;
// The case's own clock, in seconds: due 6 s after opening, reminded 3 s before, the level above
// told 2 s after.
const CASE_POLICY = { deadline: 'PT6S', reminders: ['-PT3S'], escalateAfter: 'PT2S' };

// The real worker app as its own process, killed twice around the referral: once after the
// 问责移送 event committed (before any case), once after the case row committed (before its
// clock started). The third worker finishes; there is exactly one case, with one clock.
describe(`a measure reaching 问责移送 with the worker killed around it (${testEngine()})`, () => {
  let db: TestDatabase;
  let client: Client;
  let workers: WorkerProcesses;
  const taskQueue = uniqueCode('referral');

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new Client({ connection: await Connection.connect({ address: devServerAddress() }) });
    workers = WorkerProcesses.build({ client, namespace: NAMESPACE, taskQueue, db });
    const bodies = db.dataSource.getRepository(DisciplineBodyEntity);
    await bodies.insert({
      code: 'GS-JW',
      name: '甘肃省纪委监委',
      kind: 'discipline_commission',
      level: 'province',
      parentCode: null,
      jurisdiction: ['GS'],
      casePolicy: null,
      createdAt: new Date(),
    });
    await bodies.insert({
      code: 'GS-HOUSING-JW',
      name: '驻省住建厅纪检监察组',
      kind: 'discipline_commission',
      level: 'city',
      parentCode: 'GS-JW',
      jurisdiction: ['GS-HOUSING'],
      casePolicy: CASE_POLICY,
      createdAt: new Date(),
    });
  });
  afterAll(async () => {
    workers?.stop();
    await client?.connection.close();
    await db?.close();
  });

  const cases = () => db.dataSource.getRepository(AccountabilityCaseEntity).find();
  const referrals = () =>
    db.dataSource.getRepository(MeasureEventEntity).find({ where: { kind: 'accountability_referral' } });

  it('opens exactly one case at the competent body, and its clock runs once', async () => {
    const gateway = new MeasureWorkflowGateway(client, taskQueue, { searchAttributes: true });
    const first = workers.start('fault accountability_referral', {
      RECTIFY_FAULT_KILL_AFTER_COMMIT: 'accountability_referral',
    });
    await workers.polling(first);
    const due = new Date(Date.now() + LEAD_MS).toISOString();
    const [m] = await followPlan(
      aPlanDocument({ planCode: uniqueCode('GS'), due, steps: LADDER, measures: 1 }),
      db.dataSource,
      gateway,
    );

    // Killed after the referral's event committed: the step is on record, no case yet.
    expect(await workers.exited(first)).toEqual({ exitCode: null, signal: 'SIGKILL' });
    expect(await referrals()).toHaveLength(1);
    expect(await cases()).toEqual([]);
    await releaseDeadWorker(client, NAMESPACE, [m.workflowId], 5_000);

    // The retry opens the case, and this worker dies before the case's clock starts.
    const second = workers.start('fault case_opened', { RECTIFY_FAULT_KILL_AFTER_COMMIT: 'case_opened' });
    expect(await workers.exited(second)).toEqual({ exitCode: null, signal: 'SIGKILL' });
    const [opened] = await cases();
    await expect(client.workflow.getHandle(opened.workflowId).describe()).rejects.toThrow();
    await releaseDeadWorker(client, NAMESPACE, [m.workflowId], 5_000);

    const third = workers.start('no fault');
    const clock = await eventually(
      async () => {
        const view = await client.workflow.getHandle(opened.workflowId).query(caseClockQuery);
        expect(view.fired).toHaveLength(3);
        return view;
      },
      { timeoutMs: 120_000 },
    ).catch(workers.withOutput);

    const [referral] = await referrals();
    const all = await cases();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({
      id: opened.id,
      origin: 'ladder',
      status: 'open',
      bodyCode: 'GS-HOUSING-JW',
      measureId: m.id,
      openedBy: 'rectify:escalation-ladder',
    });
    expect(all[0].referralKey).toBe(referral.idempotencyKey);
    // The case's time counts from the referral step, not from when a worker got round to it.
    expect(all[0].openedAt.toISOString()).toBe(referral.occurredAt.toISOString());
    expect(all[0].dueAt.getTime()).toBe(referral.occurredAt.getTime() + 6_000);
    // The lead unit first (whose body is competent), then the co-unit with its ancestors.
    expect(all[0].unitLineage).toEqual(['GS-HOUSING', 'LINXIA', 'GS-POVERTY']);
    expect(clock.fired).toEqual(['case_reminder@-PT3S', 'case_overdue@PT0S', 'case_escalated@PT2S']);

    // Its events, once each, at their due times; the level above (GS-JW) is told of the escalation.
    const events = await db.dataSource
      .getRepository(CaseEventEntity)
      .find({ where: { caseId: opened.id }, order: { occurredAt: 'ASC' } });
    const dueMs = all[0].dueAt.getTime();
    expect(events.map((e) => [e.kind, e.occurredAt.getTime() - dueMs, e.detail.told ?? null])).toEqual([
      ['opened', -6_000, null],
      ['case_reminder', -3_000, 'GS-HOUSING-JW'],
      ['case_overdue', 0, 'GS-HOUSING-JW'],
      ['case_escalated', 2_000, 'GS-JW'],
    ]);
    const notices = await db.dataSource.getRepository(NotificationRequestEntity).find();
    const byCaseEvent = new Map(events.map((e) => [e.id, e.kind]));
    expect(
      notices
        .filter((n) => n.caseEventId)
        .map((n) => [byCaseEvent.get(n.caseEventId!), n.addresseeKind, n.addressee])
        .sort(),
    ).toEqual([
      ['case_escalated', 'discipline', 'GS'],
      ['case_overdue', 'discipline', 'GS-HOUSING'],
      ['case_reminder', 'discipline', 'GS-HOUSING'],
      ['opened', 'discipline', 'GS-HOUSING'],
    ]);

    // Concluded: the clock ends with what it did.
    const handle = client.workflow.getHandle(opened.workflowId);
    await handle.signal(caseSettledSignal);
    expect(await handle.result()).toEqual({
      dueAt: all[0].dueAt.toISOString(),
      fired: clock.fired,
      settled: true,
    });
    // RECTIFY_RECORD_HISTORIES=dir keeps this run's history as a replay fixture.
    const dir = process.env.RECTIFY_RECORD_HISTORIES;
    if (dir)
      fs.writeFileSync(
        path.join(dir, 'case-0-clock.history.pb'),
        temporal.api.history.v1.History.encode(await handle.fetchHistory()).finish(),
      );
    third.kill('SIGTERM');
    await workers.exited(third);
  });
});
