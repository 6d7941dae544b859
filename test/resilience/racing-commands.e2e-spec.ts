// Duplicate and racing commands on one measure, sent at once over HTTP: whatever order the API and
// the workflow settle them in, every answer is a definite 200 or 409 (never a 5xx), every 200 is
// one recorded event and every 409 none, and the read model agrees with the workflow afterwards.
import { checkConsistency } from '../../libs/temporal/src/consistency-check';
import { MeasureRepository } from '../../libs/persistence/src/repositories/measure.repository';
import { aPlanDocument } from '../support/plan-fixtures';
import { HttpAnswer, RectifyHarness, startRectify } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

const PHOTO = { kind: 'photo', description: '现场照片' };

describe(`duplicate and racing commands (${testEngine()})`, () => {
  let rectify: RectifyHarness;

  beforeAll(async () => {
    rectify = await startRectify();
  });
  afterAll(() => rectify?.stop());

  async function importPlan(planCode = uniqueCode('RC'), due = '2031-06-30') {
    const r = await rectify.request('POST', '/plans', aPlanDocument({ planCode, due, measures: 2 }));
    expect(r.status).toBe(201);
    const list = await rectify.request('GET', `/measures?plan=${r.body.planId}`);
    const ids = list.body.items.map((m: { id: string }) => m.id) as string[];
    return { planCode, ids };
  }

  async function eventKinds(id: string): Promise<string[]> {
    const detail = await rectify.request('GET', `/measures/${id}`);
    return detail.body.events.map((e: { kind: string }) => e.kind);
  }

  const statuses = (answers: HttpAnswer[]) => answers.map((a) => a.status);
  const count = (kinds: string[], kind: string) => kinds.filter((k) => k === kind).length;

  it('applies one report sent ten times at once with one Idempotency-Key exactly once, and answers every copy alike', async () => {
    const { ids } = await importPlan();
    const report = { note: '同一次调度', indicators: [{ code: 'houses', current: 500 }] };
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        rectify.request('POST', `/measures/${ids[0]}/progress-reports`, report, {
          'Idempotency-Key': 'report-once',
        }),
      ),
    );
    expect(statuses(answers)).toEqual(Array(10).fill(200));
    for (const a of answers) expect(a.body).toEqual(answers[0].body);
    expect(await eventKinds(ids[0])).toEqual(['progress_reported']);
  });

  it('settles a completion claim racing five reports: the claim once, each report before it or refused after it', async () => {
    const { ids } = await importPlan();
    const id = ids[0];
    const claim = rectify.request('POST', `/measures/${id}/completion-claims`, {
      actor: 'unit',
      evidence: [PHOTO],
      explanation: '按计划完成',
    });
    const reports = Array.from({ length: 5 }, (_, i) =>
      rectify.request('POST', `/measures/${id}/progress-reports`, { note: `第${i + 1}次` }),
    );
    const [claimed, ...reported] = await Promise.all([claim, ...reports]);
    expect(claimed.status).toBe(200);
    for (const r of reported) expect([200, 409]).toContain(r.status);
    const accepted = reported.filter((r) => r.status === 200).length;

    const kinds = await eventKinds(id);
    expect(count(kinds, 'completion_claimed')).toBe(1);
    expect(count(kinds, 'progress_reported')).toBe(accepted);
    // Nothing is reported on a measure once its completion is claimed.
    expect(kinds.indexOf('completion_claimed')).toBe(kinds.length - 1);
    const detail = await rectify.request('GET', `/measures/${id}`);
    expect(detail.body).toMatchObject({
      status: 'completion_claimed',
      workflow: { status: 'completion_claimed', progressReports: accepted },
    });
  });

  it('settles a sign-off racing a look-back: the look-back is recorded only after the sign-off, or refused', async () => {
    const { ids } = await importPlan();
    const id = ids[0];
    const claimed = await rectify.request('POST', `/measures/${id}/completion-claims`, {
      actor: 'unit',
      evidence: [PHOTO],
      explanation: '按计划完成',
    });
    expect(claimed.status).toBe(200);
    const [verified, lookedBack] = await Promise.all([
      rectify.request('POST', `/measures/${id}/verification`, { actor: 'verifier', decision: 'accept' }),
      rectify.request('POST', `/measures/${id}/look-back`, {
        actor: 'verifier',
        outcome: 'passed',
        findings: '整改成果巩固',
      }),
    ]);
    expect(verified.status).toBe(200);
    expect([200, 409]).toContain(lookedBack.status);

    const kinds = await eventKinds(id);
    expect(count(kinds, 'verified')).toBe(1);
    expect(count(kinds, 'look_back_passed')).toBe(lookedBack.status === 200 ? 1 : 0);
    if (lookedBack.status === 200) {
      expect(kinds.indexOf('look_back_passed')).toBeGreaterThan(kinds.indexOf('verified'));
    }
    const detail = await rectify.request('GET', `/measures/${id}`);
    expect(detail.body.status).toBe(detail.body.workflow.status);
  });

  it('settles a re-import moving a deadline racing an approved extension: read model and workflow agree', async () => {
    const { planCode, ids } = await importPlan(uniqueCode('RC'), '2031-06-30');
    const id = ids[1];
    const asked = await rectify.request('POST', `/measures/${id}/extension-requests`, {
      actor: '省扶贫办',
      requestedDueAt: '2031-12-31T16:00:00.000Z',
      reason: '汛期影响施工',
    });
    expect(asked.status).toBe(200);

    const moved = aPlanDocument({ planCode, due: '2031-09-30', measures: 2 });
    const [decided, reimported] = await Promise.all([
      rectify.request('POST', `/measures/${id}/extension-decision`, { actor: '省整改办', approve: true }),
      rectify.request('POST', '/plans', moved),
    ]);
    expect(decided.status).toBe(200);
    expect(reimported.status).toBe(200);

    const kinds = await eventKinds(id);
    expect(count(kinds, 'extension_requested')).toBe(1);
    expect(count(kinds, 'extension_approved')).toBe(1);
    expect(count(kinds, 'deadline_changed')).toBeLessThanOrEqual(1);
    const detail = await rectify.request('GET', `/measures/${id}`);
    // Whichever came last set the deadline; both records say the same one.
    expect(['2031-12-31T16:00:00.000Z', '2031-09-30T15:59:59.999Z', '2031-09-30T16:00:00.000Z']).toContain(
      detail.body.dueAt,
    );
    expect(detail.body.workflow.dueAt).toBe(detail.body.dueAt);
  });

  it('leaves no drift between Temporal and the read model', async () => {
    const report = await checkConsistency(rectify.temporal, new MeasureRepository(rectify.db.dataSource), {
      taskQueue: rectify.config.temporal.taskQueue,
    });
    expect(report.workflows).toBeGreaterThan(0);
    expect(report.drift).toEqual([]);
  });
});
