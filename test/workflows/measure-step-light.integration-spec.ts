// 亮灯 with the ladder: a step that moves the light records the change in the step's own record —
// one local activity and one transaction, where the light used to take a record of its own right
// after the step (patch `measure-step-records-light`; histories from before replay in
// test/workflows/replay.integration-spec.ts).
import { DAY, LifecycleBench, startLifecycleBench } from '../support/lifecycle-harness';
import { patchMarkers } from '../support/patch-markers';
import { localActivityMarkers } from '../support/workflow-history';
import { testEngine } from '../support/test-database';

describe(`a ladder step and the light it moves (${testEngine()})`, () => {
  let b: LifecycleBench;

  beforeAll(async () => {
    b = await startLifecycleBench();
  });
  afterAll(() => b?.stop());

  it('records 催办 and the light it turns red in one record, the light told by the step', async () => {
    const [m] = await b.planDueIn(10);
    // Past the deadline, before 督办 (three days after it).
    await b.env.sleep(10 * DAY + 3_600_000);

    const events = await b.events.listForMeasure(m.id);
    const step = events.find((e) => e.kind === 'overdue_notice');
    const red = events.find((e) => e.kind === 'light_changed' && e.detail.to === 'red');
    expect(step).toBeDefined();
    expect(red?.detail).toMatchObject({ to: 'red', reason: 'overdue', toldBy: 'overdue_notice' });
    // One transaction: one recording time, the light's sequence right after the step's, and the
    // row as of the light.
    expect(red?.recordedAt).toEqual(step?.recordedAt);
    expect(red?.seq).toBe((step?.seq ?? 0) + 1);
    const row = await b.row(m);
    expect(row).toMatchObject({ light: 'red', overdueLevel: 1, lastEventSeq: red?.seq });
    // No notice of its own: the step told the unit.
    const notices = await b.events.notificationsForMeasure(m.id);
    expect(notices.filter((n) => n.eventId === red?.id)).toEqual([]);

    // Every event but the companion came from a local activity of its own.
    const handle = b.env.client.workflow.getHandle(m.workflowId);
    const records = await localActivityMarkers(b.env.client, m.workflowId, 'recordMeasureEvent');
    expect(records).toHaveLength(events.length - 1);
    expect(patchMarkers(await handle.fetchHistory())).toContain('measure-step-records-light');
  });

  it('records the step alone when the light does not move, and marks no patch', async () => {
    // Already yellow (behind schedule) before T-7d: the reminder leaves the light as it is.
    const [m] = await b.planDueIn(30);
    await b.env.sleep(23 * DAY + 3_600_000);

    const events = await b.events.listForMeasure(m.id);
    expect(events.map((e) => [e.kind, e.detail.to ?? null])).toEqual([
      ['light_changed', 'yellow'],
      ['reminder', null],
    ]);
    const records = await localActivityMarkers(b.env.client, m.workflowId, 'recordMeasureEvent');
    expect(records).toHaveLength(2);
    const history = await b.env.client.workflow.getHandle(m.workflowId).fetchHistory();
    expect(patchMarkers(history)).not.toContain('measure-step-records-light');
  });
});
