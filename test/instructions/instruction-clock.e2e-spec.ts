// 批示 on the real servers, end to end: an instruction nobody answers is reminded at its reminder
// time on the server's clock and reaches the unit's contact in the inbox, then is marked overdue at
// its limit with a notice to the unit and the office; an answered one is never reminded (its clock
// ends at the answer). Both, with the answer, appear in their measures' timelines and in the
// ledger's 批示落实 sheet.
import { temporal } from '@temporalio/proto';
import { Workbook } from 'exceljs';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { eventually } from '../support/eventually';
import { aPlanDocument } from '../support/plan-fixtures';
import { RectifyHarness, startRectify, TestAccount } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

interface Instruction {
  id: string;
  recordedAt: string;
  dueAt: string;
}
interface TimelineEvent {
  kind: string;
  level: number;
  occurredAt: string;
  recordedAt: string;
  actor: string;
  detail: Record<string, unknown>;
}

describe(`the 批示 clock, timeline and ledger (${testEngine()})`, () => {
  let rectify: RectifyHarness;
  let leader: TestAccount;
  let silentUnit: TestAccount;
  let answeringUnit: TestAccount;
  let planCode: string;
  let measures: Record<string, { id: string }>;
  let silent: Instruction;
  let answered: Instruction;
  // Two units of their own, so the inboxes hold only this test's notices.
  const silentCode = uniqueCode('US').toUpperCase().slice(0, 12);
  const answeringCode = uniqueCode('UA').toUpperCase().slice(0, 12);

  // The clock's steps as stored (their instants are read through the timeline, in ISO form).
  const events = async (instructionId: string) =>
    (await rectify.db.dataSource.query(
      `SELECT kind FROM instruction_event WHERE instruction_id = '${instructionId}' ORDER BY occurred_at`,
    )) as { kind: string }[];
  const requests = async (instructionId: string) =>
    (await rectify.db.dataSource.query(
      `SELECT r.addressee_kind, r.addressee, e.kind FROM notification_requests r
         JOIN instruction_event e ON e.id = r.instruction_event_id
        WHERE e.instruction_id = '${instructionId}' ORDER BY e.occurred_at, r.addressee_kind`,
    )) as { addressee_kind: string; addressee: string; kind: string }[];
  const inbox = async (account: TestAccount) =>
    (await account.client.request('GET', '/me/inbox?limit=100')).body.items as {
      kind: string;
      level: number;
      subject: string;
      measure: { id: string };
    }[];
  // RECTIFY_RECORD_HISTORIES=dir keeps a finished clock's history as a replay fixture.
  const record = async (instructionId: string, file: string) => {
    const dir = process.env.RECTIFY_RECORD_HISTORIES;
    if (!dir) return;
    const handle = rectify.temporal.workflow.getHandle(`instruction:${instructionId}`);
    await handle.result();
    fs.writeFileSync(
      path.join(dir, file),
      temporal.api.history.v1.History.encode(await handle.fetchHistory()).finish(),
    );
  };
  const timeline = async (measureId: string) =>
    (await rectify.request('GET', `/measures/${measureId}`)).body as {
      events: TimelineEvent[];
      people: Record<string, string>;
    };

  beforeAll(async () => {
    rectify = await startRectify();
    planCode = uniqueCode('LC');
    const doc = aPlanDocument({ planCode, measures: 2 });
    doc.units.push(
      { code: silentCode, name: '沉默单位', level: 'province' },
      { code: answeringCode, name: '落实单位', level: 'province' },
    );
    const ms = doc.categories[0].aspects[0].problems[0].measures;
    ms[0].leadUnit = silentCode;
    ms[1].leadUnit = answeringCode;
    const imported = await rectify.request('POST', '/plans', doc);
    expect(imported.status).toBe(201);
    const list = await rectify.request('GET', `/measures?plan=${imported.body.planId}`);
    measures = Object.fromEntries(list.body.items.map((m: { code: string; id: string }) => [m.code, m]));

    leader = await rectify.createUser('lead_leader', { leaderName: '分管副省长' });
    silentUnit = await rectify.createUser('unit', { units: [silentCode] });
    answeringUnit = await rectify.createUser('unit', { units: [answeringCode] });
    // Each unit's contact is the person of its account: what is addressed to the unit reaches them.
    for (const [account, unit] of [
      [silentUnit, silentCode],
      [answeringUnit, answeringCode],
    ] as const) {
      const p = await rectify.request('POST', '/persons', {
        name: `${unit}联络员`,
        userId: account.id,
        unitCodes: [unit],
        duties: ['unit_contact'],
      });
      expect(p.status).toBe(201);
    }

    const issue = async (targetCode: string, text: string) => {
      const r = await leader.client.request('POST', `/plans/${planCode}/instructions`, {
        targetKind: 'measure',
        targetCode,
        text,
        issuedOn: '2019-03-01',
        author: '分管副省长',
        answerLimit: 'PT20S',
      });
      expect(r.status).toBe(201);
      return r.body as Instruction;
    };
    silent = await issue('P01-M1', '要求逐户核实，按期报送');
    answered = await issue('P01-M2', '要求建立台账，按期报送');
    const a = await answeringUnit.client.request('POST', `/instructions/${answered.id}/answers`, {
      text: '已建立台账并逐户销号',
    });
    expect(a.status).toBe(201);
  });
  afterAll(() => rectify?.stop());

  it('reminds the unit of an unanswered 批示 at its reminder time on the server clock, in its contact’s inbox', async () => {
    const recorded = Date.parse(silent.recordedAt);
    const due = Date.parse(silent.dueAt);
    expect(due - recorded).toBe(20_000);
    // A fifth of the time left: 16 s after it was recorded.
    const remindAt = recorded + 16_000;
    await eventually(async () => {
      expect((await events(silent.id)).map((r) => r.kind)).toContain('answer_reminder');
    });
    const reminder = (await timeline(measures['P01-M1'].id)).events.find(
      (e) => e.kind === 'instruction_answer_reminder' && e.detail.instructionId === silent.id,
    );
    expect(Date.parse(reminder!.occurredAt)).toBe(remindAt);
    expect(Date.parse(reminder!.recordedAt)).toBeGreaterThanOrEqual(remindAt);
    await eventually(async () => {
      expect(await inbox(silentUnit)).toContainEqual(
        expect.objectContaining({
          kind: 'instruction_answer_reminder',
          level: 0,
          measure: expect.objectContaining({ id: measures['P01-M1'].id }),
        }),
      );
    });
  });

  it('marks it overdue at the limit, telling the unit (urgently) and the office, once each', async () => {
    await eventually(async () => {
      expect((await events(silent.id)).map((r) => r.kind)).toEqual(['answer_reminder', 'answer_overdue']);
    });
    const overdue = (await timeline(measures['P01-M1'].id)).events.find(
      (e) => e.kind === 'instruction_answer_overdue' && e.detail.instructionId === silent.id,
    );
    expect(overdue!.occurredAt).toBe(silent.dueAt);
    expect(await requests(silent.id)).toEqual([
      { addressee_kind: 'unit', addressee: silentCode, kind: 'answer_reminder' },
      { addressee_kind: 'office', addressee: planCode, kind: 'answer_overdue' },
      { addressee_kind: 'unit', addressee: silentCode, kind: 'answer_overdue' },
    ]);
    await eventually(async () => {
      expect(await inbox(silentUnit)).toContainEqual(
        expect.objectContaining({ kind: 'instruction_answer_overdue', level: 1 }),
      );
    });
    const list = await leader.client.request('GET', `/plans/${planCode}/instructions`);
    expect(list.body.items.find((i: { id: string }) => i.id === silent.id).state).toBe('answer_overdue');
    const clock = await rectify.temporal.workflow.getHandle(`instruction:${silent.id}`).result();
    expect(clock).toEqual({
      dueAt: silent.dueAt,
      fired: ['answer_reminder', 'answer_overdue'],
      answered: false,
    });
    await record(silent.id, 'instruction-0-unanswered.history.pb');
  });

  it('never reminds an answered 批示: its clock ends at the answer with nothing fired', async () => {
    const clock = await rectify.temporal.workflow.getHandle(`instruction:${answered.id}`).result();
    expect(clock).toEqual({ dueAt: answered.dueAt, fired: [], answered: true });
    await record(answered.id, 'instruction-1-answered.history.pb');
    // By the time the silent one is overdue, the answered one's reminder time has long passed.
    await eventually(async () => {
      expect((await events(silent.id)).map((r) => r.kind)).toContain('answer_overdue');
    });
    expect(await events(answered.id)).toEqual([]);
    expect((await inbox(answeringUnit)).filter((i) => i.kind.startsWith('instruction_'))).toEqual([]);
  });

  it("shows each 批示, its answer and its clock's steps in its measure's timeline", async () => {
    await eventually(async () => {
      expect((await events(silent.id)).length).toBe(2);
    });
    const first = await timeline(measures['P01-M1'].id);
    const mine = first.events.filter((e) => e.detail.instructionId === silent.id);
    expect(mine.map((e) => [e.kind, e.level])).toEqual([
      ['instruction_issued', 0],
      ['instruction_answer_reminder', 0],
      ['instruction_answer_overdue', 1],
    ]);
    expect(mine[0]).toMatchObject({
      occurredAt: silent.recordedAt,
      actor: expect.stringContaining(leader.id),
      detail: { text: '要求逐户核实，按期报送', author: '分管副省长', dueAt: silent.dueAt },
    });
    // Merged in time order with the measure's own events.
    const instants = first.events.map((e) => Date.parse(e.occurredAt));
    expect(instants).toEqual([...instants].sort((a, b) => a - b));
    // The other measure's 批示 is not in this timeline.
    expect(first.events.some((e) => e.detail.instructionId === answered.id)).toBe(false);

    const second = await timeline(measures['P01-M2'].id);
    const theirs = second.events.filter((e) => e.detail.instructionId === answered.id);
    expect(theirs.map((e) => e.kind)).toEqual(['instruction_issued', 'instruction_answered']);
    expect(theirs[1]).toMatchObject({
      actor: expect.stringContaining(answeringUnit.id),
      detail: { text: '已建立台账并逐户销号', unitCode: answeringCode, late: false },
    });
    // The accounts that acted are named, as for the measure's own events.
    expect(Object.keys(second.people)).toEqual(expect.arrayContaining([leader.id, answeringUnit.id]));
  });

  it('lists every 批示 with its answers in the ledger’s 批示落实 sheet', async () => {
    await eventually(async () => {
      expect((await events(silent.id)).length).toBe(2);
    });
    const r = await rectify.request('GET', `/plans/${planCode}/ledger.xlsx`);
    expect(r.status).toBe(200);
    const wb = new Workbook();
    await wb.xlsx.load(r.body as never);
    const ws = wb.getWorksheet('批示落实');
    expect(ws).toBeDefined();
    const rows: (string | number | null)[][] = [];
    ws!.eachRow((row) => {
      rows.push(Array.from({ length: 11 }, (_, i) => (row.getCell(i + 1).value as string | number) ?? null));
    });
    expect(rows[0]).toEqual([
      '序号',
      '批示对象',
      '批示内容',
      '批示领导',
      '批示日期',
      '落实时限',
      '落实状态',
      '落实单位',
      '落实情况',
      '报送时间',
      '逾期报送',
    ]);
    // Times in the plan's zone (Asia/Shanghai, UTC+8).
    const local = (iso: string) =>
      new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
    const answer = (await leader.client.request('GET', `/plans/${planCode}/instructions`)).body.items.find(
      (i: { id: string }) => i.id === answered.id,
    ).answers[0];
    expect(rows.slice(1)).toEqual([
      [
        1,
        '整改措施 P01-M1',
        '要求逐户核实，按期报送',
        '分管副省长',
        '2019-03-01',
        local(silent.dueAt),
        '逾期未落实',
        null,
        null,
        null,
        null,
      ],
      [
        2,
        '整改措施 P01-M2',
        '要求建立台账，按期报送',
        '分管副省长',
        '2019-03-01',
        local(answered.dueAt),
        '已落实',
        `落实单位（${answeringCode}）`,
        '已建立台账并逐户销号',
        local(answer.answeredAt),
        '否',
      ],
    ]);
  });
});
