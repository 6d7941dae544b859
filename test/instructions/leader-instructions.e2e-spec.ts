import * as net from 'node:net';
import { startApiReplica } from '../support/api-replica';
import { eventually } from '../support/eventually';
import { aPlanDocument } from '../support/plan-fixtures';
import { client, RectifyHarness, startRectify, TestAccount } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

const DAY_MS = 86_400_000;

// 批示 over HTTP: a leader's instruction on a measure, answered (落实情况) by the measure's lead unit
// or a unit above it in the unit tree; a unit outside the measure's scope gets 404 as for the
// measure itself, one that sees it but is not responsible 403; a blank answer or an instruction
// dated in the future are refused with nothing written.
describe(`leaders' instructions (批示) over HTTP (${testEngine()})`, () => {
  let rectify: RectifyHarness;
  let leader: TestAccount;
  let housing: TestAccount;
  let poverty: TestAccount;
  let linxia: TestAccount;
  let office: TestAccount;
  let planCode: string;
  let planId: string;

  const counts = async () => {
    const [i] = await rectify.db.dataSource.query('SELECT COUNT(*) AS n FROM leader_instruction');
    const [a] = await rectify.db.dataSource.query('SELECT COUNT(*) AS n FROM instruction_answer');
    return { instructions: Number(i.n), answers: Number(a.n) };
  };
  const anInstruction = (o: Record<string, unknown> = {}) => ({
    targetKind: 'measure',
    targetCode: 'P01-M1',
    text: '危房改造要逐户核实，确保不漏一户',
    issuedOn: '2019-03-01',
    author: '分管副省长',
    ...o,
  });

  beforeAll(async () => {
    rectify = await startRectify();
    planCode = uniqueCode('LI');
    const doc = aPlanDocument({ planCode, measures: 3 });
    doc.categories[0].aspects[0].problems[0].measures[2].leadUnit = 'LINXIA';
    const imported = await rectify.request('POST', '/plans', doc);
    expect(imported.status).toBe(201);
    planId = imported.body.planId;
    leader = await rectify.createUser('lead_leader', { leaderName: '分管副省长' });
    // P01-M1 is led by GS-HOUSING with co-unit LINXIA, P01-M2 by GS-POVERTY, P01-M3 by LINXIA;
    // LINXIA sits under GS-POVERTY in the unit tree.
    housing = await rectify.createUser('unit', { units: ['GS-HOUSING'] });
    poverty = await rectify.createUser('unit', { units: ['GS-POVERTY'] });
    linxia = await rectify.createUser('unit', { units: ['LINXIA'] });
    office = await rectify.createUser('office');
  });
  afterAll(() => rectify?.stop());

  it("is answered by the measure's lead unit, and the list shows it answered with its answer", async () => {
    const issued = await leader.client.request('POST', `/plans/${planCode}/instructions`, anInstruction());
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({
      targetKind: 'measure',
      targetCode: 'P01-M1',
      author: '分管副省长',
      answerLimit: 'P10D',
      responsibleUnits: ['GS-HOUSING'],
      state: 'awaiting_answer',
      answers: [],
    });
    // The limit runs from when it was recorded, by the server's clock.
    expect(Date.parse(issued.body.dueAt) - Date.parse(issued.body.recordedAt)).toBe(10 * DAY_MS);

    const answered = await housing.client.request('POST', `/instructions/${issued.body.id}/answers`, {
      text: '已逐户核实2.65万户，建立台账',
    });
    expect(answered.status).toBe(201);
    expect(answered.body.state).toBe('answered');
    expect(answered.body.answers).toMatchObject([{ unitCode: 'GS-HOUSING' }]);

    const list = await leader.client.request('GET', `/plans/${planCode}/instructions`);
    expect(list.status).toBe(200);
    const shown = list.body.items.find((i: { id: string }) => i.id === issued.body.id);
    expect(shown).toMatchObject({
      state: 'answered',
      answers: [{ text: '已逐户核实2.65万户，建立台账', late: false }],
    });
    // The unit that answered sees it too; so does GS-POVERTY, which sees the measure through its
    // sub-unit LINXIA (a co-unit), but it may not answer.
    const own = await housing.client.request('GET', `/plans/${planCode}/instructions`);
    expect(own.body.items.find((i: { id: string }) => i.id === issued.body.id)).toMatchObject({
      mayAnswer: true,
    });
    const other = await poverty.client.request('GET', `/plans/${planCode}/instructions`);
    expect(other.body.items.find((i: { id: string }) => i.id === issued.body.id)).toMatchObject({
      mayAnswer: false,
    });
  });

  const auditedStatuses = async (id: string) =>
    (
      await rectify.db.dataSource.query(
        `SELECT action, status FROM audit_log WHERE path = '/instructions/${id}/answers'`,
      )
    ).map((x: { action: string; status: number }) => [x.action, Number(x.status)]);

  it("answers 404 to a unit outside the measure's scope, as for the measure itself, writing nothing", async () => {
    // P01-M2 is GS-POVERTY's alone: GS-HOUSING and LINXIA (below GS-POVERTY) do not see it.
    const issued = await leader.client.request(
      'POST',
      `/plans/${planCode}/instructions`,
      anInstruction({ targetCode: 'P01-M2' }),
    );
    expect(issued.status).toBe(201);
    const measures = await office.client.request('GET', `/measures?plan=${planId}`);
    const m2 = measures.body.items.find((m: { code: string }) => m.code === 'P01-M2');
    expect((await housing.client.request('GET', `/measures/${m2.id}`)).status).toBe(404);
    const before = await counts();
    for (const outsider of [housing, linxia]) {
      const r = await outsider.client.request('POST', `/instructions/${issued.body.id}/answers`, {
        text: '我们也做了',
      });
      expect(r.status).toBe(404);
      const list = await outsider.client.request('GET', `/plans/${planCode}/instructions`);
      expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(issued.body.id);
    }
    expect(await counts()).toEqual(before);
    // Refused writes are audited like the others, with who tried and what came of it.
    await eventually(async () => {
      expect(await auditedStatuses(issued.body.id)).toContainEqual(['instruction:answer', 404]);
    });
  });

  it('refuses with 403 a unit that sees the measure but is not responsible for it, writing nothing', async () => {
    const issued = await leader.client.request('POST', `/plans/${planCode}/instructions`, anInstruction());
    expect(issued.status).toBe(201);
    const before = await counts();
    const r = await poverty.client.request('POST', `/instructions/${issued.body.id}/answers`, {
      text: '我们也做了',
    });
    expect(r.status).toBe(403);
    expect(await counts()).toEqual(before);
    await eventually(async () => {
      expect(await auditedStatuses(issued.body.id)).toContainEqual(['instruction:answer', 403]);
    });
    const list = await leader.client.request('GET', `/plans/${planCode}/instructions`);
    const shown = list.body.items.find((i: { id: string }) => i.id === issued.body.id);
    expect(shown).toMatchObject({ state: 'awaiting_answer', answers: [] });
  });

  it('is answered by the unit above the responsible one, as it reports on its sub-units’ measures', async () => {
    const issued = await leader.client.request(
      'POST',
      `/plans/${planCode}/instructions`,
      anInstruction({ targetCode: 'P01-M3' }),
    );
    expect(issued.body.responsibleUnits).toEqual(['LINXIA']);
    const r = await poverty.client.request('POST', `/instructions/${issued.body.id}/answers`, {
      text: '已督促临夏州逐户核实',
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ state: 'answered', answers: [{ unitCode: 'GS-POVERTY', late: false }] });
  });

  it('refuses a blank answer with 400 naming body.text, writing nothing', async () => {
    const issued = await leader.client.request('POST', `/plans/${planCode}/instructions`, anInstruction());
    const before = await counts();
    const r = await housing.client.request('POST', `/instructions/${issued.body.id}/answers`, {
      text: '   ',
    });
    expect(r.status).toBe(400);
    expect(r.body.details).toEqual([{ path: 'body.text', message: 'must not be blank' }]);
    expect(await counts()).toEqual(before);
  });

  it('refuses an instruction dated after today, a blank text or an unknown measure with 400 naming each field', async () => {
    const first = await leader.client.request('POST', `/plans/${planCode}/instructions`, anInstruction());
    // Two days after the server's clock is after today in any zone.
    const future = new Date(Date.parse(first.body.recordedAt) + 2 * DAY_MS).toISOString().slice(0, 10);
    const before = await counts();

    const dated = await leader.client.request(
      'POST',
      `/plans/${planCode}/instructions`,
      anInstruction({ issuedOn: future }),
    );
    expect(dated.status).toBe(400);
    expect(dated.body.details.map((d: { path: string }) => d.path)).toEqual(['body.issuedOn']);

    const blank = await leader.client.request(
      'POST',
      `/plans/${planCode}/instructions`,
      anInstruction({ text: '' }),
    );
    expect(blank.status).toBe(400);
    expect(blank.body.details).toEqual([{ path: 'body.text', message: 'must not be blank' }]);

    const unknown = await leader.client.request(
      'POST',
      `/plans/${planCode}/instructions`,
      anInstruction({ targetCode: 'P99-M9' }),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.details).toEqual([
      { path: 'body.targetCode', message: `plan ${planCode} has no measure P99-M9` },
    ]);
    expect(await counts()).toEqual(before);
  });

  it('refuses a unit issuing an instruction with 403, and a plan that does not exist with 404', async () => {
    const before = await counts();
    const byUnit = await housing.client.request('POST', `/plans/${planCode}/instructions`, anInstruction());
    expect(byUnit.status).toBe(403);
    const noPlan = await leader.client.request(
      'POST',
      `/plans/${uniqueCode('NO')}/instructions`,
      anInstruction(),
    );
    expect(noPlan.status).toBe(404);
    expect(await counts()).toEqual(before);
  });
  it('becomes answer_overdue when its limit passes on the server clock; a later answer is marked late', async () => {
    const issued = await leader.client.request(
      'POST',
      `/plans/${planCode}/instructions`,
      anInstruction({ answerLimit: 'PT1S' }),
    );
    expect(issued.status).toBe(201);
    await eventually(async () => {
      const list = await leader.client.request('GET', `/plans/${planCode}/instructions`);
      const shown = list.body.items.find((i: { id: string }) => i.id === issued.body.id);
      expect(shown.state).toBe('answer_overdue');
    });
    const answered = await housing.client.request('POST', `/instructions/${issued.body.id}/answers`, {
      text: '补报落实情况',
    });
    expect(answered.status).toBe(201);
    expect(answered.body).toMatchObject({ state: 'answered', answers: [{ late: true }] });
  });

  it("on a problem is answered by any of its measures' lead units; on the plan only by the office", async () => {
    const onProblem = await leader.client.request(
      'POST',
      `/plans/${planCode}/instructions`,
      anInstruction({ targetKind: 'problem', targetCode: 'P01' }),
    );
    expect(onProblem.status).toBe(201);
    expect(onProblem.body.responsibleUnits).toEqual(['GS-HOUSING', 'GS-POVERTY', 'LINXIA']);
    const byPoverty = await poverty.client.request('POST', `/instructions/${onProblem.body.id}/answers`, {
      text: '已部署',
    });
    expect(byPoverty.status).toBe(201);

    const onPlan = await office.client.request(
      'POST',
      `/plans/${planCode}/instructions`,
      anInstruction({ targetKind: 'plan', targetCode: planCode }),
    );
    expect(onPlan.status).toBe(201);
    expect(onPlan.body.responsibleUnits).toEqual([]);
    const before = await counts();
    const byUnit = await housing.client.request('POST', `/instructions/${onPlan.body.id}/answers`, {
      text: '已部署',
    });
    expect(byUnit.status).toBe(403);
    expect(await counts()).toEqual(before);
    const byOffice = await office.client.request('POST', `/instructions/${onPlan.body.id}/answers`, {
      text: '已召开专题会议部署',
    });
    expect(byOffice.status).toBe(201);
    expect(byOffice.body.state).toBe('answered');
  });

  it('answers 503 when its clock cannot start, keeping no half-written 批示; the same request later records it whole', async () => {
    // A second API on the same database whose Temporal client points where nothing answers.
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const replica = await startApiReplica(rectify, {
      config: { ...rectify.config, temporal: { ...rectify.config.temporal, address: `127.0.0.1:${port}` } },
    });
    try {
      const login = await replica.anonymous.request('POST', '/auth/login', {
        email: leader.email,
        password: leader.password,
      });
      const before = await counts();
      const r = await client(replica.url, async () => login.body.accessToken).request(
        'POST',
        `/plans/${planCode}/instructions`,
        anInstruction(),
      );
      expect(r.status).toBe(503);
      expect(r.body.code).toBe('TEMPORAL_UNAVAILABLE');
      expect(await counts()).toEqual(before);
    } finally {
      await replica.stop();
    }
    const again = await leader.client.request('POST', `/plans/${planCode}/instructions`, anInstruction());
    expect(again.status).toBe(201);
    const clock = await rectify.temporal.workflow.getHandle(`instruction:${again.body.id}`).describe();
    expect(clock.status.name).toBe('RUNNING');
  });

  it('answers 404 for an instruction that does not exist, writing nothing', async () => {
    const before = await counts();
    const r = await office.client.request(
      'POST',
      '/instructions/00000000-0000-4000-8000-000000000000/answers',
      { text: '已落实' },
    );
    expect(r.status).toBe(404);
    expect(await counts()).toEqual(before);
  });
});
