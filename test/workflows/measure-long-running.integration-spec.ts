import { PHOTO_EVIDENCE } from '../support/evidence-fixtures';
import { DAY, LifecycleBench, startLifecycleBench } from '../support/lifecycle-harness';
import { testEngine } from '../support/test-database';

// A mechanism measure (长效机制) runs for years: reviews every quarter, and its history is carried
// into a new run by continue-as-new long before it grows large. The limit is lowered here so a few
// simulated years cross it several times.
describe(`a long-running mechanism measure (${testEngine()})`, () => {
  let b: LifecycleBench;

  beforeAll(async () => {
    b = await startLifecycleBench({ historyLimit: 60 });
  });
  afterAll(() => b?.stop());

  it('keeps reviewing every quarter across continue-as-new, with its sign-off and commands intact', async () => {
    const [m] = await b.planDueIn(30, { track: 'mechanism', measures: 1 });
    const handle = b.env.client.workflow.getHandle(m.workflowId);
    const firstRunId = (await handle.describe()).runId;
    await b.gateway.claimCompletion(m.workflowId, {
      actor: 'u',
      evidence: [PHOTO_EVIDENCE],
      indicators: [{ code: 'houses', current: 26_500 }],
    });
    const signed = await b.gateway.verify(m.workflowId, { actor: 'v', decision: 'accept' });
    expect(signed.nextReviewAt).not.toBeNull();

    await b.env.sleep(3 * 365 * DAY + 5 * DAY);

    const reviews = (await b.events.listForMeasure(m.id)).filter((e) => e.kind === 'review_due');
    expect(reviews).toHaveLength(12);
    // Each review was recorded once, a quarter apart.
    const gaps = reviews
      .slice(1)
      .map((r, i) => Math.round((r.occurredAt.getTime() - reviews[i].occurredAt.getTime()) / DAY));
    expect(gaps.every((g) => g >= 89 && g <= 92)).toBe(true);

    const described = await handle.describe();
    expect(described.runId).not.toBe(firstRunId);
    expect(described.status.name).toBe('RUNNING');
    const state = await b.gateway.state(m.workflowId);
    expect(state).toMatchObject({
      status: 'verified',
      signOff: { contentHash: signed.signOff?.contentHash },
      eventSeq: signed.eventSeq + 12,
    });

    const dueAt = new Date((await b.env.currentTimeMs()) + 60 * DAY).toISOString();
    const reopened = await b.gateway.recordReview(m.workflowId, {
      actor: 'office',
      outcome: 'ineffective',
      note: '机制未落地',
      dueAt,
    });
    expect(reopened).toMatchObject({ status: 'in_progress', dueAt });
  });
});
