import { aPlanDocument } from '../support/plan-fixtures';
import { eventually } from '../support/eventually';
import { RectifyHarness, startRectify } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

// Real time on the dev server: a deadline a few seconds away, with PT-second policy offsets.
const SECOND_LADDER = [
  { kind: 'reminder', offset: '-PT6S' },
  { kind: 'reminder', offset: '-PT3S' },
  { kind: 'overdue_notice', offset: 'PT0S' },
];

describe(`following a plan through the HTTP API (${testEngine()})`, () => {
  let rectify: RectifyHarness;

  beforeAll(async () => {
    rectify = await startRectify();
  });
  afterAll(() => rectify?.stop());

  it('imports a plan, sends its reminders and overdue notice in real time, and records a claim and its sign-off', async () => {
    const due = new Date(Date.now() + 9_000).toISOString();
    const doc = aPlanDocument({ planCode: uniqueCode('GS'), due, steps: SECOND_LADDER });
    const imported = await rectify.request('POST', '/plans', doc);
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({
      planCode: doc.plan.code,
      outcome: 'created',
      measures: 2,
      workflows: { started: { running: 2, closed: 0 } },
    });

    const list = await rectify.request('GET', `/measures?plan=${imported.body.planId}&unit=GS-HOUSING`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((m: { code: string }) => m.code)).toEqual(['P01-M1']);
    const id = list.body.items[0].id;

    const measure = await eventually(
      async () => {
        const r = await rectify.request('GET', `/measures/${id}`);
        expect(r.body.events.map((e: { kind: string }) => e.kind)).toEqual([
          'reminder',
          'reminder',
          'overdue_notice',
        ]);
        return r.body;
      },
      { timeoutMs: 90_000 },
    );
    expect(measure.overdueLevel).toBe(1);
    expect(measure.events[2]).toMatchObject({
      level: 1,
      occurredAt: new Date(due).toISOString(),
      detail: { addressee: 'GS-HOUSING' },
    });
    expect(measure.workflow).toMatchObject({ status: 'assigned', overdueLevel: 1, nextStep: null });

    const claim = await rectify.request('POST', `/measures/${id}/completion-claims`, {
      actor: '省住建厅',
      evidence: [{ kind: 'photo', description: '改造后住房照片' }],
      indicators: [{ code: 'houses', current: 26_500 }],
    });
    expect(claim.status).toBe(200);
    expect(claim.body.workflow).toMatchObject({ status: 'completion_claimed', claim: { flags: [] } });
    const signed = await rectify.request('POST', `/measures/${id}/verification`, {
      actor: '验收组',
      decision: 'accept',
    });
    expect(signed.body.workflow.status).toBe('verified');
    // The signed-in caller is the recorded verifier; the name the caller wrote is kept beside it.
    expect(signed.body.workflow.signOff.verifier).toMatch(/^admin:user:.+ \(验收组\)$/);
    const after = await rectify.request('GET', `/measures/${id}`);
    expect(after.body).toMatchObject({ status: 'verified', workflow: { status: 'verified' } });
    expect(after.body.events.map((e: { kind: string }) => e.kind).slice(-2)).toEqual([
      'completion_claimed',
      'verified',
    ]);
    expect(after.body.events.at(-1).detail.contentHash).toBe(signed.body.workflow.signOff.contentHash);

    const again = await rectify.request('POST', `/measures/${id}/completion-claims`, {
      actor: 'x',
      evidence: [{ kind: 'photo', description: 'again' }],
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      code: 'COMMAND_REFUSED',
      message: 'a measure in status verified cannot accept claimCompletion',
    });
    const verified = await rectify.request('GET', `/measures?plan=${imported.body.planId}&status=verified`);
    expect(verified.body.total).toBe(1);
  });

  it('answers a repeated import as unchanged and a changed one under the same code as an update', async () => {
    const doc = aPlanDocument({ planCode: uniqueCode('GS'), due: '2030-06-30' });
    expect((await rectify.request('POST', '/plans', doc)).status).toBe(201);
    const repeat = await rectify.request('POST', '/plans', doc);
    expect(repeat.status).toBe(200);
    expect(repeat.body).toMatchObject({
      outcome: 'unchanged',
      workflows: { started: { running: 2, closed: 0 } },
    });
    const changed = await rectify.request('POST', '/plans', {
      ...doc,
      plan: { ...doc.plan, title: 'changed' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      outcome: 'updated',
      diff: { plan: [{ field: 'plan.title', after: 'changed' }] },
    });
  });

  it('refuses an invalid plan with every offending field named, and writes nothing', async () => {
    const doc = aPlanDocument({ planCode: uniqueCode('GS') });
    const measure = doc.categories[0].aspects[0].problems[0].measures[0] as Record<string, unknown>;
    measure.leadUnit = 'NOWHERE';
    measure.due = '2019-02-30';
    const r = await rectify.request('POST', '/plans', doc);
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('VALIDATION_FAILED');
    expect(r.body.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: 'categories[0].aspects[0].problems[0].measures[0].leadUnit',
          message: 'unknown unit NOWHERE: declare it under units',
        }),
        expect.objectContaining({
          path: 'categories[0].aspects[0].problems[0].measures[0].due',
          message: '2019-02-30 is not a calendar date',
        }),
      ]),
    );
    expect((await rectify.request('GET', `/plans/${doc.plan.code}`)).status).toBe(404);
  });

  it('shows a plan with its problem tree and counts', async () => {
    const doc = aPlanDocument({ planCode: uniqueCode('GS'), due: '2030-06-30', measures: 3 });
    await rectify.request('POST', '/plans', doc);
    const r = await rectify.request('GET', `/plans/${doc.plan.code}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      code: doc.plan.code,
      inspection: { inspectingBody: '中央第一巡视组', feedbackDate: '2019-01-18' },
      summary: {
        problems: 1,
        measures: 3,
        problemsByTrack: { long_term: 1 },
        measuresByStatus: { assigned: 3 },
      },
    });
    expect(r.body.categories[0].aspects[0].problems[0].measures.map((m: { code: string }) => m.code)).toEqual(
      ['P01-M1', 'P01-M2', 'P01-M3'],
    );
    const byId = await rectify.request('GET', `/plans/${r.body.id}`);
    expect(byId.body.code).toBe(doc.plan.code);
  });

  it.each([
    ['GET', '/measures?status=finished', undefined, 400, 'query.status'],
    ['GET', '/measures?limit=0', undefined, 400, 'query.limit'],
    ['GET', '/measures?colour=red', undefined, 400, 'query'],
    ['GET', '/measures/00000000-0000-0000-0000-000000000000', undefined, 404, null],
    [
      'POST',
      '/measures/00000000-0000-0000-0000-000000000000/progress-reports',
      { actor: 'x', note: 'y' },
      404,
      null,
    ],
    [
      'POST',
      '/measures/00000000-0000-0000-0000-000000000000/progress-reports',
      { actor: 'x' },
      400,
      'body.note',
    ],
    [
      'POST',
      '/measures/00000000-0000-0000-0000-000000000000/completion-claims',
      { actor: 'x', evidence: [] },
      400,
      'body.evidence',
    ],
    ['POST', '/plans', '{"formatVersion": 1,', 400, null],
    ['GET', '/plans/NO-SUCH-PLAN', undefined, 404, null],
  ])('%s %s → %i', async (method, path, body, status, field) => {
    const r = await rectify.request(method, path, body);
    expect(r.status).toBe(status);
    expect(typeof r.body.message).toBe('string');
    if (field) expect(r.body.details.map((d: { path: string }) => d.path).join(' ')).toContain(field);
  });

  it('reports database and Temporal as up on /health', async () => {
    const r = await rectify.request('GET', '/health');
    expect(r).toEqual({
      status: 200,
      body: { status: 'up', database: { status: 'up' }, temporal: { status: 'up' } },
    });
  });

  it('publishes its OpenAPI document at /docs', async () => {
    const r = await rectify.request('GET', '/docs/openapi.json');
    expect(r.status).toBe(200);
    expect(Object.keys(r.body.paths)).toEqual(
      expect.arrayContaining([
        '/plans',
        '/plans/{id}',
        '/measures',
        '/measures/{id}',
        '/measures/{id}/completion-claims',
        '/measures/{id}/verification',
        '/plans/{planId}/escalation-policy/preview',
        '/health',
      ]),
    );
  });
});
