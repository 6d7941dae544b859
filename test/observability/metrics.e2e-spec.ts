import { Registry } from 'prom-client';
import { MeasureActivities } from '../../activities/measure.activities';
import { parseConfig } from '../../libs/config/src/rectify-config';
import { LadderMetrics } from '../../libs/observability/src/ladder-metrics';
import { MeasureEventEntity } from '../../libs/persistence/src/entities/measure-event.entity';
import { MeasureEventRepository } from '../../libs/persistence/src/repositories/measure-event.repository';
import { MeasureRepository } from '../../libs/persistence/src/repositories/measure.repository';
import { eventually } from '../support/eventually';
import { sample } from '../support/prometheus-sample';
import { aPlanDocument } from '../support/plan-fixtures';
import { ApiReplica, startApiReplica } from '../support/api-replica';
import { client, RectifyHarness, startRectify } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

const LADDER_KINDS = ['reminder', 'overdue_notice'];

// One installation for the file; the metrics settings of the API (a token, turned off) are
// API replicas of it, their settings parsed from the variables as a deployment's are.
let rectify: RectifyHarness;
const workerRegistry = new Registry();
beforeAll(async () => {
  rectify = await startRectify({ ladderMetrics: new LadderMetrics(workerRegistry) });
});
afterAll(() => rectify?.stop());

// An API replica with the harness's configuration and the metrics settings of `env`.
async function replicaWith(env: Record<string, string>): Promise<ApiReplica> {
  const { metrics } = parseConfig(env).observability;
  return startApiReplica(rectify, {
    config: { ...rectify.config, observability: { ...rectify.config.observability, metrics } },
  });
}

describe(`metrics (${testEngine()})`, () => {
  it('exposes request durations, imports, open measures and deliveries on the API, publicly', async () => {
    const doc = aPlanDocument({ planCode: uniqueCode('GS'), due: '2030-06-30', measures: 3 });
    expect((await rectify.request('POST', '/plans', doc)).status).toBe(201);
    expect((await rectify.request('POST', '/plans', doc)).status).toBe(200);
    expect((await rectify.request('POST', '/plans', { formatVersion: 1 })).status).toBe(400);

    const r = await rectify.anonymous.request('GET', '/metrics');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/plain;.* version=0\.0\.4/);
    const text = (r.body as Buffer).toString('utf8');
    expect(sample(text, 'rectify_plan_imports_total', { outcome: 'created' })).toBe(1);
    expect(sample(text, 'rectify_plan_imports_total', { outcome: 'unchanged' })).toBe(1);
    expect(sample(text, 'rectify_plan_imports_total', { outcome: 'refused' })).toBe(1);
    expect(sample(text, 'rectify_plan_imports_total', { outcome: 'updated' })).toBe(0);
    // By route template and status, the scrape itself not yet counted.
    expect(
      sample(text, 'rectify_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/plans',
        status: '201',
      }),
    ).toBe(1);
    expect(
      sample(text, 'rectify_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/plans',
        status: '400',
      }),
    ).toBe(1);
    // Read from the read model at scrape time: the three measures, all assigned, none overdue.
    expect(sample(text, 'rectify_measures_open', { status: 'assigned' })).toBe(3);
    expect(sample(text, 'rectify_measures_open', { status: 'in_progress' })).toBe(0);
    expect(sample(text, 'rectify_measures_open', { status: 'completion_claimed' })).toBe(0);
    expect(sample(text, 'rectify_measures_open_by_level', { level: '0' })).toBe(3);
    expect(sample(text, 'rectify_measures_open_by_level', { level: '4' })).toBe(0);
    for (const state of ['queued', 'sent', 'failed', 'dead', 'read', 'unaddressed'])
      expect(sample(text, 'rectify_notification_deliveries', { channel: 'email', state })).toBe(0);
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('nodejs_heap_size_used_bytes');

    const second = (await rectify.anonymous.request('GET', '/metrics')).body.toString('utf8');
    expect(
      sample(second, 'rectify_http_request_duration_seconds_count', {
        method: 'GET',
        route: '/metrics',
        status: '200',
      }),
    ).toBe(1);
  });

  it('counts each ladder step once, with its lateness from due to recorded time', async () => {
    const steps = [
      { kind: 'reminder', offset: '-PT3S' },
      { kind: 'overdue_notice', offset: 'PT0S' },
    ];
    // The local clock only picks a deadline near enough to watch; the check below reads the
    // times the read model recorded.
    const due = new Date(Date.now() + 6_000).toISOString();
    const doc = aPlanDocument({ planCode: uniqueCode('GS'), due, steps, measures: 1 });
    const imported = await rectify.request('POST', '/plans', doc);
    expect(imported.status).toBe(201);
    const list = await rectify.request('GET', `/measures?plan=${imported.body.planId}`);
    const measureId: string = list.body.items[0].id;
    const measure = await eventually(
      async () => {
        const m = await rectify.request('GET', `/measures/${measureId}`);
        expect(m.body.events.map((e: { kind: string }) => e.kind)).toContain('overdue_notice');
        return m.body;
      },
      { timeoutMs: 120_000 },
    );

    const events = await rectify.db.dataSource
      .getRepository(MeasureEventEntity)
      .find({ where: { measureId } });
    const ladder = events.filter((e) => LADDER_KINDS.includes(e.kind));
    const text = await workerRegistry.metrics();
    for (const kind of LADDER_KINDS) {
      const of = ladder.filter((e) => e.kind === kind);
      const lateness = of.reduce((s, e) => s + (e.recordedAt.getTime() - e.occurredAt.getTime()) / 1_000, 0);
      expect({ kind, count: sample(text, 'rectify_ladder_step_lateness_seconds_count', { kind }) }).toEqual({
        kind,
        count: of.length,
      });
      expect(sample(text, 'rectify_ladder_step_lateness_seconds_sum', { kind })).toBeCloseTo(lateness, 3);
    }
    const overdue = ladder.filter((e) => e.kind === 'overdue_notice');
    expect(overdue).toHaveLength(1);
    expect(sample(text, 'rectify_ladder_steps_total', { kind: 'overdue_notice', level: '1' })).toBe(1);

    // The same step recorded again, as a retried activity would: found, not counted again.
    const again = new Registry();
    const activities = new MeasureActivities(
      new MeasureEventRepository(rectify.db.dataSource),
      new MeasureRepository(rectify.db.dataSource),
      { ladderMetrics: new LadderMetrics(again) },
    );
    const retry = {
      workflowId: measure.workflowId,
      idempotencyKey: overdue[0].idempotencyKey,
      kind: 'overdue_notice',
      level: 1,
      occurredAt: overdue[0].occurredAt.toISOString(),
      actor: 'system',
      detail: {},
      effects: {},
      notify: [],
      hashApproved: false,
    };
    expect(await activities.recordMeasureEvent(retry)).toMatchObject({ recorded: false });
    // (a histogram has no series for a label set it never observed)
    expect(await again.metrics()).not.toContain('rectify_ladder_step_lateness_seconds_count{');
    // A step not recorded before counts.
    const fresh = await activities.recordMeasureEvent({
      ...retry,
      idempotencyKey: `${retry.idempotencyKey}:metrics-test`,
      kind: 'supervision_notice',
      level: 2,
    });
    expect(fresh).toMatchObject({ recorded: true });
    expect(
      sample(await again.metrics(), 'rectify_ladder_steps_total', { kind: 'supervision_notice', level: '2' }),
    ).toBe(1);
  });
  it('counts accountability cases by status, open ones by whether they are late', async () => {
    const { body } = await rectify.request('GET', '/measures?limit=1');
    const opened = await rectify.request('POST', '/cases', {
      measureId: body.items[0].id,
      reason: '整改敷衍',
    });
    expect(opened.status).toBe(201);
    const text = (await rectify.anonymous.request('GET', '/metrics')).body.toString('utf8');
    expect(sample(text, 'rectify_accountability_cases', { status: 'open', overdue: 'false' })).toBe(1);
    expect(sample(text, 'rectify_accountability_cases', { status: 'open', overdue: 'true' })).toBe(0);
    expect(sample(text, 'rectify_accountability_cases', { status: 'concluded', overdue: 'false' })).toBe(0);
  });
});

describe(`metrics behind a token, and turned off (${testEngine()})`, () => {
  const adminToken = async (): Promise<string> =>
    (await rectify.anonymous.request('POST', '/auth/login', rectify.admin)).body.accessToken;

  it('answers only the configured bearer token', async () => {
    const token = 'metrics-token-0123456789';
    const api = await replicaWith({ RECTIFY_METRICS_TOKEN: token });
    try {
      const as = (bearer: string) => client(api.url, async () => bearer);
      expect((await api.anonymous.request('GET', '/metrics')).status).toBe(401);
      expect((await as('metrics-token-wrong-00000').request('GET', '/metrics')).status).toBe(401);
      // An admin's access token is not the metrics token either.
      expect((await as(await adminToken()).request('GET', '/metrics')).status).toBe(401);
      const ok = await as(token).request('GET', '/metrics');
      expect(ok.status).toBe(200);
      expect(ok.body.toString('utf8')).toContain('rectify_measures_open');
    } finally {
      await api.stop();
    }
  });

  it('has no /metrics route with RECTIFY_METRICS_ENABLED=false', async () => {
    const api = await replicaWith({ RECTIFY_METRICS_ENABLED: 'false' });
    try {
      expect((await api.anonymous.request('GET', '/metrics')).status).toBe(404);
      const admin = client(api.url, adminToken);
      expect((await admin.request('GET', '/metrics')).status).toBe(404);
    } finally {
      await api.stop();
    }
  });
});
