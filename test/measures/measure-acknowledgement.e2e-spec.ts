// 签收 over HTTP on the real servers, in real time with PT-second limits: the short ladder of an
// unacknowledged measure, a return that reaches the office and a reassignment that delivers
// anew, and every refusal with its exact status and nothing written. Times are read from what
// the servers recorded (and the API's Date header), never from the test's clock.
import { Workbook } from 'exceljs';
import { aPlanDocument } from '../support/plan-fixtures';
import { eventually } from '../support/eventually';
import { RectifyClient, RectifyHarness, startRectify } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

type Event = { kind: string; occurredAt: string; actor: string; detail: Record<string, unknown> };
type Notice = { addresseeKind: string; addressee: string; subject: string };

describe(`签收 (acknowledgement) over HTTP (${testEngine()})`, () => {
  let rectify: RectifyHarness;
  // Lead unit of P01-M1 (GS-HOUSING) and of P01-M2 (GS-POVERTY); LINXIA co-operates on P01-M1 and
  // sits below GS-POVERTY, which therefore sees P01-M1 too.
  let housing: RectifyClient;
  let poverty: RectifyClient;
  let linxia: RectifyClient;
  let elsewhere: RectifyClient;
  let office: RectifyClient;
  let verifier: RectifyClient;
  let housingContact: RectifyClient;

  beforeAll(async () => {
    rectify = await startRectify();
    const unit = async (code: string) => (await rectify.createUser('unit', { units: [code] })).client;
    [housing, poverty, linxia, elsewhere] = await Promise.all(
      ['GS-HOUSING', 'GS-POVERTY', 'LINXIA', 'TIANSHUI'].map(unit),
    );
    const desk = await rectify.createUser('office');
    office = desk.client;
    verifier = (await rectify.createUser('verifier', { units: ['GS-HOUSING'] })).client;
    // Who is told: GS-HOUSING's contact and the office's duty officer, each with an inbox.
    const contact = await rectify.createUser('unit', { units: ['GS-HOUSING'] });
    housingContact = contact.client;
    for (const body of [
      { name: '住建厅联络员', userId: contact.id, unitCodes: ['GS-HOUSING'], duties: ['unit_contact'] },
      { name: '整改办值班员', userId: desk.id, duties: ['office'] },
    ])
      expect((await rectify.request('POST', '/persons', body)).status).toBe(201);
  });
  afterAll(() => rectify?.stop());

  // A plan due far away whose policy asks for 签收 as given (none: null); ids by measure code.
  async function importPlan(acknowledgement: Record<string, unknown> | null) {
    const doc = aPlanDocument({ planCode: uniqueCode('GS'), due: '2031-06-30', measures: 2 });
    Object.assign(doc.plan, {
      escalationPolicy: {
        version: 'ack-e2e-1',
        steps: [{ kind: 'overdue_notice', offset: 'PT0S' }],
        ...(acknowledgement ? { acknowledgement } : {}),
      },
    });
    const r = await rectify.request('POST', '/plans', doc);
    expect(r.status).toBe(201);
    const list = await rectify.request('GET', `/measures?plan=${r.body.planId}&sort=code:asc`);
    const [m1, m2] = list.body.items.map((m: { id: string }) => m.id) as string[];
    return { planId: r.body.planId as string, planCode: doc.plan.code, m1, m2 };
  }

  async function detail(id: string) {
    const r = await rectify.request('GET', `/measures/${id}`);
    expect(r.status).toBe(200);
    return r.body as {
      events: Event[];
      notifications: Notice[];
      acknowledgement: string | null;
      acknowledgeBy: string | null;
      workflow: { acknowledgement: Record<string, unknown> | null };
    };
  }

  // Delivery number `n`, once it is recorded and the workflow, which applies its own state after
  // the record, takes answers to it (until then a 签收 is refused: "being delivered").
  const delivered = (id: string, n = 1) =>
    eventually(async () => {
      const d = await detail(id);
      const e = d.events.filter((x) => x.kind === 'assignment_delivered')[n - 1];
      expect(e).toBeDefined();
      expect(d.workflow.acknowledgement).toMatchObject({ delivery: n, announced: true });
      return e!;
    });

  it('reminds and escalates an unacknowledged measure on its short ladder while an acknowledged one is left alone', async () => {
    const { planId, planCode, m1, m2 } = await importPlan({
      within: 'PT6S',
      steps: [
        { kind: 'acknowledgement_reminder', offset: 'PT0S' },
        { kind: 'acknowledgement_overdue', offset: 'PT2S' },
      ],
    });
    const pending = await eventually(async () => {
      const r = await rectify.request('GET', `/measures?plan=${planId}&acknowledgement=pending`);
      expect(r.body.total).toBe(2);
      return r.body.items;
    });
    const d1 = await delivered(m1);
    const by1 = Date.parse(String(d1.detail.acknowledgeBy));
    expect(by1).toBe(Date.parse(d1.occurredAt) + 6_000);
    expect(pending.find((m: { id: string }) => m.id === m1)).toMatchObject({
      acknowledgement: 'pending',
      acknowledgeBy: d1.detail.acknowledgeBy,
    });
    const exported = await rectify.request(
      'GET',
      `/measures/export.xlsx?plan=${planId}&acknowledgement=pending`,
    );
    const wb = new Workbook();
    await wb.xlsx.load(exported.body as never);
    const sheet = wb.worksheets[0];
    expect([sheet.getRow(1).getCell(15).value, sheet.getRow(2).getCell(15).value, sheet.rowCount]).toEqual([
      '签收',
      '待签收',
      3,
    ]);

    const signed = await poverty.request('POST', `/measures/${m2}/acknowledgement`, {});
    expect(signed.status).toBe(200);
    expect(signed.body.workflow.acknowledgement).toMatchObject({
      status: 'acknowledged',
      unitCode: 'GS-POVERTY',
    });
    const d2 = await delivered(m2);
    const by2 = Date.parse(String(d2.detail.acknowledgeBy));

    const late = await eventually(
      async () => {
        const d = await detail(m1);
        expect(d.events.map((e) => e.kind)).toContain('acknowledgement_overdue');
        return d;
      },
      { timeoutMs: 120_000 },
    );
    expect(late.events.map((e) => [e.kind, e.occurredAt])).toEqual([
      ['assignment_delivered', d1.occurredAt],
      ['acknowledgement_reminder', new Date(by1).toISOString()],
      ['acknowledgement_overdue', new Date(by1 + 2_000).toISOString()],
    ]);
    expect(late.notifications.map((n) => [n.addresseeKind, n.addressee])).toEqual([
      ['unit', 'GS-HOUSING'],
      ['unit', 'GS-HOUSING'],
      ['leader', '分管副省长'],
      ['office', planCode],
    ]);
    expect(late).toMatchObject({
      acknowledgement: 'pending',
      workflow: { acknowledgement: { status: 'pending' } },
    });
    // The notices reach people through the same deliveries as the main ladder's: the unit's
    // contact and the office's duty officer find them in their inboxes.
    const inbox = async (c: RectifyClient) =>
      ((await c.request('GET', '/me/inbox')).body.items as { kind: string }[]).map((i) => i.kind);
    await eventually(async () => {
      expect((await inbox(housingContact)).sort()).toEqual([
        'acknowledgement_reminder',
        'assignment_delivered',
      ]);
      expect(await inbox(office)).toEqual(['acknowledgement_overdue']);
    });

    // Until the servers' clock is past where M2's escalation would have been, M2 must stay quiet.
    await eventually(async () => {
      const r = await rectify.request('GET', `/measures/${m2}`);
      expect(Date.parse(r.headers.get('date')!)).toBeGreaterThan(by2 + 3_000);
    });
    const quiet = await detail(m2);
    // On a machine slow enough to acknowledge after a step's time, that step fired before: the
    // claim is that nothing fires after the acknowledgement (normally: nothing at all).
    const ackAt = Date.parse(quiet.events.find((e) => e.kind === 'assignment_acknowledged')!.occurredAt);
    expect(quiet.events.map((e) => e.kind)).toEqual([
      'assignment_delivered',
      ...(by2 <= ackAt ? ['acknowledgement_reminder'] : []),
      ...(by2 + 2_000 <= ackAt ? ['acknowledgement_overdue'] : []),
      'assignment_acknowledged',
    ]);
    expect(quiet.events.at(-1)!.detail).toMatchObject({
      acknowledgeBy: d2.detail.acknowledgeBy,
      late: ackAt > by2,
      tookMs: ackAt - Date.parse(d2.occurredAt),
    });
    expect(quiet.acknowledgement).toBe('acknowledged');
    const acknowledged = await rectify.request(
      'GET',
      `/measures?plan=${planId}&acknowledgement=acknowledged`,
    );
    expect(acknowledged.body.items.map((m: { id: string }) => m.id)).toEqual([m2]);
  });

  it('takes a return to the office, and a reassignment restarts 签收 for the new unit', async () => {
    const { planId, planCode, m1 } = await importPlan({ within: 'PT1H' });
    await delivered(m1);
    const returned = await housing.request('POST', `/measures/${m1}/assignment-return`, {
      reason: '属省扶贫办职责',
    });
    expect(returned.status).toBe(200);
    expect(returned.body.workflow.acknowledgement).toMatchObject({ status: 'returned' });
    const d = await detail(m1);
    expect(d.events.at(-1)).toMatchObject({
      kind: 'assignment_returned',
      actor: expect.stringMatching(/^unit:user:/),
      detail: { reason: '属省扶贫办职责', unitCode: 'GS-HOUSING', delivery: 1 },
    });
    expect(d.notifications.at(-1)).toMatchObject({
      addresseeKind: 'office',
      addressee: planCode,
      subject: 'assignment returned (退回) by GS-HOUSING: reassign or confirm it',
    });
    // It reaches the office's duty officer.
    await eventually(async () => {
      const items = (await office.request('GET', '/me/inbox')).body.items as { kind: string }[];
      expect(items.map((i) => i.kind)).toContain('assignment_returned');
    });
    const listed = await office.request('GET', `/measures?plan=${planId}&acknowledgement=returned`);
    expect(listed.body.items.map((m: { id: string }) => m.id)).toEqual([m1]);

    const moved = await office.request('POST', `/measures/${m1}/reassignment`, {
      leadUnitCode: 'GS-POVERTY',
      reason: '按退回意见调整',
    });
    expect(moved.status).toBe(200);
    expect(moved.body.workflow.acknowledgement).toMatchObject({
      status: 'pending',
      unitCode: 'GS-POVERTY',
      delivery: 2,
    });
    // The unit that returned it no longer reaches the measure; the new one signs for it.
    expect((await housing.request('POST', `/measures/${m1}/acknowledgement`, {})).status).toBe(404);
    await delivered(m1, 2);
    const signed = await poverty.request('POST', `/measures/${m1}/acknowledgement`, {});
    expect(signed.status).toBe(200);
    const after = await detail(m1);
    expect(after.events.map((e) => e.kind)).toEqual([
      'assignment_delivered',
      'assignment_returned',
      'reassigned',
      'assignment_delivered',
      'assignment_acknowledged',
    ]);
    expect(after.events[3].detail).toMatchObject({ unitCode: 'GS-POVERTY', delivery: 2 });
    expect(after.acknowledgement).toBe('acknowledged');
  });

  it('refuses 签收 by anyone but the lead unit, a return without a reason, and a second or needless 签收, writing nothing', async () => {
    const { m1 } = await importPlan({ within: 'PT1H' });
    const first = await delivered(m1);
    const ack = (c: RectifyClient) => c.request('POST', `/measures/${m1}/acknowledgement`, {});
    const refusals: [string, RectifyClient, number][] = [
      ['a co-unit', linxia, 403],
      ['the unit above the co-unit', poverty, 403],
      ['a unit outside the measure', elsewhere, 404],
      ['the office', office, 403],
      ['an admin', rectify, 403],
      ['a verifier of the lead unit', verifier, 403],
    ];
    for (const [who, client, status] of refusals) {
      const r = await ack(client);
      expect([who, r.status, r.body.code]).toEqual([who, status, status === 404 ? 'NOT_FOUND' : 'FORBIDDEN']);
    }
    const giveBack = (body: unknown) => housing.request('POST', `/measures/${m1}/assignment-return`, body);
    for (const body of [{}, { reason: '   ' }]) {
      const r = await giveBack(body);
      expect([r.status, r.body.code, r.body.details.map((d: { path: string }) => d.path)]).toEqual([
        400,
        'VALIDATION_FAILED',
        ['body.reason'],
      ]);
    }
    expect(
      (await linxia.request('POST', `/measures/${m1}/assignment-return`, { reason: '非本单位' })).status,
    ).toBe(403);
    const confirm = await office.request('POST', `/measures/${m1}/assignment-confirmation`, {});
    expect([confirm.status, confirm.body.code]).toEqual([409, 'COMMAND_REFUSED']);
    expect((await detail(m1)).events).toEqual([first]);

    expect((await ack(housing)).status).toBe(200);
    const twice = await ack(housing);
    expect([twice.status, twice.body.code]).toEqual([409, 'COMMAND_REFUSED']);
    expect(twice.body.message).toContain('already acknowledged');
    const returnAfter = await giveBack({ reason: '非本单位' });
    expect([returnAfter.status, returnAfter.body.code]).toEqual([409, 'COMMAND_REFUSED']);
    expect((await detail(m1)).events.map((e) => e.kind)).toEqual([
      'assignment_delivered',
      'assignment_acknowledged',
    ]);

    const none = await importPlan(null);
    const needless = await housing.request('POST', `/measures/${none.m1}/acknowledgement`, {});
    expect([needless.status, needless.body.code]).toEqual([409, 'COMMAND_REFUSED']);
    expect(needless.body.message).toContain('needs no acknowledgement');
    const plain = await detail(none.m1);
    expect(plain).toMatchObject({ events: [], acknowledgement: null, workflow: { acknowledgement: null } });
    const badFilter = await rectify.request('GET', '/measures?acknowledgement=maybe');
    expect([badFilter.status, badFilter.body.details[0].path]).toEqual([400, 'query.acknowledgement']);
  });

  it('checks the 签收 part of a plan file and of a policy sent to the policy routes, naming the place', async () => {
    const doc = aPlanDocument({ planCode: uniqueCode('GS'), due: '2031-06-30', measures: 1 });
    Object.assign(doc.plan, {
      escalationPolicy: {
        version: 'ack-bad',
        steps: [{ kind: 'overdue_notice', offset: 'PT0S' }],
        acknowledgement: { within: 'P1WD', steps: [{ kind: 'acknowledgement_overdue', offset: '-PT1H' }] },
      },
    });
    const refused = await rectify.request('POST', '/plans', doc);
    expect(refused.status).toBe(400);
    expect(refused.body.details.map((d: { path: string }) => d.path)).toEqual([
      'plan.escalationPolicy.acknowledgement.within',
      'plan.escalationPolicy.acknowledgement.steps[0].offset',
    ]);

    const { planId, m1 } = await importPlan(null);
    const policy = {
      version: 'ack-2',
      steps: [{ kind: 'overdue_notice', offset: 'PT0S' }],
      acknowledgement: { within: 'PT0S' },
    };
    const bad = await office.request('POST', `/plans/${planId}/escalation-policy/preview`, { policy });
    expect([bad.status, bad.body.details.map((d: { path: string }) => d.path)]).toEqual([
      400,
      ['body.policy.acknowledgement.within'],
    ]);
    const good = { ...policy, acknowledgement: { within: 'PT1H' } };
    const preview = await office.request('POST', `/plans/${planId}/escalation-policy/preview`, {
      policy: good,
    });
    expect(preview.status).toBe(200);
    const applied = await office.request('POST', `/plans/${planId}/escalation-policy`, {
      policy: good,
      previewToken: preview.body.previewToken,
    });
    expect(applied.status).toBe(200);
    // A policy governs the deliveries after it: a running measure is delivered on its next
    // reassignment, not retroactively.
    const d = await detail(m1);
    expect(d.workflow.acknowledgement).toBeNull();
    const moved = await office.request('POST', `/measures/${m1}/reassignment`, {
      leadUnitCode: 'GS-POVERTY',
      reason: '调整',
    });
    expect(moved.body.workflow.acknowledgement).toMatchObject({ status: 'pending', unitCode: 'GS-POVERTY' });
  });
});
