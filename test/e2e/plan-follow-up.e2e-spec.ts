import SwaggerParser from '@apidevtools/swagger-parser';
import { tsToMs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { aPlanDocument } from '../support/plan-fixtures';
import { eventually } from '../support/eventually';
import { RectifyHarness, startRectify } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

// Real time on the dev server: a deadline a few seconds away, with PT-second policy offsets.
// `fromDueMs` is the offset in milliseconds, from which each step's fire time is computed.
const SECOND_LADDER = [
  { kind: 'reminder', offset: '-PT6S', fromDueMs: -6_000, level: 0 },
  { kind: 'reminder', offset: '-PT3S', fromDueMs: -3_000, level: 0 },
  { kind: 'overdue_notice', offset: 'PT0S', fromDueMs: 0, level: 1 },
];

interface ExpectedStep {
  readonly kind: string;
  readonly level: number;
  readonly fireAt: string;
  readonly catchUp: boolean;
}

// What the ladder must have recorded, given the time (server clock) at which the workflow first
// looked at it: every step due after that, once, at its own fire time; of the steps already due
// then (an import slower than the first offset), reminders are skipped and only the latest
// notice is recorded, once, as a catch-up. So a slow machine changes which case is checked,
// never whether the check is exact.
function expectedLadder(dueAt: string, lookedAtMs: number) {
  const steps = SECOND_LADDER.map((s) => ({ ...s, fireAtMs: Date.parse(dueAt) + s.fromDueMs }));
  const past = steps.filter((s) => s.fireAtMs <= lookedAtMs);
  const caughtUp = past.filter((s) => s.kind !== 'reminder').slice(-1);
  const step = (s: (typeof steps)[number], catchUp: boolean): ExpectedStep => ({
    kind: s.kind,
    level: s.level,
    fireAt: new Date(s.fireAtMs).toISOString(),
    catchUp,
  });
  return {
    recorded: [
      ...caughtUp.map((s) => step(s, true)),
      ...steps.filter((s) => s.fireAtMs > lookedAtMs).map((s) => step(s, false)),
    ],
    skipped: past.filter((s) => !caughtUp.includes(s)).map((s) => new Date(s.fireAtMs).toISOString()),
  };
}

// The workflow's clock in its first workflow task (what Date.now() reads there), from the
// server's history: the started time of the first workflow task that completed.
async function firstLookAt(rectify: RectifyHarness, workflowId: string): Promise<number> {
  const { events } = await rectify.temporal.workflow.getHandle(workflowId).fetchHistory();
  const { EVENT_TYPE_WORKFLOW_TASK_STARTED: STARTED, EVENT_TYPE_WORKFLOW_TASK_COMPLETED: COMPLETED } =
    temporal.api.enums.v1.EventType;
  const completed = (events ?? []).findIndex((e) => e.eventType === COMPLETED);
  const started = (events ?? []).slice(0, completed).filter((e) => e.eventType === STARTED);
  if (completed < 0 || !started.length) throw new Error(`${workflowId} has not completed a workflow task`);
  return tsToMs(started[started.length - 1].eventTime);
}

type Detail = { catchUp?: boolean; [field: string]: unknown };

describe(`following a plan through the HTTP API (${testEngine()})`, () => {
  let rectify: RectifyHarness;

  beforeAll(async () => {
    rectify = await startRectify();
  });
  afterAll(() => rectify?.stop());

  it('imports a plan, sends its reminders and overdue notice in real time, and records a claim and its sign-off', async () => {
    // The local clock only picks a deadline near enough to watch; no expectation below uses it.
    const due = new Date(Date.now() + 9_000).toISOString();
    const steps = SECOND_LADDER.map(({ kind, offset }) => ({ kind, offset }));
    const doc = aPlanDocument({ planCode: uniqueCode('GS'), due, steps });
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

    // The overdue notice is the ladder's last step, recorded however slow the import was; wait
    // until both the record and the workflow's own state (updated just after) show it.
    const measure = await eventually(
      async () => {
        const r = await rectify.request('GET', `/measures/${id}`);
        expect(r.body.events.map((e: { kind: string }) => e.kind)).toContain('overdue_notice');
        expect(r.body.workflow?.firedSteps.map((f: { kind: string }) => f.kind)).toContain('overdue_notice');
        return r.body;
      },
      { timeoutMs: 120_000 },
    );
    const expected = expectedLadder(due, await firstLookAt(rectify, measure.workflowId));
    // The ladder's steps; the light (亮灯) turns red with the overdue notice, recorded by the loop
    // just after it and told by it (measure-lights.e2e-spec follows the light).
    const ladder = measure.events.filter((e: { kind: string }) => e.kind !== 'light_changed');
    // Each step recorded exactly once, at its scheduled time (deadline + offset), not when it ran.
    expect(
      ladder.map((e: { kind: string; level: number; occurredAt: string; detail: Detail }) => ({
        kind: e.kind,
        level: e.level,
        fireAt: e.occurredAt,
        catchUp: e.detail.catchUp ?? false,
      })),
    ).toEqual(expected.recorded);
    for (const e of ladder)
      expect(e.detail).toMatchObject({ target: 'final', deadline: due, addressee: 'GS-HOUSING' });
    // One notification for each recorded step, and none of the light's own: a step told it.
    expect(measure.notifications.map((n: { subject: string }) => n.subject).sort()).toEqual(
      expected.recorded.map((s) => `${s.kind} (final due ${due})`).sort(),
    );
    // The workflow's own account agrees, and no step fired before its time by the workflow's clock.
    const fired: { kind: string; level: number; fireAt: string; firedAt: string; catchUp: boolean }[] =
      measure.workflow.firedSteps;
    expect(fired.map(({ kind, level, fireAt, catchUp }) => ({ kind, level, fireAt, catchUp }))).toEqual(
      expected.recorded,
    );
    for (const f of fired) expect(Date.parse(f.firedAt)).toBeGreaterThanOrEqual(Date.parse(f.fireAt));
    expect(measure.workflow.skippedSteps.map((s: { fireAt: string }) => s.fireAt)).toEqual(expected.skipped);
    expect(measure.overdueLevel).toBe(1);
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
    // Still each ladder step once: nothing was recorded again after the wait. The light turned red
    // once, at the deadline, told by the overdue notice (no notice of its own, counted above); the
    // loop records it just after the step, so a claim sent at once may come between them.
    const kinds: string[] = after.body.events.map((e: { kind: string }) => e.kind);
    expect(kinds.filter((k) => k !== 'light_changed')).toEqual([
      ...expected.recorded.map((s) => s.kind),
      'completion_claimed',
      'verified',
    ]);
    expect(
      after.body.events
        .filter((e: { kind: string }) => e.kind === 'light_changed')
        .map((e: { detail: Detail }) => e.detail),
    ).toEqual([expect.objectContaining({ from: 'yellow', to: 'red', toldBy: 'overdue_notice' })]);
    expect(kinds.indexOf('light_changed')).toBeGreaterThan(kinds.indexOf('overdue_notice'));
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

  // [method, path, status, body, field named in the details]
  it.each([
    ['GET', '/measures?status=finished', 400, undefined, 'query.status'],
    ['GET', '/measures?limit=0', 400, undefined, 'query.limit'],
    ['GET', '/measures?colour=red', 400, undefined, 'query'],
    ['GET', '/measures/00000000-0000-0000-0000-000000000000', 404, undefined, null],
    [
      'POST',
      '/measures/00000000-0000-0000-0000-000000000000/progress-reports',
      404,
      { actor: 'x', note: 'y' },
      null,
    ],
    [
      'POST',
      '/measures/00000000-0000-0000-0000-000000000000/progress-reports',
      400,
      { actor: 'x' },
      'body.note',
    ],
    [
      'POST',
      '/measures/00000000-0000-0000-0000-000000000000/completion-claims',
      400,
      { actor: 'x', evidence: [] },
      'body.evidence',
    ],
    ['POST', '/plans', 400, '{"formatVersion": 1,', null],
    ['GET', '/plans/NO-SUCH-PLAN', 404, undefined, null],
  ])('%s %s → %i', async (method, path, status, body, field) => {
    const r = await rectify.request(method, path, body);
    expect(r.status).toBe(status);
    expect(typeof r.body.message).toBe('string');
    if (field) expect(r.body.details.map((d: { path: string }) => d.path).join(' ')).toContain(field);
  });

  it('reports database and Temporal as up on /health', async () => {
    const r = await rectify.request('GET', '/health');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, temporal: { status: 'up' } },
      error: {},
    });
  });

  it('publishes an OpenAPI document that validates against the OpenAPI 3 schema', async () => {
    const r = await rectify.request('GET', '/docs/openapi.json');
    expect(r.status).toBe(200);
    // validate() dereferences the document in place: it gets a copy.
    await expect(SwaggerParser.validate(structuredClone(r.body))).resolves.toMatchObject({
      openapi: r.body.openapi,
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
