// 亮灯 on the real servers: a plan whose measures fall due a minute after the server's clock, with a
// light rule of seconds, so the lights move while the test watches — green → yellow (序时进度 behind,
// past the tolerance) → green when progress catches up → yellow near the deadline → red at it —
// each change recorded once, with its notice; the light filter, the search attribute, and the
// counts of the overview, the bulletin and the ledger.
import { Workbook } from 'exceljs';
import { eventually } from '../support/eventually';
import { serverNow } from '../support/own-dev-server';
import { aPlanDocument } from '../support/plan-fixtures';
import { RectifyHarness, startRectify } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

const SPAN_MS = 60_000;
const TOLERANCE = 0.3;
const RULE = {
  version: 'lights-e2e-1',
  yellowWithin: 'PT5S',
  yellowShareOfSpan: 0,
  progressTolerance: TOLERANCE,
  blueWithin: null,
};

interface LightEvent {
  kind: string;
  occurredAt: string;
  actor: string;
  detail: { from: string | null; to: string | null; reason: string };
}

describe(`traffic lights (亮灯) on the server's clock (${testEngine()})`, () => {
  let rectify: RectifyHarness;
  let planId: string;
  let planCode: string;
  let behind: string; // P01-M1: an indicator at 0 of 26 500 (GS-HOUSING)
  let plain: string; // P01-M2: no indicator, judged on its deadline alone (GS-POVERTY)
  let dueMs: number;

  const detail = async (id: string) => {
    const r = await rectify.request('GET', `/measures/${id}`);
    expect(r.status).toBe(200);
    return r.body;
  };
  const lightEvents = async (id: string): Promise<LightEvent[]> =>
    (await detail(id)).events.filter((e: LightEvent) => e.kind === 'light_changed');
  const codesLit = async (light: string): Promise<string[]> => {
    const r = await rectify.request('GET', `/measures?plan=${planId}&light=${light}`);
    expect(r.status).toBe(200);
    return r.body.items.map((m: { code: string }) => m.code).sort();
  };

  beforeAll(async () => {
    rectify = await startRectify();
    planCode = uniqueCode('LIGHT');
    dueMs = (await serverNow(rectify.temporal)) + SPAN_MS;
    const doc = aPlanDocument({ planCode, due: new Date(dueMs).toISOString(), measures: 2 });
    // The ladder stays out of the way (its one step is a month after the deadline).
    Object.assign(doc.plan, {
      escalationPolicy: {
        version: 'lights-e2e',
        steps: [{ kind: 'overdue_notice', offset: 'P30D' }],
        lights: RULE,
      },
    });
    const imported = await rectify.request('POST', '/plans', doc);
    expect(imported.status).toBe(201);
    planId = imported.body.planId;
    const list = await rectify.request('GET', `/measures?plan=${planId}&sort=code:asc`);
    [behind, plain] = list.body.items.map((m: { id: string }) => m.id);
  }, 240_000);
  afterAll(() => rectify?.stop());

  it('moves green → yellow → green → yellow → red, each change recorded once, and filters and counts by light', async () => {
    // A new measure starts with the light of its assignment, recorded on its row, with no event.
    expect((await detail(behind)).light).toBe('green');
    expect(await lightEvents(behind)).toEqual([]);

    // 序时进度: nothing done, so behind once more than 30 % of the span has passed.
    const yellow = await eventually(
      async () => {
        const events = await lightEvents(behind);
        expect(events.length).toBeGreaterThan(0);
        return events[0];
      },
      { timeoutMs: 90_000, intervalMs: 250 },
    );
    expect(yellow).toMatchObject({
      actor: 'rectify:lights',
      detail: { from: 'green', to: 'yellow', reason: 'behind_schedule' },
    });
    // The tolerance: exactly 30 % behind is still green; the light turned only past it.
    const state = (await detail(behind)).workflow;
    const spanFrom = Date.parse(state.lightSpanFrom);
    const boundary = spanFrom + TOLERANCE * (dueMs - spanFrom);
    expect(Date.parse(yellow.occurredAt)).toBeGreaterThan(boundary);
    expect(state.light).toBe('yellow');

    // The filter, while the plain measure is still green.
    await eventually(async () => expect((await detail(behind)).light).toBe('yellow'));
    expect(await codesLit('yellow')).toEqual(['P01-M1']);
    expect(await codesLit('green')).toEqual(['P01-M2']);
    expect(await codesLit('red')).toEqual([]);
    const exported = await rectify.request('GET', `/measures/export.xlsx?plan=${planId}&light=yellow`);
    expect(exported.status).toBe(200);
    const wb = new Workbook();
    await wb.xlsx.load(exported.body as never);
    const codes: string[] = [];
    wb.worksheets[0].eachRow((row, n) => {
      if (n > 1) codes.push(`${String(row.getCell(3).value)} ${String(row.getCell(14).value)}`);
    });
    expect(wb.worksheets[0].getRow(1).getCell(14).value).toBe('亮灯');
    expect(codes).toEqual(['P01-M1 黄灯']);

    // Progress catches up: all done, so on track again.
    const report = await rectify.request('POST', `/measures/${behind}/progress-reports`, {
      note: '全部完成改造',
      indicators: [{ code: 'houses', current: 26_500 }],
    });
    expect(report.status).toBe(200);
    await eventually(async () => expect((await lightEvents(behind)).length).toBe(2));

    // Then the deadline: yellow 5 s before it, red at it, for both measures.
    await eventually(
      async () => {
        expect((await detail(behind)).light).toBe('red');
        expect((await detail(plain)).light).toBe('red');
      },
      { timeoutMs: 120_000, intervalMs: 500 },
    );
    const moves = (events: LightEvent[]) => events.map((e) => [e.detail.from, e.detail.to, e.detail.reason]);
    expect(moves(await lightEvents(behind))).toEqual([
      ['green', 'yellow', 'behind_schedule'],
      ['yellow', 'green', 'on_track'],
      ['green', 'yellow', 'deadline_near'],
      ['yellow', 'red', 'overdue'],
    ]);
    expect(moves(await lightEvents(plain))).toEqual([
      ['green', 'yellow', 'deadline_near'],
      ['yellow', 'red', 'overdue'],
    ]);
    const events = await lightEvents(behind);
    expect(Date.parse(events[3].occurredAt)).toBeGreaterThanOrEqual(dueMs);
    expect(Date.parse(events[2].occurredAt)).toBeGreaterThanOrEqual(dueMs - 5_000);

    // Each change reached the responsible unit once, by the ladder's notification path.
    const notices = (await detail(behind)).notifications.filter((n: { subject: string }) =>
      n.subject.startsWith('light '),
    );
    expect(
      notices.map((n: { addressee: string; subject: string }) => [n.addressee, n.subject.split(' (')[0]]),
    ).toEqual([
      ['GS-HOUSING', 'light yellow'],
      ['GS-HOUSING', 'light green'],
      ['GS-HOUSING', 'light yellow'],
      ['GS-HOUSING', 'light red'],
    ]);

    // Red is final until something changes: no further event, whatever the loop wakes for.
    expect(await codesLit('red')).toEqual(['P01-M1', 'P01-M2']);
    const later = await rectify.request('POST', `/measures/${plain}/progress-reports`, { note: '仍在推进' });
    expect(later.status).toBe(200);
    await eventually(async () =>
      expect((await detail(plain)).events.map((e: LightEvent) => e.kind)).toContain('progress_reported'),
    );
    expect(moves(await lightEvents(plain))).toHaveLength(2);
  }, 300_000);

  it('counts open measures by light on the overview (by unit), in the bulletin and in the ledger', async () => {
    await eventually(async () => expect(await codesLit('red')).toEqual(['P01-M1', 'P01-M2']), {
      timeoutMs: 120_000,
    });
    // The search attribute follows: Temporal's visibility finds both by light.
    await eventually(async () => {
      const ids: string[] = [];
      const query = `RectifyPlan = '${planCode}' AND RectifyLight = 'red'`;
      for await (const w of rectify.temporal.workflow.list({ query })) ids.push(w.workflowId);
      expect(ids.sort()).toEqual([`measure:${planCode}:P01-M1`, `measure:${planCode}:P01-M2`]);
    });
    const overview = await rectify.request('GET', `/plans/${planId}/overview`);
    expect(overview.status).toBe(200);
    expect(overview.body.byLight).toEqual([
      { light: 'green', measures: 0 },
      { light: 'blue', measures: 0 },
      { light: 'yellow', measures: 0 },
      { light: 'red', measures: 2 },
    ]);
    expect(overview.body.lightsByUnit).toEqual([
      { unit: 'GS-HOUSING', name: '省住建厅', green: 0, blue: 0, yellow: 0, red: 1 },
      { unit: 'GS-POVERTY', name: '省扶贫办', green: 0, blue: 0, yellow: 0, red: 1 },
    ]);

    const bulletin = await rectify.request('GET', `/plans/${planId}/bulletin?edition=internal&format=md`);
    expect(bulletin.status).toBe(200);
    const text = Buffer.from(bulletin.body).toString('utf8');
    expect(text).toContain('亮灯督办情况');
    expect(text).toContain('推进中的整改措施亮绿灯0项、黄灯0项、红灯2项。');

    const ledger = await rectify.request('GET', `/plans/${planId}/ledger.xlsx`);
    expect(ledger.status).toBe(200);
    const wb = new Workbook();
    await wb.xlsx.load(ledger.body as never);
    const summary = new Map<string, unknown>();
    wb.getWorksheet('概况')!.eachRow((row) =>
      summary.set(String(row.getCell(1).value), row.getCell(2).value),
    );
    expect([...['亮绿灯', '亮蓝灯', '亮黄灯', '亮红灯'].map((k) => [k, summary.get(k)])]).toEqual([
      ['亮绿灯', 0],
      ['亮蓝灯', 0],
      ['亮黄灯', 0],
      ['亮红灯', 2],
    ]);
  }, 240_000);

  it('checks a light rule in the policy API: every problem named, nothing applied; a good rule reaches the workflow', async () => {
    const steps = [{ kind: 'overdue_notice', offset: 'P30D' }];
    const bad = { ...RULE, version: 'bad', yellowShareOfSpan: 2, blueWithin: 'soon' };
    const refused = await rectify.request('POST', `/plans/${planId}/escalation-policy/preview`, {
      policy: { version: 'lights-e2e-bad', steps, lights: bad },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('VALIDATION_FAILED');
    expect(refused.body.details.map((d: { path: string }) => d.path)).toEqual([
      'body.policy.lights.yellowShareOfSpan',
      'body.policy.lights.blueWithin',
    ]);
    const blind = await rectify.request('POST', `/plans/${planId}/escalation-policy`, {
      policy: { version: 'lights-e2e-bad', steps, lights: bad },
      previewToken: 'any',
    });
    expect(blind.status).toBe(400);
    expect((await detail(plain)).workflow.policy.version).toBe('lights-e2e');

    const four = { ...RULE, version: 'lights-e2e-4', blueWithin: 'PT10S' };
    const policy = { version: 'lights-e2e-2', steps, lights: four };
    const preview = await rectify.request('POST', `/plans/${planId}/escalation-policy/preview`, { policy });
    expect(preview.status).toBe(200);
    // The preview's token is for this light rule: another one under the same version needs its own.
    const swapped = await rectify.request('POST', `/plans/${planId}/escalation-policy`, {
      policy: { ...policy, lights: { ...four, blueWithin: null } },
      previewToken: preview.body.previewToken,
    });
    expect([swapped.status, swapped.body.code]).toEqual([409, 'COMMAND_REFUSED']);
    const applied = await rectify.request('POST', `/plans/${planId}/escalation-policy`, {
      policy,
      previewToken: preview.body.previewToken,
    });
    expect(applied.status).toBe(200);
    await eventually(async () => expect((await detail(plain)).workflow.policy.lights).toEqual(four));
    // Overdue under either rule: the light stays red, and no change is recorded.
    expect((await detail(plain)).light).toBe('red');
    expect(await lightEvents(plain)).toHaveLength(2);
  }, 120_000);
});
