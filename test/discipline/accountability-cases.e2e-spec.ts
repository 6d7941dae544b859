import { caseClockQuery } from '../../workflows/case/case.contract';
import { eventually } from '../support/eventually';
import {
  DISCIPLINE_BODIES,
  DisciplineBodyCode,
  DisciplineWorld,
  setUpDisciplineWorld,
} from '../support/discipline-fixtures';
import { HttpAnswer, RectifyHarness, startRectify } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';

type Body = DisciplineBodyCode;

describe(`accountability cases at discipline bodies, over HTTP (${testEngine()})`, () => {
  let rectify: RectifyHarness;
  let as: DisciplineWorld['as'];
  let measure: DisciplineWorld['measure'];
  let caseId: string;
  const person: Record<string, string> = {};
  const decision: Record<string, string> = {};

  const count = async (table: string) => {
    const [row] = await rectify.db.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`);
    return Number(row.n);
  };
  const expectRefused = (r: HttpAnswer, status: number, code: string, path?: string) => {
    expect({ status: r.status, code: r.body?.code }).toEqual({ status, code });
    if (path) expect(r.body.details.map((d: { path: string }) => d.path)).toContain(path);
  };

  beforeAll(async () => {
    rectify = await startRectify();
    ({ as, measure } = await setUpDisciplineWorld(rectify, ['YZ-V', 'GL', 'YZ-T']));
  });
  afterAll(() => rectify?.stop());

  it('keeps a body tree that holds, and only discipline accounts as members', async () => {
    const orphan = await as.office.request('PUT', '/discipline-bodies/X-JW', {
      ...DISCIPLINE_BODIES['YZ-JW'],
      parent: 'NOPE',
    });
    expectRefused(orphan, 400, 'VALIDATION_FAILED', 'body.parent');
    const notAbove = await as.office.request('PUT', '/discipline-bodies/X-JW', {
      ...DISCIPLINE_BODIES['YZ-JW'],
      level: 'city',
      parent: 'YZ-JW',
    });
    expectRefused(notAbove, 400, 'VALIDATION_FAILED', 'body.parent');
    expect(await count('discipline_bodies')).toBe(Object.keys(DISCIPLINE_BODIES).length);
    const unit = await rectify.createUser('unit', { units: ['YZ'] });
    const wrongRole = await as.office.request('PUT', '/discipline-bodies/YZ-JW/members', {
      principalIds: [unit.id],
    });
    expectRefused(wrongRole, 400, 'VALIDATION_FAILED', 'body.principalIds.0');
    expect(await count('discipline_body_members')).toBe(Object.keys(DISCIPLINE_BODIES).length);
  });

  it('refers a measure by hand only with a reason, and opens it at the nearest competent body', async () => {
    const noReason = await as.office.request('POST', '/cases', { measureId: measure['P01-M1'] });
    expectRefused(noReason, 400, 'VALIDATION_FAILED', 'body.reason');
    expect(noReason.body.message).toContain('was never referred');
    expect(await count('accountability_cases')).toBe(0);

    const opened = await as.office.request('POST', '/cases', {
      measureId: measure['P01-M1'],
      reason: '整改敷衍应付，虚报整改进度',
    });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ origin: 'manual', status: 'open', bodyCode: 'YZ-T-JW' });
    caseId = opened.body.id;

    const again = await as.office.request('POST', '/cases', {
      measureId: measure['P01-M1'],
      reason: '再次移送',
    });
    expectRefused(again, 409, 'COMMAND_REFUSED');
    expect(await count('accountability_cases')).toBe(1);
    const clock = await rectify.temporal.workflow.getHandle(opened.body.workflowId).query(caseClockQuery);
    expect(clock).toMatchObject({ dueAt: opened.body.dueAt, settled: false });
  });

  it.each([
    ['office', 200],
    ['YZ-T-JW', 200],
    ['YZ-JW', 200],
    ['LZ-JW', 200],
    ['GS-JW', 200],
    ['GL-JW', 404],
    ['LZ-ZZB', 200],
    ['unit', 403],
    ['verifier', 403],
    ['leader', 403],
  ] as const)('shows the case file to %s: %i', async (who, status) => {
    const r = await as[who].request('GET', `/cases/${caseId}`);
    expect({ status: r.status, code: r.body?.code }).toEqual({
      status,
      code: status === 200 ? undefined : status === 404 ? 'NOT_FOUND' : 'FORBIDDEN',
    });
    const list = await as[who].request('GET', '/cases');
    if (status === 403) expect(list.status).toBe(403);
    else expect(list.body.items.map((c: { id: string }) => c.id)).toEqual(status === 200 ? [caseId] : []);
  });

  it('names the persons concerned, as the body holding the case only', async () => {
    const people = {
      村干部甲: { post: '某村党支部书记', cadreLevel: 'village', partyMember: true, relation: 'direct' },
      镇干部乙: {
        post: '某镇副镇长',
        cadreLevel: 'township',
        partyMember: true,
        relation: 'leader_in_charge',
      },
      村干部丙: { post: '某村文书', cadreLevel: 'village', partyMember: false, relation: 'direct' },
      镇干部丁: { post: '某镇党委书记', cadreLevel: 'township', partyMember: true, relation: 'principal' },
    };
    expectRefused(
      await as['GL-JW'].request('POST', `/cases/${caseId}/persons`, { name: '某人', ...people.村干部甲 }),
      404,
      'NOT_FOUND',
    );
    expectRefused(
      await as['YZ-JW'].request('POST', `/cases/${caseId}/persons`, { name: '某人', ...people.村干部甲 }),
      403,
      'FORBIDDEN',
    );
    expectRefused(
      await as['YZ-T-JW'].request('POST', `/cases/${caseId}/persons`, {
        name: '某人',
        ...people.村干部甲,
        cadreLevel: 'hamlet',
      }),
      400,
      'VALIDATION_FAILED',
      'body.cadreLevel',
    );
    expect(await count('case_persons')).toBe(0);
    for (const [name, p] of Object.entries(people)) {
      const r = await as['YZ-T-JW'].request('POST', `/cases/${caseId}/persons`, { name, ...p });
      expect(r.status).toBe(201);
      person[name] = r.body.id;
    }
  });

  it('refuses a decision that is not complete, naming the field, and writes nothing', async () => {
    const base = { personId: person['村干部甲'], decidedOn: '2019-05-10' };
    const cases: [Record<string, unknown>, string][] = [
      [{ form: 'fine', documentNumber: 'x' }, 'body.form'],
      [{ form: 'tolerated_error' }, 'body.reasonCode'],
      [{ form: 'tolerated_error', reasonCode: 'felt_sorry', statement: '…' }, 'body.reasonCode'],
      [{ form: 'party_discipline', documentNumber: '镇纪〔2019〕1号' }, 'body.subForm'],
      [{ form: 'government_sanction', subForm: '记过' }, 'body.documentNumber'],
      [{ form: 'criticism_education', documentNumber: 'x', decidedOn: '2999-01-01' }, 'body.decidedOn'],
      [{ form: 'criticism_education', documentNumber: 'x', personId: 'nobody' }, 'body.personId'],
    ];
    for (const [input, path] of cases)
      expectRefused(
        await as['YZ-T-JW'].request('POST', `/cases/${caseId}/decisions`, { ...base, ...input }),
        400,
        'VALIDATION_FAILED',
        path,
      );
    expect(await count('case_decisions')).toBe(0);
  });

  it('makes a sanction on a village or township cadre provisional until the body the rules name reviews it', async () => {
    const decide = (name: string, input: Record<string, unknown>, by: Body = 'YZ-T-JW') =>
      as[by].request('POST', `/cases/${caseId}/decisions`, {
        personId: person[name],
        decidedOn: '2019-05-10',
        ...input,
      });
    const a = await decide('村干部甲', {
      form: 'party_discipline',
      subForm: '警告',
      documentNumber: '镇纪〔2019〕1号',
    });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ state: 'provisional', reviewBodyCode: 'YZ-JW', bodyCode: 'YZ-T-JW' });
    decision['村干部甲'] = a.body.id;
    const b = await decide('镇干部乙', {
      form: 'government_sanction',
      subForm: '记过',
      documentNumber: '镇监〔2019〕2号',
    });
    expect(b.body).toMatchObject({ state: 'provisional', reviewBodyCode: 'LZ-JW' });
    decision['镇干部乙'] = b.body.id;
    const c = await decide('村干部丙', {
      form: 'tolerated_error',
      reasonCode: 'collective_decision',
      statement: '经村两委集体研究决定，程序合规',
    });
    expect(c.body).toMatchObject({ state: 'final', reviewBodyCode: null });
    // 组织处理 comes from the organisation department, alongside the commission's decision.
    const d = await decide(
      '镇干部丁',
      { form: 'organisational_handling', subForm: '调整职务', documentNumber: '兰组〔2019〕3号' },
      'LZ-ZZB',
    );
    expect(d.body).toMatchObject({ state: 'final', bodyCode: 'LZ-ZZB' });
    const notHers = await decide(
      '镇干部丁',
      { form: 'party_discipline', subForm: '警告', documentNumber: 'x' },
      'LZ-ZZB',
    );
    expectRefused(notHers, 403, 'FORBIDDEN');

    // One decision in force per person and body: a second one is a correction.
    const twice = await decide('村干部甲', {
      form: 'criticism_education',
      documentNumber: '镇纪〔2019〕9号',
    });
    expectRefused(twice, 409, 'COMMAND_REFUSED');
    expect(await count('case_decisions')).toBe(4);

    // Concluding waits for the reviews.
    expectRefused(await as['YZ-T-JW'].request('POST', `/cases/${caseId}/conclusion`), 409, 'COMMAND_REFUSED');
  });

  it('lets only the reviewing body confirm or overturn, and sends an overturned decision back', async () => {
    const review = (by: Body, name: string, body: Record<string, unknown>) =>
      as[by].request('POST', `/cases/${caseId}/decisions/${decision[name]}/review`, body);
    expectRefused(await review('GL-JW', '村干部甲', { outcome: 'confirm' }), 404, 'NOT_FOUND');
    expectRefused(await review('LZ-JW', '村干部甲', { outcome: 'confirm' }), 403, 'FORBIDDEN');
    const confirmed = await review('YZ-JW', '村干部甲', { outcome: 'confirm' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ state: 'final', reviewReasons: null });
    expectRefused(await review('YZ-JW', '村干部甲', { outcome: 'confirm' }), 409, 'COMMAND_REFUSED');

    expectRefused(
      await review('LZ-JW', '镇干部乙', { outcome: 'overturn' }),
      400,
      'VALIDATION_FAILED',
      'body.reasons',
    );
    const overturned = await review('LZ-JW', '镇干部乙', {
      outcome: 'overturn',
      reasons: '事实不清，责任划分不准',
    });
    expect(overturned.body).toMatchObject({ state: 'overturned', reviewReasons: '事实不清，责任划分不准' });

    // Back at the deciding body, which decides again for that person.
    const again = await as['YZ-T-JW'].request('POST', `/cases/${caseId}/decisions`, {
      personId: person['镇干部乙'],
      form: 'criticism_education',
      decidedOn: '2019-05-20',
      documentNumber: '镇纪〔2019〕5号',
    });
    expect(again.body).toMatchObject({ state: 'final' });
    const file = await as.office.request('GET', `/cases/${caseId}`);
    expect(file.body.events.map((e: { kind: string }) => e.kind)).toEqual([
      'opened',
      'person_added',
      'person_added',
      'person_added',
      'person_added',
      'decided',
      'decided',
      'decided',
      'decided',
      'reviewed',
      'returned',
      'decided',
    ]);
    expect(file.body.events[10].detail).toMatchObject({
      outcome: 'overturn',
      reasons: '事实不清，责任划分不准',
    });
  });

  it('concludes when every person has a decision in force, and stops the case clock', async () => {
    const concluded = await as['YZ-T-JW'].request('POST', `/cases/${caseId}/conclusion`);
    expect(concluded.status).toBe(200);
    expect(concluded.body.status).toBe('concluded');
    await eventually(async () => {
      const clock = await rectify.temporal.workflow
        .getHandle(concluded.body.workflowId)
        .query(caseClockQuery);
      expect(clock.settled).toBe(true);
    });
    expectRefused(
      await as['YZ-T-JW'].request('POST', `/cases/${caseId}/persons`, {
        name: '迟到者',
        post: '某村会计',
        cadreLevel: 'village',
        partyMember: false,
        relation: 'other',
      }),
      409,
      'COMMAND_REFUSED',
    );
  });

  it('corrects a decision in force from the body that made it or one above, keeping both on record', async () => {
    const correct = (by: Body, id: string, body: Record<string, unknown>) =>
      as[by].request('POST', `/cases/${caseId}/decisions/${id}/correction`, body);
    const input = { form: 'criticism_education', decidedOn: '2019-06-01', documentNumber: '榆纪〔2019〕7号' };
    expectRefused(
      await correct('YZ-JW', decision['村干部甲'], input),
      400,
      'VALIDATION_FAILED',
      'body.reason',
    );
    expectRefused(
      await correct('GL-JW', decision['村干部甲'], { ...input, reason: '处分偏重' }),
      404,
      'NOT_FOUND',
    );
    const corrected = await correct('YZ-JW', decision['村干部甲'], {
      ...input,
      reason: '处分偏重，予以纠正',
    });
    expect(corrected.status).toBe(201);
    expect(corrected.body).toMatchObject({
      form: 'criticism_education',
      state: 'final',
      bodyCode: 'YZ-JW',
      correctsId: decision['村干部甲'],
      correctionReason: '处分偏重，予以纠正',
    });
    // The township body is below the county body: it cannot undo the county's correction.
    expectRefused(
      await correct('YZ-T-JW', corrected.body.id, { ...input, reason: '恢复原处分' }),
      403,
      'FORBIDDEN',
    );
    const file = await as.office.request('GET', `/cases/${caseId}`);
    const ofA = file.body.decisions.filter((d: { personId: string }) => d.personId === person['村干部甲']);
    expect(ofA.map((d: { form: string; state: string }) => [d.form, d.state])).toEqual([
      ['party_discipline', 'corrected'],
      ['criticism_education', 'final'],
    ]);
  });

  it('tells a reader of the measure that it was referred and the outcome, naming no one', async () => {
    const r = await as.unit.request('GET', `/measures/${measure['P01-M1']}/accountability`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ referred: true });
    expect(r.body.cases).toEqual([
      expect.objectContaining({
        origin: 'manual',
        status: 'concluded',
        body: { code: 'YZ-T-JW', name: '某镇纪委' },
        outcome: { criticism_education: 2, tolerated_error: 1, organisational_handling: 1 },
      }),
    ]);
    expect(JSON.stringify(r.body)).not.toMatch(/村干部|镇干部/);
    const other = await as.unit.request('GET', `/measures/${measure['P01-M2']}/accountability`);
    expectRefused(other, 404, 'NOT_FOUND');
  });
});
