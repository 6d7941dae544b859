import { aPlanDocument } from '../support/plan-fixtures';
import { HttpAnswer, RectifyHarness, startRectify, TestAccount } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

// Each client address may submit 5 an hour: within this test, never a sixth.
const BURST = 5;

describe(`public feedback (意见建议) (${testEngine()})`, () => {
  let rectify: RectifyHarness;
  let office: TestAccount;
  let measureId: string;
  let address = 0;
  // A fresh client address per call unless one is given.
  const submit = (body: unknown, from = `10.50.0.${++address}`) =>
    rectify.anonymous.request('POST', '/feedback', body, { 'x-forwarded-for': from });

  beforeAll(async () => {
    rectify = await startRectify({
      env: { RECTIFY_THROTTLE_FEEDBACK_LIMIT: String(BURST), RECTIFY_THROTTLE_FEEDBACK_TTL: 'PT1H' },
    });
    office = await rectify.createUser('office');
    const imported = await rectify.request('POST', '/plans', aPlanDocument({ planCode: uniqueCode('FB') }));
    measureId = (await rectify.request('GET', `/measures?plan=${imported.body.planId}`)).body.items[0].id;
  });
  afterAll(() => rectify?.stop());

  it('takes feedback without an account and hands back a tracking code to follow it', async () => {
    const r = await submit({ message: '某村危房改造名单与实际不符', contact: '139xxxx0000' });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({
      trackingCode: expect.stringMatching(/^FB(-[A-Z2-9]{5}){4}$/),
      status: 'received',
      receivedAt: expect.any(String),
    });
    const tracked = await rectify.anonymous.request('GET', `/feedback/${r.body.trackingCode.toLowerCase()}`);
    expect(tracked.body).toEqual({
      status: 'received',
      receivedAt: r.body.receivedAt,
      triagedAt: null,
      forwardedTo: null,
      dismissReason: null,
    });
    expect((await rectify.anonymous.request('GET', '/feedback/FB-AAAAA-AAAAA-AAAAA-AAAAA')).status).toBe(404);
  });

  it('sends a signed-off measure back to verification when the office upholds feedback on it', async () => {
    const doc = aPlanDocument({ planCode: uniqueCode('FB'), measures: 1 });
    const imported = await rectify.request('POST', '/plans', doc);
    const id = (await rectify.request('GET', `/measures?plan=${imported.body.planId}`)).body.items[0].id;
    await rectify.request('POST', `/measures/${id}/completion-claims`, {
      evidence: [{ kind: 'photo', description: '改造后住房照片' }],
      indicators: [{ code: 'houses', current: 26_500 }],
    });
    await rectify.request('POST', `/measures/${id}/verification`, { decision: 'accept' });
    await submit({ message: '某户危房改造后仍无法居住' });
    const queue = await office.client.request('GET', '/feedback?status=received');
    const item = queue.body.items.find((f: { message: string }) => f.message === '某户危房改造后仍无法居住');
    const triaged = await office.client.request('POST', `/feedback/${item.id}/triage`, {
      measureId: id,
      upheld: true,
    });
    expect(triaged.body).toMatchObject({ status: 'forwarded', measureId: id });
    const m = await rectify.request('GET', `/measures/${id}`);
    expect(m.body).toMatchObject({
      status: 'completion_claimed',
      workflow: { claim: { flags: ['material_change:feedback_upheld'] } },
    });
    // The reopened measure is overdue, so its light turns red too; the loop records that after
    // the command, at a moment of its own, so the light's event is left out of the order.
    const told = m.body.events.filter((e: { kind: string }) => e.kind !== 'light_changed');
    expect(told.at(-1)).toMatchObject({
      kind: 'material_change',
      detail: { kind: 'feedback_upheld' },
    });
  });

  it('lets the office forward feedback to a measure, once; the submitter sees where it went', async () => {
    const { trackingCode } = (await submit({ message: '建议公开危房改造补助标准' })).body;
    const queue = await office.client.request('GET', '/feedback?status=received');
    const item = queue.body.items.find((f: { message: string }) => f.message === '建议公开危房改造补助标准');
    expect(item).toMatchObject({ status: 'received', contact: null, measureId: null });
    const triaged = await office.client.request('POST', `/feedback/${item.id}/triage`, { measureId });
    expect(triaged.status).toBe(200);
    expect(triaged.body).toMatchObject({ status: 'forwarded', measureId });
    const tracked = await rectify.anonymous.request('GET', `/feedback/${trackingCode}`);
    expect(tracked.body).toMatchObject({
      status: 'forwarded',
      forwardedTo: { measureCode: 'P01-M1' },
      triagedAt: expect.any(String),
    });
    const again = await office.client.request('POST', `/feedback/${item.id}/triage`, {
      dismissReason: '重复',
    });
    expect(again.status).toBe(409);
  });

  it('lets the office dismiss feedback with a reason the submitter reads', async () => {
    const { trackingCode } = (await submit({ message: '与整改无关的咨询' })).body;
    const item = (await office.client.request('GET', '/feedback?status=received')).body.items.find(
      (f: { message: string }) => f.message === '与整改无关的咨询',
    );
    await office.client.request('POST', `/feedback/${item.id}/triage`, {
      dismissReason: '不属于本次整改范围，已转有关部门',
    });
    expect((await rectify.anonymous.request('GET', `/feedback/${trackingCode}`)).body).toMatchObject({
      status: 'dismissed',
      dismissReason: '不属于本次整改范围，已转有关部门',
    });
  });

  it.each<[string, unknown, number, string]>([
    ['an empty message', { message: '   ' }, 400, 'body.message'],
    ['a message over 5,000 characters', { message: '字'.repeat(5_001) }, 400, 'body.message'],
    ['an unknown field', { message: 'ok', name: '张三' }, 400, 'body'],
  ])('refuses %s', async (_label, body, status, field) => {
    const r = await submit(body);
    expect(r.status).toBe(status);
    expect(r.body.details.map((d: { path: string }) => d.path).join(' ')).toContain(field);
  });

  it('refuses a body over 64 KB before parsing it', async () => {
    const r = await submit({ message: 'x'.repeat(70_000) });
    expect(r).toEqual({ status: 413, body: expect.objectContaining({ code: 'PAYLOAD_TOO_LARGE' }) });
  });

  it.each<[string, unknown]>([
    ['neither a measure nor a reason', {}],
    [
      'both a measure and a reason',
      { measureId: '00000000-0000-0000-0000-000000000000', dismissReason: 'x' },
    ],
  ])('refuses a triage with %s', async (_label, body) => {
    const item = (await office.client.request('GET', '/feedback?status=received')).body.items[0];
    expect((await office.client.request('POST', `/feedback/${item.id}/triage`, body)).status).toBe(400);
  });

  it('withstands a flood: over the limit it answers 429, and every submission it accepted is stored', async () => {
    const before = (await office.client.request('GET', '/feedback?limit=1')).body.total;
    const clients = 30;
    const perClient = 10;
    const answers: { message: string; answer: HttpAnswer }[] = [];
    // 300 submissions, 20 in flight at a time, interleaving the clients.
    const jobs = Array.from({ length: clients * perClient }, (_, i) => ({
      from: `10.60.${Math.floor(i % clients)}.1`,
      message: `群众意见 #${i}`,
    }));
    for (let i = 0; i < jobs.length; i += 20) {
      const batch = jobs.slice(i, i + 20);
      const done = await Promise.all(batch.map((j) => submit({ message: j.message }, j.from)));
      done.forEach((answer, k) => answers.push({ message: batch[k].message, answer }));
    }
    const accepted = answers.filter((a) => a.answer.status === 201);
    const limited = answers.filter((a) => a.answer.status === 429);
    expect(accepted).toHaveLength(clients * BURST);
    expect(limited).toHaveLength(clients * (perClient - BURST));
    for (const l of limited) {
      expect(l.answer.body.code).toBe('RATE_LIMITED');
      expect(Number(l.answer.headers.get('retry-after'))).toBeGreaterThan(0);
    }

    const stored = (await office.client.request('GET', '/feedback?limit=500&offset=0')).body;
    expect(stored.total).toBe(before + accepted.length);
    const storedMessages = new Set(stored.items.map((f: { message: string }) => f.message));
    for (const a of accepted) expect(storedMessages.has(a.message)).toBe(true);
    for (const l of limited) expect(storedMessages.has(l.message)).toBe(false);
    const tracked = await Promise.all(
      accepted
        .slice(0, 25)
        .map((a) => rectify.anonymous.request('GET', `/feedback/${a.answer.body.trackingCode}`)),
    );
    expect(tracked.map((t) => t.status)).toEqual(Array(25).fill(200));
    expect((await rectify.request('GET', '/audit/verify')).body).toMatchObject({ ok: true });
  });
});
