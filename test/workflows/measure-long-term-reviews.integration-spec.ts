import { eventually } from '../support/eventually';
import { DAY, LifecycleBench, startLifecycleBench } from '../support/lifecycle-harness';
import { testEngine } from '../support/test-database';

// 长期坚持 sets no date. By default the measure gets its track's default date (the fixture's
// base year is 2019, so that date has long passed) and the whole ladder; with
// plan.longTermMeasures: reviews it gets periodic reviews only: no ladder, a review every three
// months (the mechanism track's cadence), never overdue.
describe(`长期坚持 measures: a deadline or periodic reviews only (${testEngine()})`, () => {
  let b: LifecycleBench;

  beforeAll(async () => {
    b = await startLifecycleBench();
  });
  afterAll(() => b?.stop());

  const longTerm = (mode?: 'deadline' | 'reviews') => ({
    measures: 1,
    track: 'mechanism' as const,
    mutate: (doc: {
      plan: object;
      categories: { aspects: { problems: { measures: { due: string }[] }[] }[] }[];
    }) => {
      doc.categories[0].aspects[0].problems[0].measures[0].due = '长期坚持';
      if (mode) Object.assign(doc.plan, { longTermMeasures: mode });
    },
  });

  it('by default: the assumed date and the whole ladder, caught up at once', async () => {
    const [m] = await b.planDueIn(0, longTerm());
    expect(m).toMatchObject({ dueText: '长期坚持', dueAssumed: true, reviewsOnly: false });
    expect(m.dueAt.toISOString()).toBe('2019-12-31T16:00:00.000Z');
    await eventually(async () =>
      expect((await b.recorded(m)).map(([k]) => k)).toEqual(['accountability_referral']),
    );
    expect((await b.gateway.state(m.workflowId))?.nextReviewAt).toBeNull();
  });

  it('with reviews: no ladder, a review due every three months while the measure is open', async () => {
    const [m] = await b.planDueIn(0, longTerm('reviews'));
    expect(m).toMatchObject({ dueText: '长期坚持', dueAssumed: true, reviewsOnly: true });
    const started = await b.env.currentTimeMs();
    await b.env.sleep(DAY);
    expect(await b.recorded(m)).toEqual([]);
    const first = (await b.gateway.state(m.workflowId))?.nextReviewAt;
    expect(Date.parse(first ?? '') - started).toBeGreaterThanOrEqual(89 * DAY);
    expect(Date.parse(first ?? '') - started).toBeLessThanOrEqual(92 * DAY + DAY);
    await b.env.sleep(190 * DAY);
    await eventually(async () =>
      expect((await b.recorded(m)).map(([k]) => k)).toEqual(['review_due', 'review_due']),
    );
    const events = await b.events.listForMeasure(m.id);
    expect(events.filter((e) => e.kind === 'review_due').map((e) => e.detail)).toEqual([
      { dueAt: first },
      { dueAt: expect.any(String) },
    ]);
    expect((await b.row(m)).overdueLevel).toBe(0);
    const state = await b.gateway.state(m.workflowId);
    expect(state?.status).toBe('assigned');
    expect(state?.firedSteps).toEqual([]);
    expect(state?.nextStep).toBeNull();
  });
});
