import { eventually } from '../support/eventually';
import { aPlanDocument } from '../support/plan-fixtures';
import { RectifyHarness, startRectify, TestAccount } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

const DAY_MS = 86_400_000;

// 批示 over HTTP: a leader's instruction on a measure, answered (落实情况) by the measure's lead unit;
// another unit, a blank answer or an instruction dated in the future are refused with nothing written.
describe(`leaders' instructions (批示) over HTTP (${testEngine()})`, () => {
  let rectify: RectifyHarness;
  let leader: TestAccount;
  let housing: TestAccount;
  let poverty: TestAccount;
  let office: TestAccount;
  let planCode: string;

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
    const imported = await rectify.request('POST', '/plans', aPlanDocument({ planCode }));
    expect(imported.status).toBe(201);
    leader = await rectify.createUser('lead_leader', { leaderName: '分管副省长' });
    // P01-M1 is led by GS-HOUSING, P01-M2 by GS-POVERTY.
    housing = await rectify.createUser('unit', { units: ['GS-HOUSING'] });
    poverty = await rectify.createUser('unit', { units: ['GS-POVERTY'] });
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
    expect(answered.body.answers).toHaveLength(1);

    const list = await leader.client.request('GET', `/plans/${planCode}/instructions`);
    expect(list.status).toBe(200);
    const shown = list.body.items.find((i: { id: string }) => i.id === issued.body.id);
    expect(shown).toMatchObject({
      state: 'answered',
      answers: [{ text: '已逐户核实2.65万户，建立台账', late: false }],
    });
    // The unit that answered sees it too; the unit not responsible for the measure does not.
    const own = await housing.client.request('GET', `/plans/${planCode}/instructions`);
    expect(own.body.items.map((i: { id: string }) => i.id)).toContain(issued.body.id);
    const other = await poverty.client.request('GET', `/plans/${planCode}/instructions`);
    expect(other.body.items.map((i: { id: string }) => i.id)).not.toContain(issued.body.id);
  });

  it('refuses an answer from a unit not responsible for the measure with 403, writing nothing', async () => {
    const issued = await leader.client.request('POST', `/plans/${planCode}/instructions`, anInstruction());
    expect(issued.status).toBe(201);
    const before = await counts();
    const r = await poverty.client.request('POST', `/instructions/${issued.body.id}/answers`, {
      text: '我们也做了',
    });
    expect(r.status).toBe(403);
    expect(await counts()).toEqual(before);
    // Refused writes are audited like the others, with who tried and what came of it.
    await eventually(async () => {
      const rows = await rectify.db.dataSource.query(
        `SELECT action, status FROM audit_log WHERE path = '/instructions/${issued.body.id}/answers'`,
      );
      expect(
        rows.map((x: { action: string; status: number }) => [x.action, Number(x.status)]),
      ).toContainEqual(['instruction:answer', 403]);
    });
    const list = await leader.client.request('GET', `/plans/${planCode}/instructions`);
    const shown = list.body.items.find((i: { id: string }) => i.id === issued.body.id);
    expect(shown).toMatchObject({ state: 'awaiting_answer', answers: [] });
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
    expect(onProblem.body.responsibleUnits).toEqual(['GS-HOUSING', 'GS-POVERTY']);
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
