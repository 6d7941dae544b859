import { startOfDayInZone, zoneOffsetMs } from '../../libs/domain/src/deadline';
import { LeadEventEntity } from '../../libs/persistence/src/entities/problem-lead.entity';
import { NotificationRequestEntity } from '../../libs/persistence/src/entities/notification-request.entity';
import { ProblemLeadRepository } from '../../libs/persistence/src/repositories/problem-lead.repository';
import { leadClockQuery } from '../../workflows/case/problem-lead.contract';
import { eventually } from '../support/eventually';
import { aPlanDocument } from '../support/plan-fixtures';
import { HttpAnswer, RectifyClient, RectifyHarness, startRectify } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

// A plan whose units run province → city → two counties; its problem P01 has measures at YZ and GL.
function leadsPlan(planCode: string) {
  const doc = aPlanDocument({ planCode, due: '2035-09-30', measures: 2 });
  doc.units = [
    { code: 'GS', name: '甘肃省', level: 'province' },
    { code: 'LZ', name: '兰州市', level: 'city', parent: 'GS' },
    { code: 'YZ', name: '榆中县', level: 'county', parent: 'LZ' },
    { code: 'GL', name: '皋兰县', level: 'county', parent: 'LZ' },
  ] as typeof doc.units;
  doc.categories[0].aspects[0].problems[0].measures.forEach((m, i) => {
    m.leadUnit = ['YZ', 'GL'][i];
    m.coUnits = [];
  });
  return doc;
}

const BODIES = {
  'GS-JW': { name: '甘肃省纪委监委', level: 'province', parent: null, jurisdiction: ['GS'] },
  'LZ-JW': { name: '兰州市纪委监委', level: 'city', parent: 'GS-JW', jurisdiction: ['LZ'] },
  'YZ-JW': { name: '榆中县纪委监委', level: 'county', parent: 'LZ-JW', jurisdiction: ['YZ'] },
  'GL-JW': { name: '皋兰县纪委监委', level: 'county', parent: 'LZ-JW', jurisdiction: ['GL'] },
} as const;
type Body = keyof typeof BODIES;

const TABLES = [
  'problem_leads',
  'lead_events',
  'notification_requests',
  'accountability_cases',
  'case_events',
];

describe(`the problem-lead ledger (问题线索台账), over HTTP (${testEngine()})`, () => {
  let rectify: RectifyHarness;
  let as: Record<Body | 'office' | 'unit', RectifyClient>;
  let planCode: string;
  // Lead ids by `${ref}@${body}`.
  const lead: Record<string, string> = {};

  const counts = async () => {
    const out: Record<string, number> = {};
    for (const t of TABLES) {
      const [row] = await rectify.db.dataSource.query(`SELECT COUNT(*) AS n FROM ${t}`);
      out[t] = Number(row.n);
    }
    return out;
  };
  const expectRefused = (r: HttpAnswer, status: number, code: string, path?: string) => {
    expect({ status: r.status, code: r.body?.code }).toEqual({ status, code });
    if (path) expect(r.body.details.map((d: { path: string }) => d.path)).toContain(path);
  };
  // Leads received in 2019 are long overdue: their clocks fire every step at once. Waiting for
  // them keeps the row counts below still while a refusal is checked.
  const clocksDone = (workflowIds: readonly string[]) =>
    eventually(async () => {
      for (const id of workflowIds) {
        const view = await rectify.temporal.workflow.getHandle(id).query(leadClockQuery);
        expect(view.fired).toHaveLength(4);
      }
    });
  const register = (body: Record<string, unknown>) =>
    as.office.request('POST', '/leads', { planCode, problemCode: 'P01', receivedOn: '2019-06-10', ...body });

  beforeAll(async () => {
    rectify = await startRectify();
    const office = await rectify.createUser('office');
    const accounts = {} as Record<Body, { id: string; client: RectifyClient }>;
    for (const code of Object.keys(BODIES) as Body[])
      accounts[code] = await rectify.createUser('discipline', { units: [...BODIES[code].jurisdiction] });
    const unit = await rectify.createUser('unit', { units: ['YZ'] });
    as = {
      ...(Object.fromEntries(Object.entries(accounts).map(([k, v]) => [k, v.client])) as Record<
        Body,
        RectifyClient
      >),
      office: office.client,
      unit: unit.client,
    };
    for (const [code, body] of Object.entries(BODIES)) {
      const put = await as.office.request('PUT', `/discipline-bodies/${code}`, {
        ...body,
        kind: 'discipline_commission',
      });
      expect(put.status).toBe(200);
      const members = await as.office.request('PUT', `/discipline-bodies/${code}/members`, {
        principalIds: [accounts[code as Body].id],
      });
      expect(members.status).toBe(200);
    }
    planCode = uniqueCode('XL');
    expect((await rectify.request('POST', '/plans', leadsPlan(planCode))).status).toBe(201);
  });
  afterAll(() => rectify?.stop());

  it('registers a lead handed to two bodies as two lines sharing its ref, each due two months after receipt', async () => {
    const r = await register({
      ref: 'P30-001',
      summary: '反映某县扶贫资金使用问题',
      bodies: ['YZ-JW', 'GS-JW'],
    });
    expect(r.status).toBe(201);
    expect(r.body.repeated).toBe(false);
    expect(
      r.body.items.map((l: Record<string, unknown>) => [l.ref, l.bodyCode, l.items, l.status, l.dueAt]),
    ).toEqual([
      // Received on 10 June (Asia/Shanghai), verified within P2M: due at the start of 10 August.
      ['P30-001', 'YZ-JW', 1, 'pending', '2019-08-09T16:00:00.000Z'],
      ['P30-001', 'GS-JW', 1, 'pending', '2019-08-09T16:00:00.000Z'],
    ]);
    for (const l of r.body.items) lead[`P30-001@${l.bodyCode}`] = l.id;
    await clocksDone(r.body.items.map((l: { workflowId: string }) => l.workflowId));
  });

  it('registers a batch handed over as a count as one line, and a later addition as its own', async () => {
    const batch = await register({ ref: 'P30-B01', items: 12, bodies: ['LZ-JW'] });
    expect(batch.status).toBe(201);
    expect(batch.body.items.map((l: Record<string, unknown>) => [l.ref, l.items, l.summary])).toEqual([
      ['P30-B01', 12, null],
    ]);
    lead['P30-B01@LZ-JW'] = batch.body.items[0].id;
    const later = await register({ ref: 'P30-002', receivedOn: '2019-09-02', bodies: ['GL-JW'] });
    expect(later.status).toBe(201);
    lead['P30-002@GL-JW'] = later.body.items[0].id;
    await clocksDone([batch.body.items[0].workflowId, later.body.items[0].workflowId]);

    // The same registration again answers the lines it wrote; the ref with a different count is refused.
    const before = await counts();
    const again = await register({ ref: 'P30-B01', items: 12, bodies: ['LZ-JW'] });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ repeated: true, items: [{ id: lead['P30-B01@LZ-JW'] }] });
    const changed = await register({ ref: 'P30-B01', items: 13, bodies: ['LZ-JW'] });
    expectRefused(changed, 409, 'COMMAND_REFUSED');
    expect(changed.body.message).toContain('P30-B01 is registered already at LZ-JW');
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['an unknown body', { bodies: ['YZ-JW', 'NOWHERE-JW'] }, 'body.bodies.1'],
    ['an unknown problem', { problemCode: 'P99' }, 'body.problemCode'],
    ['an unknown plan', { planCode: 'NO-SUCH-PLAN' }, 'body.planCode'],
    ['a problem without its plan', { planCode: undefined }, 'body.planCode'],
    ['a receipt in the future', { receivedOn: '2999-01-01' }, 'body.receivedOn'],
    ['a day the calendar lacks', { receivedOn: '2019-02-30' }, 'body.receivedOn'],
    ['no items', { items: 0 }, 'body.items'],
    ['no body', { bodies: [] }, 'body.bodies'],
    ['a deadline that is no duration', { verifyWithin: 'two months' }, 'body.verifyWithin'],
    ['a reminder after the deadline', { reminders: ['P1D'] }, 'body.reminders.0'],
  ])('refuses %s, naming the field, and writes nothing', async (_label, input, path) => {
    const before = await counts();
    expectRefused(
      await register({ ref: 'P30-BAD', bodies: ['YZ-JW'], ...input }),
      400,
      'VALIDATION_FAILED',
      path,
    );
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['office', ['P30-001@GS-JW', 'P30-001@YZ-JW', 'P30-002@GL-JW', 'P30-B01@LZ-JW']],
    ['GS-JW', ['P30-001@GS-JW', 'P30-001@YZ-JW', 'P30-002@GL-JW', 'P30-B01@LZ-JW']],
    ['LZ-JW', ['P30-001@YZ-JW', 'P30-002@GL-JW', 'P30-B01@LZ-JW']],
    ['YZ-JW', ['P30-001@YZ-JW']],
    ['GL-JW', ['P30-002@GL-JW']],
  ] as const)('shows %s the leads at its body and the bodies below it', async (who, expected) => {
    const list = await as[who].request('GET', '/leads');
    expect(list.status).toBe(200);
    expect(
      list.body.items.map((l: { ref: string; bodyCode: string }) => `${l.ref}@${l.bodyCode}`).sort(),
    ).toEqual([...expected].sort());
  });

  it('lists a problem’s leads, of its plan', async () => {
    const of = async (q: string) =>
      (await as.office.request('GET', `/leads?${q}`)).body.items
        .map((l: { ref: string; bodyCode: string }) => `${l.ref}@${l.bodyCode}`)
        .sort();
    expect(await of(`plan=${planCode}&problem=P01&status=pending`)).toEqual(
      ['P30-001@GS-JW', 'P30-001@YZ-JW', 'P30-002@GL-JW', 'P30-B01@LZ-JW'].sort(),
    );
    expect(await of('plan=NO-SUCH-PLAN')).toEqual([]);
    expect(await of(`plan=${planCode}&problem=P02`)).toEqual([]);
  });

  it('hides another county’s lead (404) and lets only the body it went to verify it', async () => {
    const yz = lead['P30-001@YZ-JW'];
    expectRefused(await as['GL-JW'].request('GET', `/leads/${yz}`), 404, 'NOT_FOUND');
    const before = await counts();
    expectRefused(
      await as['GL-JW'].request('POST', `/leads/${yz}/verification`, { outcome: 'substantiated' }),
      404,
      'NOT_FOUND',
    );
    // The city body sees it but it went to the county: not the city's to verify.
    expectRefused(
      await as['LZ-JW'].request('POST', `/leads/${yz}/verification`, { outcome: 'substantiated' }),
      403,
      'FORBIDDEN',
    );
    expectRefused(
      await as['YZ-JW'].request('POST', `/leads/${yz}/verification`, { outcome: 'true' }),
      400,
      'VALIDATION_FAILED',
      'body.outcome',
    );
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['POST /leads', (c: RectifyClient) => c.request('POST', '/leads', {})],
    ['GET /leads', (c: RectifyClient) => c.request('GET', '/leads')],
    ['GET /leads/figures', (c: RectifyClient) => c.request('GET', '/leads/figures')],
    ['GET /leads/:id', (c: RectifyClient) => c.request('GET', `/leads/${lead['P30-001@YZ-JW']}`)],
    [
      'POST /leads/:id/verification',
      (c: RectifyClient) =>
        c.request('POST', `/leads/${lead['P30-001@YZ-JW']}/verification`, { outcome: 'closed' }),
    ],
  ])('refuses %s to a responsible unit (403)', async (_label, call) => {
    expectRefused(await call(as.unit), 403, 'FORBIDDEN');
  });

  it('refuses registration to a discipline body (403): the office keeps the ledger', async () => {
    expectRefused(
      await as['GS-JW'].request('POST', '/leads', { ref: 'X', receivedOn: '2019-06-10', bodies: ['GS-JW'] }),
      403,
      'FORBIDDEN',
    );
  });

  it('opens exactly one case at the body when a lead is verified 属实, and refuses a second verification', async () => {
    const yz = lead['P30-001@YZ-JW'];
    const verified = await as['YZ-JW'].request('POST', `/leads/${yz}/verification`, {
      outcome: 'substantiated',
      note: '经核实，反映问题属实',
    });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ status: 'verified', outcome: 'substantiated', bodyCode: 'YZ-JW' });
    expect(verified.body.case).toMatchObject({
      origin: 'lead',
      bodyCode: 'YZ-JW',
      leadId: yz,
      status: 'open',
    });
    expect(verified.body.caseId).toBe(verified.body.case.id);

    const cases = await as['YZ-JW'].request('GET', '/cases');
    expect(cases.body.items.map((c: Record<string, unknown>) => [c.id, c.origin, c.leadId])).toEqual([
      [verified.body.case.id, 'lead', yz],
    ]);
    // The bodies above see it; the other county does not.
    expect((await as['LZ-JW'].request('GET', `/cases/${verified.body.case.id}`)).status).toBe(200);
    expect((await as['GL-JW'].request('GET', `/cases/${verified.body.case.id}`)).status).toBe(404);

    const before = await counts();
    const again = await as['YZ-JW'].request('POST', `/leads/${yz}/verification`, {
      outcome: 'unsubstantiated',
    });
    expectRefused(again, 409, 'COMMAND_REFUSED');
    expect(again.body.message).toContain('was verified substantiated');
    expect(await counts()).toEqual(before);
    expect((await as['YZ-JW'].request('GET', `/leads/${yz}`)).body).toMatchObject({
      outcome: 'substantiated',
      caseId: verified.body.case.id,
    });
    // Its clock, every step fired long ago, stops.
    const clock = await rectify.temporal.workflow.getHandle(verified.body.workflowId).result();
    expect(clock).toMatchObject({ verified: true });
    expect(clock.fired).toHaveLength(4);
  });

  it('opens no case for a lead verified 不属实, and counts the ledger per body', async () => {
    const before = await counts();
    const r = await as['GS-JW'].request('POST', `/leads/${lead['P30-001@GS-JW']}/verification`, {
      outcome: 'unsubstantiated',
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ outcome: 'unsubstantiated', caseId: null, case: null });
    expect((await counts()).accountability_cases).toBe(before.accountability_cases);

    const figures = await as.office.request('GET', '/leads/figures');
    expect(figures.status).toBe(200);
    const by = Object.fromEntries(figures.body.bodies.map((f: { bodyCode: string }) => [f.bodyCode, f]));
    const none = { substantiated: 0, partly_substantiated: 0, unsubstantiated: 0, closed: 0 };
    expect(by).toEqual({
      // Received in 2019 with two months to verify: every pending item is overdue.
      'GS-JW': {
        bodyCode: 'GS-JW',
        leads: 1,
        items: 1,
        verified: { ...none, unsubstantiated: 1 },
        pending: 0,
        overdue: 0,
      },
      'LZ-JW': { bodyCode: 'LZ-JW', leads: 1, items: 12, verified: none, pending: 12, overdue: 12 },
      'YZ-JW': {
        bodyCode: 'YZ-JW',
        leads: 1,
        items: 1,
        verified: { ...none, substantiated: 1 },
        pending: 0,
        overdue: 0,
      },
      'GL-JW': { bodyCode: 'GL-JW', leads: 1, items: 1, verified: none, pending: 1, overdue: 1 },
    });
    const county = await as['GL-JW'].request('GET', '/leads/figures');
    expect(county.body.bodies.map((f: { bodyCode: string }) => f.bodyCode)).toEqual(['GL-JW']);
  });

  // Received yesterday in Asia/Shanghai (the lead names no plan), verified within a span that ends
  // `inSeconds` from now; reminded 3 s before, the level above told 2 s after.
  const registerDueIn = async (ref: string, inSeconds: number) => {
    const now = Date.now();
    const yesterday = new Date(now + zoneOffsetMs('Asia/Shanghai', now) - 86_400_000)
      .toISOString()
      .slice(0, 10);
    const [y, m, d] = yesterday.split('-').map(Number);
    const seconds = Math.ceil((now - startOfDayInZone(y, m, d, 'Asia/Shanghai')) / 1000) + inSeconds;
    const r = await as.office.request('POST', '/leads', {
      ref,
      receivedOn: yesterday,
      bodies: ['YZ-JW'],
      verifyWithin: `PT${seconds}S`,
      reminders: ['-PT3S'],
      escalateAfter: 'PT2S',
    });
    expect(r.status).toBe(201);
    return r.body.items[0];
  };

  it('reminds, marks overdue and tells the level above, once each, while a lead stays unverified', async () => {
    const registered = await registerDueIn('P30-CLOCK', 10);
    const events = await eventually(
      async () => {
        const rows = await rectify.db.dataSource
          .getRepository(LeadEventEntity)
          .find({ where: { leadId: registered.id }, order: { occurredAt: 'ASC' } });
        expect(rows.map((e) => e.kind)).toEqual([
          'registered',
          'lead_reminder',
          'lead_overdue',
          'lead_escalated',
        ]);
        return rows;
      },
      { timeoutMs: 120_000 },
    );
    const dueMs = Date.parse(registered.dueAt);
    expect(events.slice(1).map((e) => [e.kind, e.occurredAt.getTime() - dueMs, e.detail.told])).toEqual([
      ['lead_reminder', -3_000, 'YZ-JW'],
      ['lead_overdue', 0, 'YZ-JW'],
      ['lead_escalated', 2_000, 'LZ-JW'],
    ]);
    const notices = await rectify.db.dataSource.getRepository(NotificationRequestEntity).find();
    const kindOf = new Map(events.map((e) => [e.id, e.kind]));
    expect(
      notices
        .filter((n) => n.leadEventId && kindOf.has(n.leadEventId))
        .map((n) => [kindOf.get(n.leadEventId!), n.addresseeKind, n.addressee])
        .sort(),
    ).toEqual([
      ['lead_escalated', 'discipline', 'LZ'],
      ['lead_overdue', 'discipline', 'YZ'],
      ['lead_reminder', 'discipline', 'YZ'],
      ['registered', 'discipline', 'YZ'],
    ]);
    const view = await rectify.temporal.workflow.getHandle(registered.workflowId).query(leadClockQuery);
    expect(view).toMatchObject({
      fired: ['lead_reminder@-PT3S', 'lead_overdue@PT0S', 'lead_escalated@PT2S'],
      verified: false,
    });

    // Verified at last (了结): the run ends, and nothing more is recorded.
    const closed = await as['YZ-JW'].request('POST', `/leads/${registered.id}/verification`, {
      outcome: 'closed',
    });
    expect(closed.status).toBe(200);
    const result = await rectify.temporal.workflow.getHandle(registered.workflowId).result();
    expect(result.verified).toBe(true);
    const after = await rectify.db.dataSource
      .getRepository(LeadEventEntity)
      .countBy({ leadId: registered.id });
    expect(after).toBe(5);
  });

  it('stops at the next step when the lead was verified and no signal reached the clock', async () => {
    // Its first step (the reminder) is 12 s away: time enough to record the verification first.
    const registered = await registerDueIn('P30-QUIET', 15);
    // Recorded straight in the ledger, as if the API's signal had been lost.
    const recorded = await new ProblemLeadRepository(rectify.db.dataSource).verify(registered.id, {
      outcome: 'closed',
      note: null,
      verifiedBy: 'test',
      verifiedAt: new Date(),
      caseId: null,
    });
    expect(recorded.verified).toBe(true);
    const result = await rectify.temporal.workflow.getHandle(registered.workflowId).result();
    expect(result).toEqual({ dueAt: registered.dueAt, fired: ['lead_reminder@-PT3S'], verified: true });
    const events = await rectify.db.dataSource
      .getRepository(LeadEventEntity)
      .find({ where: { leadId: registered.id }, order: { occurredAt: 'ASC' } });
    expect(events.map((e) => e.kind)).toEqual(['registered', 'verified']);
  });
});
