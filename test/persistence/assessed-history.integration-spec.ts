import { randomUUID } from 'node:crypto';
import { ESCALATION_LEVEL } from '../../libs/domain/src/escalation-ladder';
import {
  ASSESSED_DETAIL_KINDS,
  ASSESSED_EVENT_KINDS,
  type AssessedEvent,
  type AssessedHistory,
} from '../../libs/domain/src/unit-assessment-facts';
import {
  MeasureEventEntity,
  type MeasureEventKind,
} from '../../libs/persistence/src/entities/measure-event.entity';
import { MeasureEntity } from '../../libs/persistence/src/entities/measure.entity';
import { UnitAssessmentRepository } from '../../libs/persistence/src/repositories/unit-assessment.repository';
import { compactHistory } from '../support/assessed-history';
import { eventRecorder, type EventRecorder, importedMeasures, recordedAt } from '../support/recorded-events';
import { createTestDatabase, type TestDatabase, testEngine } from '../support/test-database';

// What a unit assessment (考评) reads of a plan's history (AssessedHistory): the events of the kinds
// its facts count from the summary's end to the judging time, oldest first, with the detail of the
// kinds whose detail they read only; and of the events before, the summary the database makes.
// The specs' measures are due on 2019-09-30 (test/support/plan-fixtures.ts), their events recorded
// from the next day on: a summary for measures due before 2020 covers them.
const DUE_BEFORE = new Date('2020-01-01T00:00:00.000Z');

describe(`what a unit assessment reads of a plan's history on ${testEngine()}`, () => {
  let db: TestDatabase;
  let assessment: UnitAssessmentRepository;
  let recorded: EventRecorder;

  beforeAll(async () => {
    db = await createTestDatabase();
    assessment = new UnitAssessmentRepository(db.dataSource);
    recorded = eventRecorder(db.dataSource);
  });
  afterAll(() => db?.close());

  const imported = (measures: number) => importedMeasures(db.dataSource, measures);
  // The events recorded, as the facts read them: the counted kinds, their detail for those whose
  // detail is read.
  let counted: AssessedEvent[] = [];
  const happened = async (m: MeasureEntity, kind: MeasureEventKind, detail: Record<string, unknown> = {}) => {
    const at = await recorded(m, kind, detail);
    if (ASSESSED_EVENT_KINDS.includes(kind))
      counted.push({
        measureId: m.id,
        kind,
        level: (ESCALATION_LEVEL as Partial<Record<string, number>>)[kind] ?? 0,
        occurredAt: at,
        detail: ASSESSED_DETAIL_KINDS.includes(kind) ? detail : {},
      });
  };
  // An acknowledgement recorded at the very instant of the delivery it answers.
  const acknowledgedAtOnce = async (m: MeasureEntity, delivered: Date) => {
    await db.dataSource.getRepository(MeasureEventEntity).insert({
      id: randomUUID(),
      measureId: m.id,
      kind: 'assignment_acknowledged',
      level: 0,
      idempotencyKey: `${m.workflowId}/test/at-once/${delivered.getTime()}`,
      occurredAt: delivered,
      recordedAt: delivered,
      actor: 'test',
      detail: { late: false } as never,
      seq: null,
    });
    counted.push({
      measureId: m.id,
      kind: 'assignment_acknowledged',
      level: 0,
      occurredAt: delivered,
      detail: { late: false },
    });
  };
  const ordered = (h: AssessedHistory): AssessedHistory => ({
    ...h,
    earlier: [...h.earlier].sort((a, b) => a.measureId.localeCompare(b.measureId)),
    pendingDeliveries: [...h.pendingDeliveries].sort(
      (a, b) => a.occurredAt.getTime() - b.occurredAt.getTime(),
    ),
  });
  beforeEach(() => {
    counted = [];
  });

  it('reads the counted kinds to the judging time, oldest first, as entities would hold them', async () => {
    const [first, second] = await imported(2);
    const [other] = await imported(1);
    const since = recordedAt(recorded.count + 1);
    await happened(first, 'assignment_delivered', { acknowledgeBy: '2019-10-03T00:00:00.000Z' });
    await happened(second, 'supervision_notice', { addressee: second.leadUnitCode });
    await happened(first, 'progress_reported', { text: '进展' });
    await happened(first, 'assignment_acknowledged', { late: false });
    await happened(other, 'overdue_notice', {});
    const judged = recordedAt(recorded.count + 1);
    await happened(second, 'verified', {});

    const history = await assessment.assessedHistory(first.planId, since, judged, DUE_BEFORE);

    const n = recorded.count;
    expect(history).toEqual({
      since,
      dueBefore: DUE_BEFORE,
      earlier: [],
      pendingDeliveries: [],
      events: [
        {
          measureId: first.id,
          kind: 'assignment_delivered',
          level: 0,
          occurredAt: recordedAt(n - 5),
          detail: { acknowledgeBy: '2019-10-03T00:00:00.000Z' },
        },
        // Counted, but its detail is none the facts read.
        {
          measureId: second.id,
          kind: 'supervision_notice',
          level: 2,
          occurredAt: recordedAt(n - 4),
          detail: {},
        },
        {
          measureId: first.id,
          kind: 'assignment_acknowledged',
          level: 0,
          occurredAt: recordedAt(n - 2),
          detail: { late: false },
        },
      ],
    });
    expect(history.events[0].occurredAt).toBeInstanceOf(Date);
  });

  it('summarises the events before `since` as the whole history says, and reads the rest', async () => {
    const [claimed, escalated, pending, answered, twice, quiet, dueLater] = await imported(7);
    const [other] = await imported(1);
    await db.dataSource.getRepository(MeasureEntity).update(dueLater.id, { dueAt: DUE_BEFORE });
    await happened(dueLater, 'overdue_notice');
    await happened(dueLater, 'completion_claimed');
    await happened(claimed, 'overdue_notice');
    await happened(claimed, 'completion_claimed');
    await happened(claimed, 'rejected');
    await happened(claimed, 'reminder');
    await happened(claimed, 'completion_claimed');
    await happened(escalated, 'formal_talk');
    await happened(escalated, 'supervision_notice');
    await happened(escalated, 'look_back_failed');
    await happened(pending, 'assignment_delivered', { acknowledgeBy: '2019-10-02T00:00:00.000Z' });
    await happened(answered, 'assignment_delivered', { acknowledgeBy: '2019-10-02T00:00:00.000Z' });
    await happened(answered, 'assignment_acknowledged', { late: false });
    await happened(twice, 'assignment_delivered', { acknowledgeBy: '2019-10-02T00:00:00.000Z' });
    await acknowledgedAtOnce(twice, recordedAt(recorded.count));
    await happened(twice, 'assignment_delivered', { acknowledgeBy: '2019-10-05T00:00:00.000Z' });
    await happened(quiet, 'progress_reported', { text: '进展' });
    await happened(other, 'formal_talk');
    await happened(other, 'assignment_delivered', { acknowledgeBy: '2019-10-02T00:00:00.000Z' });
    const since = recordedAt(recorded.count + 1);
    await happened(pending, 'assignment_acknowledged', { late: true });
    await happened(escalated, 'accountability_referral');
    await happened(claimed, 'verified');
    await happened(twice, 'assignment_acknowledged', { late: true });
    const judged = recordedAt(recorded.count + 1);
    await happened(quiet, 'completion_claimed');
    const mine = [claimed, escalated, pending, answered, twice, quiet, dueLater];
    const dueAt = new Map(mine.map((m) => [m.id, m.id === dueLater.id ? DUE_BEFORE : m.dueAt]));
    const expected = compactHistory(
      counted.filter((e) => dueAt.has(e.measureId) && e.occurredAt < judged),
      since,
      DUE_BEFORE,
      (id) => dueAt.get(id)!,
    );

    const history = ordered(await assessment.assessedHistory(claimed.planId, since, judged, DUE_BEFORE));

    expect(history).toEqual(expected);
    // What the summary holds, said once in full: nothing of the measure due later.
    expect(history.earlier).toEqual(
      [
        { measureId: claimed.id, firstDoneAt: recordedAt(recorded.count - 19), ladderLevel: 1 },
        { measureId: escalated.id, firstDoneAt: null, ladderLevel: 3 },
      ].sort((a, b) => a.measureId.localeCompare(b.measureId)),
    );
    expect(history.pendingDeliveries.map((d) => [d.measureId, d.detail])).toEqual([
      [pending.id, { acknowledgeBy: '2019-10-02T00:00:00.000Z' }],
      [twice.id, { acknowledgeBy: '2019-10-05T00:00:00.000Z' }],
    ]);
    expect(history.events.map((e) => e.kind)).toEqual([
      'assignment_acknowledged',
      'accountability_referral',
      'verified',
      'assignment_acknowledged',
    ]);
  });

  it('reads nothing after a judging time before `since`: the summary ends there', async () => {
    const [m] = await imported(1);
    await happened(m, 'completion_claimed');
    const judged = recordedAt(recorded.count + 1);
    await happened(m, 'supervision_notice');

    const history = await assessment.assessedHistory(
      m.planId,
      recordedAt(recorded.count + 10),
      judged,
      DUE_BEFORE,
    );

    expect(history).toEqual({
      since: judged,
      dueBefore: DUE_BEFORE,
      earlier: [{ measureId: m.id, firstDoneAt: recordedAt(recorded.count - 1), ladderLevel: 0 }],
      pendingDeliveries: [],
      events: [],
    });
  });
});
