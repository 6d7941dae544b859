import { ASSESSED_DETAIL_KINDS, ASSESSED_EVENT_KINDS } from '../../libs/domain/src/unit-assessment-facts';
import { UnitAssessmentRepository } from '../../libs/persistence/src/repositories/unit-assessment.repository';
import { eventRecorder, type EventRecorder, importedMeasures, recordedAt } from '../support/recorded-events';
import { createTestDatabase, type TestDatabase, testEngine } from '../support/test-database';

// What a unit assessment (考评) reads of a plan's history: the events of the kinds its facts count,
// before the judging time, oldest first, and the detail of the kinds whose detail they read only.
describe(`the events a unit assessment reads on ${testEngine()}`, () => {
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

  it('reads the counted kinds before the judging time, oldest first, as entities would hold them', async () => {
    const [first, second] = await imported(2);
    const [other] = await imported(1);
    await recorded(first, 'assignment_delivered', { acknowledgeBy: '2019-10-03T00:00:00.000Z' });
    await recorded(second, 'supervision_notice', { addressee: second.leadUnitCode });
    await recorded(first, 'progress_reported', { text: '进展' });
    await recorded(first, 'assignment_acknowledged', { late: false });
    await recorded(other, 'overdue_notice', {});
    const judged = recordedAt(recorded.count + 1);
    await recorded(second, 'verified', {});

    const events = await assessment.measureEvents(
      first.planId,
      ASSESSED_EVENT_KINDS,
      ASSESSED_DETAIL_KINDS,
      judged,
    );

    const n = recorded.count;
    expect(events).toEqual([
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
    ]);
    expect(events[0].occurredAt).toBeInstanceOf(Date);
  });

  it('gives no detail when no kind’s is asked for', async () => {
    const [m] = await imported(1);
    await recorded(m, 'assignment_acknowledged', { late: true });

    const events = await assessment.measureEvents(
      m.planId,
      ASSESSED_EVENT_KINDS,
      [],
      recordedAt(recorded.count + 1),
    );

    expect(events.map((e) => [e.kind, e.detail])).toEqual([['assignment_acknowledged', {}]]);
  });
});
