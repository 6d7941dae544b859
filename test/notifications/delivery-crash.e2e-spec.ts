// Issue #11: no duplicates after the worker is killed and restarted mid-delivery. The built worker
// app runs as its own process with a fault hook that SIGKILLs it right after a delivery was
// recorded as sent and before its activity reports: the send and its record survive, only the
// completion is lost. The server retries the delivery on the next worker, which must find it sent
// and send nothing. A real SMTP server and a real webhook receiver count what arrives.
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { MeasureEventEntity } from '../../libs/persistence/src/entities/measure-event.entity';
import { NotificationDeliveryEntity } from '../../libs/persistence/src/entities/notification-delivery.entity';
import { NotificationRequestEntity } from '../../libs/persistence/src/entities/notification-request.entity';
import { PeopleRepository } from '../../libs/persistence/src/repositories/people.repository';
import { MeasureWorkflowGateway } from '../../libs/temporal/src/measure-workflow.gateway';
import { deliveryWorkflowId } from '../../workflows/delivery/delivery.contract';
import { eventually } from '../support/eventually';
import { followPlan } from '../support/follow-plan';
import { aPlanDocument } from '../support/plan-fixtures';
import { SmtpCatcher } from '../support/smtp-catcher';
import { devServerAddress } from '../support/temporal-test-env';
import { createTestDatabase, TestDatabase, testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';
import { WebhookReceiver } from '../support/webhook-receiver';
import { releaseDeadWorker, WorkerProcesses } from '../support/worker-process';
import { activityAttempts, firstLookAt } from '../support/workflow-history';

const NAMESPACE = 'default';
const { PendingActivityState } = temporal.api.enums.v1;
const SECRET = 'whsec-0123456789abcdef';
const MAILBOX = 'zhang.san@gansu.example';

// Two notices to the measure's lead unit, whose contact has an e-mail and a webhook channel. The
// deadline is chosen LEAD_MS after the first worker polls: the reminder falls due 3 s after that,
// the overdue notice 10 s later, long after the first worker has died.
const LADDER = [
  { kind: 'reminder', offset: '-PT10S', fromDueMs: -10_000 },
  { kind: 'overdue_notice', offset: 'PT0S', fromDueMs: 0 },
];
const LEAD_MS = 13_000;
// How soon the server gives up on an attempt the dead worker had started (see releaseDeadWorker).
const ORPHAN_START_TO_CLOSE_MS = 5_000;
// A notice's e-mail and webhook are sent at the same time. A kill while the other one is between
// its receiver's acceptance and its own record would send that one again too: the window the
// design accepts (the repeat carries the same Message-ID or X-Rectify-Delivery), not what this
// test is about. So the SMTP catcher defers (451) every recipient while the webhook of interest
// is sent, and is opened only when nothing else is under way. A deferral is a refusal, never an
// acceptance; the delivery simply tries again (RECTIFY_DELIVERY_BACKOFF).
const DEFER_ALL = 1_000_000;

type Channel = 'email' | 'webhook';

interface Notice {
  readonly kind: string;
  readonly workflowId: string;
  readonly email: NotificationDeliveryEntity;
  readonly webhook: NotificationDeliveryEntity;
}

// Each deliver activity in a delivery workflow's history: the delivery it sent, and, once
// completed, whether the completing attempt was a retry, what failed the attempt before it, when
// that retry started (server time) and what the activity answered.
interface DeliverActivity {
  readonly activityId: string;
  readonly deliveryId: string;
  readonly retried: boolean | null;
  readonly previousAttempt: string | null;
  readonly startedMs: number | null;
  readonly sent: boolean | null;
}

async function deliverActivities(client: Client, workflowId: string): Promise<DeliverActivity[]> {
  const activities = await activityAttempts<{ deliveryId: string }, { sent: boolean }>(
    client,
    workflowId,
    'deliver',
  );
  return activities.map(({ activityId, input, retried, previousAttempt, startedMs, result }) => ({
    activityId,
    deliveryId: input.deliveryId,
    retried,
    previousAttempt,
    startedMs,
    sent: result?.sent ?? null,
  }));
}

describe(`a worker process killed between a send's record and its completion (${testEngine()})`, () => {
  let db: TestDatabase;
  let client: Client;
  let smtp: SmtpCatcher;
  let hooks: WebhookReceiver;
  let workers: WorkerProcesses;
  const taskQueue = uniqueCode('delivery-crash');

  beforeAll(async () => {
    [db, smtp, hooks] = await Promise.all([
      createTestDatabase(),
      SmtpCatcher.start(),
      WebhookReceiver.start(SECRET),
    ]);
    client = new Client({ connection: await Connection.connect({ address: devServerAddress() }) });
    workers = WorkerProcesses.build({ client, namespace: NAMESPACE, taskQueue, db });
  });
  afterAll(async () => {
    workers?.stop();
    await client?.connection.close();
    await Promise.all([smtp?.stop(), hooks?.stop(), db?.close()]);
  });

  // Every worker sends through the test's SMTP server and webhook receiver; a delivery is tried
  // often enough never to end dead here, a second after a failure at first.
  const startWorker = (killAfterDelivery: Channel | null) =>
    workers.start(`fault ${killAfterDelivery ?? 'none'}`, {
      RECTIFY_FAULT_KILL_AFTER_DELIVERY: killAfterDelivery ?? undefined,
      RECTIFY_FAULT_KILL_AFTER_COMMIT: undefined,
      RECTIFY_SMTP_URL: smtp.url,
      RECTIFY_MAIL_FROM: 'Rectify <rectify@gansu.example>',
      RECTIFY_PUBLIC_URL: 'https://rectify.gansu.example',
      RECTIFY_WEBHOOK_ALLOW: '127.0.0.1/32',
      RECTIFY_WEBHOOK_TIMEOUT: 'PT5S',
      RECTIFY_DELIVERY_ATTEMPTS: '20',
      RECTIFY_DELIVERY_BACKOFF: 'PT1S',
    });

  const events = (measureId: string) =>
    db.dataSource
      .getRepository(MeasureEventEntity)
      .find({ where: { measureId }, order: { occurredAt: 'ASC' } });
  const deliveries = (measureId: string) =>
    db.dataSource.getRepository(NotificationDeliveryEntity).find({ where: { measureId } });

  // A notice once its delivery workflow has planned it: the request's e-mail and webhook rows.
  async function planned(measureId: string, kind: string): Promise<Notice> {
    const event = await db.dataSource
      .getRepository(MeasureEventEntity)
      .findOneByOrFail({ measureId, kind: kind as MeasureEventEntity['kind'] });
    const request = await db.dataSource
      .getRepository(NotificationRequestEntity)
      .findOneByOrFail({ eventId: event.id });
    const rows = await db.dataSource
      .getRepository(NotificationDeliveryEntity)
      .findBy({ requestId: request.id });
    const on = (channel: string) => {
      const row = rows.find((d) => d.channel === channel);
      if (!row) throw new Error(`the ${kind} has no ${channel} delivery yet`);
      return row;
    };
    return { kind, workflowId: deliveryWorkflowId(request.id), email: on('email'), webhook: on('webhook') };
  }

  const state = async (id: string) =>
    (await db.dataSource.getRepository(NotificationDeliveryEntity).findOneByOrFail({ id })).state;
  const mailIds = () => smtp.messages.map((m) => m.messageId);
  const callIds = () => hooks.calls.map((c) => c.headers['x-rectify-delivery']);
  const messageId = (d: NotificationDeliveryEntity) => `<${d.id}@rectify>`;

  // The worker died by its own SIGKILL after the notice's delivery on `channel` was recorded as
  // sent, while the server still waits for that attempt of its deliver activity: the completion,
  // and only it, was lost. Answers the activity's id.
  async function expectKilledAfterSent(
    worker: Parameters<WorkerProcesses['exited']>[0],
    notice: Notice,
    channel: Channel,
  ): Promise<string> {
    expect(await workers.exited(worker)).toEqual({ exitCode: null, signal: 'SIGKILL' });
    expect(await state(notice[channel].id)).toBe('sent');
    const activity = (await deliverActivities(client, notice.workflowId)).find(
      (a) => a.deliveryId === notice[channel].id,
    );
    expect(activity).toMatchObject({ sent: null });
    const { raw } = await client.workflow.getHandle(notice.workflowId).describe();
    const pending = (raw.pendingActivities ?? []).find((a) => a.activityId === activity!.activityId);
    expect(pending?.state).toBe(PendingActivityState.PENDING_ACTIVITY_STATE_STARTED);
    return activity!.activityId;
  }

  // A delivery workflow's outcome, once it has finished.
  async function outcome(workflowId: string): Promise<unknown> {
    const handle = client.workflow.getHandle(workflowId);
    await eventually(
      async () => {
        const { status } = await handle.describe();
        expect(status.name).toBe('COMPLETED');
      },
      { timeoutMs: 120_000 },
    ).catch(workers.withOutput);
    return handle.result();
  }

  it('sends each e-mail and each webhook call once across two kills after the send was recorded', async () => {
    const gateway = new MeasureWorkflowGateway(client, taskQueue, { searchAttributes: true });
    const person = await new PeopleRepository(db.dataSource).createPerson(
      {
        name: '张三',
        userId: null,
        unitCodes: ['GS-HOUSING'],
        duties: ['unit_contact'],
        language: 'zh-CN',
        timeZone: 'Asia/Shanghai',
        quietHours: null,
        dailyDigest: false,
      },
      [
        { kind: 'email', address: MAILBOX, secret: null },
        { kind: 'webhook', address: hooks.url, secret: SECRET },
      ],
    );

    // Worker 1 dies right after the first e-mail is recorded as sent.
    smtp.deferNext(DEFER_ALL);
    const first = startWorker('email');
    await workers.polling(first);
    // The local clock only picks a deadline near enough to watch; the expectations come from the
    // deadline, the policy and the server's history.
    const due = new Date(Date.now() + LEAD_MS).toISOString();
    const fireAt = (kind: string) => Date.parse(due) + LADDER.find((s) => s.kind === kind)!.fromDueMs;
    const [m] = await followPlan(
      aPlanDocument({
        planCode: uniqueCode('GS'),
        due,
        steps: LADDER.map(({ kind, offset }) => ({ kind, offset })),
        measures: 1,
      }),
      db.dataSource,
      gateway,
    );
    // A machine so slow that the measure first looked after the reminder's time would skip it;
    // say so rather than wait for a reminder that cannot come.
    expect(await eventually(() => firstLookAt(client, m.workflowId))).toBeLessThan(fireAt('reminder'));

    // The reminder's webhook call is accepted and its activity completes while mail is deferred;
    // then mail is let through, and the reminder's e-mail is the kill's.
    const reminder = await eventually(() => planned(m.id, 'reminder')).catch(workers.withOutput);
    await eventually(async () => {
      const call = (await deliverActivities(client, reminder.workflowId)).find(
        (a) => a.deliveryId === reminder.webhook.id,
      );
      expect(call?.sent).toBe(true);
    }).catch(workers.withOutput);
    smtp.deferNext(0);
    const firstKilled = await expectKilledAfterSent(first, reminder, 'email');
    // Nothing can send until the next worker starts; from then on mail is deferred again, so the
    // overdue notice's webhook is the next send that is accepted.
    smtp.deferNext(DEFER_ALL);
    expect((await events(m.id)).map((e) => e.kind)).toEqual(['reminder']);
    expect(mailIds()).toEqual([messageId(reminder.email)]);
    expect(callIds()).toEqual([reminder.webhook.id]);
    const firstOrphans = await releaseDeadWorker(
      client,
      NAMESPACE,
      [m.workflowId, reminder.workflowId],
      ORPHAN_START_TO_CLOSE_MS,
    );
    expect(firstOrphans).toEqual([
      expect.objectContaining({ workflowId: reminder.workflowId, activityId: firstKilled }),
    ]);

    // Worker 2 retries the reminder's e-mail (sent already: nothing is sent) and dies right after
    // the overdue notice's webhook call is recorded as sent.
    const second = startWorker('webhook');
    const overdue = await eventually(() => planned(m.id, 'overdue_notice'), { timeoutMs: 120_000 }).catch(
      workers.withOutput,
    );
    const secondKilled = await expectKilledAfterSent(second, overdue, 'webhook');
    expect(mailIds()).toEqual([messageId(reminder.email)]);
    expect(callIds()).toEqual([reminder.webhook.id, overdue.webhook.id]);
    smtp.deferNext(0);
    const secondOrphans = await releaseDeadWorker(
      client,
      NAMESPACE,
      [m.workflowId, reminder.workflowId, overdue.workflowId],
      ORPHAN_START_TO_CLOSE_MS,
    );
    // The overdue e-mail's attempt, or the reminder e-mail's retry, may have been under way too.
    expect(secondOrphans).toContainEqual(
      expect.objectContaining({ workflowId: overdue.workflowId, activityId: secondKilled }),
    );

    // Worker 3, without a fault, finishes both deliveries.
    const third = startWorker(null);
    for (const n of [reminder, overdue]) expect(await outcome(n.workflowId)).toEqual({ sent: 2, dead: 0 });

    // Each e-mail reached the mailbox once and each webhook call the receiver once, each naming
    // its delivery; nothing else arrived.
    expect(mailIds().sort()).toEqual([messageId(reminder.email), messageId(overdue.email)].sort());
    expect(smtp.messages.map((msg) => msg.envelope.to)).toEqual([[MAILBOX], [MAILBOX]]);
    expect(callIds().sort()).toEqual([reminder.webhook.id, overdue.webhook.id].sort());
    expect(hooks.calls.map((c) => (c.body as { kind: string }).kind)).toEqual(['reminder', 'overdue_notice']);
    expect(hooks.refusals).toEqual([]);

    // Each notice recorded once at its own time, with one delivery per channel, every one sent.
    const recorded = await events(m.id);
    expect(
      recorded.filter((e) => e.kind !== 'light_changed').map((e) => [e.kind, e.occurredAt.toISOString()]),
    ).toEqual(LADDER.map((s) => [s.kind, new Date(fireAt(s.kind)).toISOString()]));
    // The light (亮灯) turned red with the overdue notice, which told it: no notice of its own.
    expect(recorded.filter((e) => e.kind === 'light_changed').map((e) => e.detail)).toEqual([
      expect.objectContaining({ from: 'yellow', to: 'red', toldBy: 'overdue_notice' }),
    ]);
    const rows = await deliveries(m.id);
    expect(rows.map((d) => [d.personId, d.channel, d.state]).sort()).toEqual(
      [reminder, overdue]
        .flatMap(() => ['email', 'inbox', 'webhook'].map((channel) => [person.id, channel, 'sent']))
        .sort(),
    );
    expect(new Set(rows.map((d) => d.key)).size).toBe(rows.length);

    // The killed sends completed on a retry that started after the orphaned attempt timed out
    // (server time) and found the delivery sent. The reminder's webhook call was sent by its first
    // attempt; the overdue e-mail by whichever attempt came after the second worker (deferred,
    // or cut off by the kill: either way never accepted before).
    const activities = [
      ...(await deliverActivities(client, reminder.workflowId)),
      ...(await deliverActivities(client, overdue.workflowId)),
    ];
    const of = (d: NotificationDeliveryEntity) => activities.filter((a) => a.deliveryId === d.id);
    const killed = { retried: true, previousAttempt: 'TIMEOUT_TYPE_START_TO_CLOSE', sent: false };
    expect(of(reminder.email)).toEqual([expect.objectContaining(killed)]);
    expect(of(reminder.webhook)).toEqual([
      expect.objectContaining({ retried: false, previousAttempt: null, sent: true }),
    ]);
    expect(of(overdue.webhook)).toEqual([expect.objectContaining(killed)]);
    expect(of(overdue.email)).toEqual([expect.objectContaining({ sent: true })]);
    for (const [orphan, d] of [
      [firstOrphans.find((o) => o.activityId === firstKilled)!, reminder.email],
      [secondOrphans.find((o) => o.activityId === secondKilled)!, overdue.webhook],
    ] as const) {
      expect(of(d)[0].startedMs).toBeGreaterThanOrEqual(orphan.lastStartedMs + ORPHAN_START_TO_CLOSE_MS);
    }

    // Nest closes the app on SIGTERM (the worker drains), then lets the signal end the process.
    third.kill('SIGTERM');
    expect(await workers.exited(third)).toEqual({ exitCode: null, signal: 'SIGTERM' });
  });
});
