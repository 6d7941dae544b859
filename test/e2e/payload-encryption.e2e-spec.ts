import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { randomBytes } from 'node:crypto';
import { parseConfig } from '../../libs/config/src/rectify-config';
import { MeasureEventEntity } from '../../libs/persistence/src/entities/measure-event.entity';
import { MeasureWorkflowGateway } from '../../libs/temporal/src/measure-workflow.gateway';
import { temporalDataConverter } from '../../libs/temporal/src/temporal-data-converter';
import { eventually } from '../support/eventually';
import { followPlan } from '../support/follow-plan';
import { aPlanDocument } from '../support/plan-fixtures';
import { RectifyHarness, startRectify, TestAccount } from '../support/rectify-harness';
import { devServerAddress } from '../support/temporal-test-env';
import { createTestDatabase, TestDatabase, testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';
import { WorkerProcesses } from '../support/worker-process';

type IPayload = temporal.api.common.v1.IPayload;
interface JsonPayload {
  metadata: Record<string, string>;
  data: string;
}

const KEY_A = `key-a:${randomBytes(32).toString('base64')}`;
const KEY_B = `key-b:${randomBytes(32).toString('base64')}`;
const UI_ORIGIN = 'https://temporal-ui.example.org';
const MEASURE_TITLE = '9月底前完成2.65万户危房改造';
const PLAN_TITLE = '甘肃省关于中央脱贫攻坚专项巡视反馈意见的整改方案';
const NOTE = '已完成临夏州8738户危房改造';

const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString();
const toJson = (p: IPayload): JsonPayload => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
  ),
  data: Buffer.from(p.data ?? []).toString('base64'),
});
const fromBase64 = (s: string) => Buffer.from(s, 'base64').toString();

// Every payload in a history, with where it is. Search attributes are indexed by the server,
// headers carry trace context and patch markers (`patched()`) hold a change id the SDK's core
// writes itself: none of them goes through a payload codec, so none is collected.
function payloadsIn(value: unknown, where = ''): { where: string; payload: IPayload }[] {
  if (!value || typeof value !== 'object' || ArrayBuffer.isView(value)) return [];
  const o = value as Record<string, unknown>;
  if (o.metadata && typeof o.metadata === 'object' && 'encoding' in (o.metadata as object))
    return [{ where, payload: o as IPayload }];
  return (
    Object.entries(o)
      .filter(([k]) => !['searchAttributes', 'header', 'patch-data'].includes(k))
      // A marker's `data` is the SDK core's own (a local activity's id, type, attempt and times),
      // written outside the codec like `patch-data`; the local activity's result is `result`.
      .filter(([k]) => !(k === 'data' && where.endsWith('.markerRecordedEventAttributes.details')))
      .flatMap(([k, v]) => payloadsIn(v, `${where}.${k}`))
  );
}

describe(`payload encryption and the codec endpoint (${testEngine()})`, () => {
  let rectify: RectifyHarness;
  // A client without the codec: what anyone who reaches Temporal's frontend port sees.
  let plain: Client;
  let office: TestAccount;
  let unit: TestAccount;
  let workflowId: string;
  let measureId: string;

  beforeAll(async () => {
    rectify = await startRectify({
      env: { RECTIFY_PAYLOAD_KEYS: KEY_A, RECTIFY_CODEC_CORS_ORIGIN: UI_ORIGIN },
    });
    plain = new Client({ connection: await Connection.connect({ address: devServerAddress() }) });
    office = await rectify.createUser('office');
    unit = await rectify.createUser('unit', { units: ['GS-HOUSING'] });
    const doc = aPlanDocument({ planCode: uniqueCode('GS'), due: '2031-06-30', measures: 1 });
    const imported = await rectify.request('POST', '/plans', doc);
    expect(imported.status).toBe(201);
    const list = await rectify.request('GET', `/measures?plan=${imported.body.planId}`);
    measureId = list.body.items[0].id;
    workflowId = `measure:${doc.plan.code}:P01-M1`;
  });
  afterAll(async () => {
    await plain?.connection.close();
    await rectify?.stop();
  });

  const history = async () => (await plain.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
  const keyIdsIn = async () =>
    new Set(
      (await history())
        .flatMap((e) => payloadsIn(e))
        .map((p) => text(p.payload.metadata?.['encryption-key-id'])),
    );

  it('keeps every input and result of a measure’s history encrypted, while the API reads and commands as before', async () => {
    const report = await unit.client.request('POST', `/measures/${measureId}/progress-reports`, {
      note: NOTE,
      indicators: [{ code: 'houses', current: 8738 }],
    });
    expect(report.status).toBe(200);
    expect(report.body.workflow.progressReports).toBe(1);
    const read = await rectify.request('GET', `/measures/${measureId}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ title: MEASURE_TITLE, workflow: { progressReports: 1 } });

    const events = await history();
    const found = events.flatMap((e) => payloadsIn(e));
    // The start input, activity inputs and results, the update's argument and its outcome.
    expect(found.length).toBeGreaterThanOrEqual(5);
    expect(
      found.filter((p) => p.where.includes('workflowExecutionStartedEventAttributes.input')),
    ).toHaveLength(1);
    expect(
      found.filter((p) => p.where.includes('workflowExecutionUpdateAcceptedEventAttributes')),
    ).not.toEqual([]);
    for (const { where, payload } of found) {
      expect({ where, encoding: text(payload.metadata?.encoding) }).toEqual({
        where,
        encoding: 'binary/encrypted',
      });
      expect(text(payload.metadata?.['encryption-key-id'])).toBe('key-a');
    }
    const raw = Buffer.from(temporal.api.history.v1.History.encode({ events }).finish());
    for (const secret of [MEASURE_TITLE, PLAN_TITLE, NOTE, '危房改造户数', '分管副省长'])
      expect({ secret, inHistory: raw.includes(Buffer.from(secret)) }).toEqual({ secret, inHistory: false });
  });

  it('decodes those payloads to the original JSON for the office, and refuses a unit (403) and anyone anonymous (401)', async () => {
    const started = (await history())[0].workflowExecutionStartedEventAttributes!.input!.payloads!;
    const body = { payloads: started.map(toJson) };
    const headers = { 'X-Namespace': 'default' };
    const decoded = await office.client.request('POST', '/codec/decode', body, headers);
    expect(decoded.status).toBe(200);
    expect(decoded.body.payloads).toHaveLength(1);
    const [payload] = decoded.body.payloads as JsonPayload[];
    expect(fromBase64(payload.metadata.encoding)).toBe('json/plain');
    expect(JSON.parse(fromBase64(payload.data))).toMatchObject({
      measureCode: 'P01-M1',
      title: MEASURE_TITLE,
      leadUnitCode: 'GS-HOUSING',
      leadLeader: '分管副省长',
    });

    const refused = await unit.client.request('POST', '/codec/decode', body, headers);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    const anonymous = await rectify.anonymous.request('POST', '/codec/decode', body, headers);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('UNAUTHENTICATED');
  });

  it('encodes under the current key what it decodes back, and serves its own namespace only', async () => {
    const json = {
      metadata: { encoding: Buffer.from('json/plain').toString('base64') },
      data: Buffer.from('{"a":"整改"}').toString('base64'),
    };
    const encoded = await office.client.request('POST', '/codec/encode', { payloads: [json] });
    expect(encoded.status).toBe(200);
    const [sealed] = encoded.body.payloads as JsonPayload[];
    expect(fromBase64(sealed.metadata.encoding)).toBe('binary/encrypted');
    expect(fromBase64(sealed.metadata['encryption-key-id'])).toBe('key-a');
    const back = await office.client.request('POST', '/codec/decode', { payloads: [sealed] });
    expect(back.body.payloads).toEqual([json]);

    const elsewhere = await office.client.request(
      'POST',
      '/codec/decode',
      { payloads: [sealed] },
      { 'X-Namespace': 'other' },
    );
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.details).toEqual([
      { path: 'headers.X-Namespace', message: 'this codec serves namespace default only' },
    ]);
    const malformed = await office.client.request('POST', '/codec/decode', {
      payloads: [{ data: 'not base64!' }],
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.details[0].path).toBe('body.payloads[0].data');

    // Who used the codec is in the audit log; what went through it is not.
    const audit = await rectify.request('GET', '/audit?limit=20');
    const rows = audit.body.items.filter((r: { path: string }) => r.path.startsWith('/codec/'));
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(JSON.stringify(rows)).not.toContain(json.data);
  });

  it('lets the Temporal Web UI’s origin call it with credentials, and no other origin', async () => {
    const preflight = (origin: string, route = '/codec/decode') =>
      rectify.anonymous.request('OPTIONS', route, undefined, {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,x-namespace',
      });
    const allowed = await preflight(UI_ORIGIN);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    expect(allowed.headers.get('access-control-allow-headers')).toBe(
      'Authorization,Content-Type,X-Namespace',
    );
    expect(
      (await preflight('https://elsewhere.example.com')).headers.get('access-control-allow-origin'),
    ).toBeNull();
    // The UI's origin reaches the codec, not the rest of the API.
    expect((await preflight(UI_ORIGIN, '/plans')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('reads what key A wrote after the keys become "B,A", writes new payloads under B, and names key A once it is gone', async () => {
    const started = (await history())[0].workflowExecutionStartedEventAttributes!.input!.payloads!;
    await rectify.restart({
      RECTIFY_PAYLOAD_KEYS: `${KEY_B},${KEY_A}`,
      RECTIFY_CODEC_CORS_ORIGIN: UI_ORIGIN,
    });
    // A new worker: the workflow is replayed from its history under key A before it answers.
    const read = await rectify.request('GET', `/measures/${measureId}`);
    expect(read.status).toBe(200);
    expect(read.body.workflow.progressReports).toBe(1);
    const again = await unit.client.request('POST', `/measures/${measureId}/progress-reports`, {
      note: '第二次调度',
    });
    expect(again.status).toBe(200);
    expect(again.body.workflow.progressReports).toBe(2);
    expect([...(await keyIdsIn())].sort()).toEqual(['key-a', 'key-b']);
    const old = await office.client.request('POST', '/codec/decode', { payloads: started.map(toJson) });
    expect(JSON.parse(fromBase64(old.body.payloads[0].data))).toMatchObject({ title: MEASURE_TITLE });

    await rectify.restart({ RECTIFY_PAYLOAD_KEYS: KEY_B });
    const unknown = await office.client.request('POST', '/codec/decode', { payloads: started.map(toJson) });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details).toEqual([
      {
        path: 'body.payloads[0]',
        message:
          'payload encrypted with key id "key-a", which is not configured (configured: key-b); add it to RECTIFY_PAYLOAD_KEYS after the current key',
      },
    ]);
  });
});

describe(`the codec endpoint without payload keys (${testEngine()})`, () => {
  let rectify: RectifyHarness;

  beforeAll(async () => {
    rectify = await startRectify();
  });
  afterAll(() => rectify?.stop());

  it('answers 404 PAYLOAD_CODEC_OFF, after checking who asks', async () => {
    const body = { payloads: [] };
    const off = await rectify.request('POST', '/codec/decode', body);
    expect(off.status).toBe(404);
    expect(off.body.code).toBe('PAYLOAD_CODEC_OFF');
    expect((await rectify.request('POST', '/codec/encode', body)).status).toBe(404);
    expect((await rectify.anonymous.request('POST', '/codec/decode', body)).status).toBe(401);
  });
});

// The worker app itself (apps/worker, built and started as a process) reads the keys from its
// environment: it runs a measure started by a client that encrypts, and encrypts what it writes.
describe(`the worker process with RECTIFY_PAYLOAD_KEYS (${testEngine()})`, () => {
  let db: TestDatabase;
  let plain: Client;
  let encrypting: Client;
  let workers: WorkerProcesses;
  const taskQueue = uniqueCode('codec');

  beforeAll(async () => {
    db = await createTestDatabase();
    plain = new Client({ connection: await Connection.connect({ address: devServerAddress() }) });
    encrypting = new Client({
      connection: await Connection.connect({ address: devServerAddress() }),
      dataConverter: temporalDataConverter(parseConfig({ RECTIFY_PAYLOAD_KEYS: KEY_A }).temporal),
    });
    workers = WorkerProcesses.build({ client: plain, namespace: 'default', taskQueue, db });
  });
  afterAll(async () => {
    workers?.stop();
    await plain?.connection.close();
    await encrypting?.connection.close();
    await db?.close();
  });

  it('runs an overdue measure’s ladder steps, its local activities recording them, with every payload encrypted', async () => {
    await workers.polling(workers.start('keys A', { RECTIFY_PAYLOAD_KEYS: KEY_A }));
    const due = new Date(Date.now() - 4 * 86_400_000).toISOString();
    const doc = aPlanDocument({ planCode: uniqueCode('GS'), due, measures: 1 });
    const gateway = new MeasureWorkflowGateway(encrypting, taskQueue, { searchAttributes: true });
    await followPlan(doc, db.dataSource, gateway);
    const workflowId = `measure:${doc.plan.code}:P01-M1`;
    await eventually(
      async () => {
        const kinds = (await db.dataSource.getRepository(MeasureEventEntity).find()).map((e) => e.kind);
        // Four days overdue: the ladder catches up to its supervision notice (T+3d) at once.
        expect(kinds).toContain('supervision_notice');
        // The workflow applies a step once its record is back from the activity: a moment after
        // the row is committed.
        expect(await gateway.state(workflowId)).toMatchObject({
          leadUnitCode: 'GS-HOUSING',
          leadLeader: '分管副省长',
          overdueLevel: 2,
        });
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    const { events } = await plain.workflow.getHandle(workflowId).fetchHistory();
    const found = (events ?? []).flatMap((e) => payloadsIn(e));
    // The steps' records are local activities: what they answered is in their markers.
    expect(found.some((p) => p.where.includes('markerRecordedEventAttributes.details.result'))).toBe(true);
    expect(new Set(found.map((p) => text(p.payload.metadata?.['encryption-key-id'])))).toEqual(
      new Set(['key-a']),
    );
  });
});
