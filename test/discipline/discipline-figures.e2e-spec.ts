import { HttpAnswer, RectifyHarness, startRectify } from '../support/rectify-harness';
import {
  type DisciplineBodyCode,
  type DisciplineWorld,
  setUpDisciplineWorld,
} from '../support/discipline-fixtures';
import { testEngine } from '../support/test-database';

// The seed's sentence: 查处…376件850人，其中党纪政务处分450人，组织处理406人，问责153人，移送司法机关13人.
// Each figure counts persons once, from decisions in force only.
const SIX = [
  'cases',
  'persons',
  'partyOrGovernmentSanctions',
  'organisationalHandling',
  'heldAccountable',
  'judicialReferrals',
] as const;
const six = (f: Record<string, unknown>) => Object.fromEntries(SIX.map((k) => [k, f[k]]));

// Persons of the case at 榆中县 (A) and of the case at 皋兰县 (B), with what is decided on each.
const CASE_A = {
  村干部甲: { post: '某村党支部书记', cadreLevel: 'village', relation: 'direct' }, // 党纪处分 and 组织处理
  村干部乙: { post: '某村村委会主任', cadreLevel: 'village', relation: 'direct' }, // 移送司法机关
  镇干部丙: { post: '某镇副镇长', cadreLevel: 'township', relation: 'direct' }, // 政务处分, provisional
  村干部丁: { post: '某村文书', cadreLevel: 'village', relation: 'other' }, // 诫勉谈话
  镇干部戊: { post: '某镇党委书记', cadreLevel: 'township', relation: 'principal' }, // 容错免责
  镇干部己: { post: '某镇扶贫办主任', cadreLevel: 'township', relation: 'direct' }, // 党纪处分, overturned
  村干部庚: { post: '某村会计', cadreLevel: 'village', relation: 'direct' }, // 党纪处分 corrected to 批评教育
} as const;
const CASE_B = {
  县干部辛: { post: '皋兰县扶贫办主任', cadreLevel: 'county', relation: 'principal' }, // 党纪处分
  村干部壬: { post: '某村监委会主任', cadreLevel: 'village', relation: 'direct' }, // 批评教育
} as const;
const NAMES = [...Object.keys(CASE_A), ...Object.keys(CASE_B)];

describe(`discipline figures by body and period, and the 问责泛化 report (${testEngine()})`, () => {
  let rectify: RectifyHarness;
  let w: DisciplineWorld;
  let today: string;
  const FROM = '2019-01-01';
  const person: Record<string, string> = {};

  const count = async (table: string) => {
    const [row] = await rectify.db.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`);
    return Number(row.n);
  };
  const expectRefused = (r: HttpAnswer, status: number, code: string, path?: string) => {
    expect({ status: r.status, code: r.body?.code }).toEqual({ status, code });
    if (path) expect(r.body.details.map((d: { path: string }) => d.path)).toContain(path);
  };
  const figures = (who: keyof DisciplineWorld['as'], body: string, extra = '') =>
    w.as[who].request('GET', `/discipline-figures?body=${body}&from=${FROM}&to=${today}${extra}`);

  async function openCase(measureCode: string, holder: DisciplineBodyCode, persons: Record<string, object>) {
    const opened = await w.as.office.request('POST', '/cases', {
      measureId: w.measure[measureCode],
      reason: '整改敷衍应付，虚报整改进度',
    });
    expect(opened.body).toMatchObject({ status: 'open', bodyCode: holder });
    for (const [name, p] of Object.entries(persons)) {
      const r = await w.as[holder].request('POST', `/cases/${opened.body.id}/persons`, {
        name,
        partyMember: true,
        ...p,
      });
      expect(r.status).toBe(201);
      person[name] = r.body.id;
    }
    return opened.body as { id: string; openedAt: string };
  }

  async function decide(caseId: string, by: DisciplineBodyCode, name: string, d: Record<string, unknown>) {
    const r = await w.as[by].request('POST', `/cases/${caseId}/decisions`, {
      personId: person[name],
      decidedOn: '2019-05-10',
      ...d,
    });
    expect(r.status).toBe(201);
    return r.body as { id: string; state: string };
  }

  beforeAll(async () => {
    rectify = await startRectify();
    w = await setUpDisciplineWorld(rectify, ['YZ', 'GL', 'YZ-V']);

    const a = await openCase('P01-M1', 'YZ-JW', CASE_A);
    await decide(a.id, 'YZ-JW', '村干部甲', {
      form: 'party_discipline',
      subForm: '警告',
      documentNumber: '榆纪〔2019〕1号',
    });
    await decide(a.id, 'LZ-ZZB', '村干部甲', {
      form: 'organisational_handling',
      subForm: '免职',
      documentNumber: '兰组〔2019〕1号',
    });
    await decide(a.id, 'YZ-JW', '村干部乙', { form: 'judicial_referral', documentNumber: '榆纪〔2019〕2号' });
    // A township cadre's sanction by a county body waits for the city body's review (提级审核).
    const provisional = await decide(a.id, 'YZ-JW', '镇干部丙', {
      form: 'government_sanction',
      subForm: '记过',
      documentNumber: '榆监〔2019〕3号',
    });
    expect(provisional.state).toBe('provisional');
    await decide(a.id, 'YZ-JW', '村干部丁', { form: 'admonishment_talk', documentNumber: '榆纪〔2019〕4号' });
    await decide(a.id, 'YZ-JW', '镇干部戊', {
      form: 'tolerated_error',
      reasonCode: 'collective_decision',
      statement: '经镇党委集体研究决定，程序合规',
    });
    const toOverturn = await decide(a.id, 'YZ-JW', '镇干部己', {
      form: 'party_discipline',
      subForm: '严重警告',
      documentNumber: '榆纪〔2019〕5号',
    });
    const overturned = await w.as['LZ-JW'].request(
      'POST',
      `/cases/${a.id}/decisions/${toOverturn.id}/review`,
      { outcome: 'overturn', reasons: '事实不清' },
    );
    expect(overturned.body.state).toBe('overturned');
    const toCorrect = await decide(a.id, 'YZ-JW', '村干部庚', {
      form: 'party_discipline',
      subForm: '警告',
      documentNumber: '榆纪〔2019〕6号',
    });
    const corrected = await w.as['YZ-JW'].request(
      'POST',
      `/cases/${a.id}/decisions/${toCorrect.id}/correction`,
      {
        form: 'criticism_education',
        decidedOn: '2019-05-20',
        documentNumber: '榆纪〔2019〕7号',
        reason: '处分偏重',
      },
    );
    expect(corrected.status).toBe(201);

    const b = await openCase('P01-M2', 'GL-JW', CASE_B);
    await decide(b.id, 'GL-JW', '县干部辛', {
      form: 'party_discipline',
      subForm: '警告',
      documentNumber: '皋纪〔2019〕1号',
    });
    await decide(b.id, 'GL-JW', '村干部壬', {
      form: 'criticism_education',
      documentNumber: '皋纪〔2019〕2号',
    });

    // The period runs to the day the server opened the last case, read in the default zone.
    today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(b.openedAt));
  });
  afterAll(() => rectify?.stop());

  const A = {
    cases: 1,
    persons: 7,
    partyOrGovernmentSanctions: 1, // 甲 (丙 provisional, 己 overturned, 庚 corrected)
    organisationalHandling: 1, // 甲 again
    heldAccountable: 4, // 甲 乙 丁 庚
    judicialReferrals: 1, // 乙
    toleratedErrors: 1, // 戊
    provisional: 1, // 丙
  };
  const B = {
    cases: 1,
    persons: 2,
    partyOrGovernmentSanctions: 1,
    organisationalHandling: 0,
    heldAccountable: 2,
    judicialReferrals: 0,
    toleratedErrors: 0,
    provisional: 0,
  };
  const NONE = { ...B, cases: 0, persons: 0, partyOrGovernmentSanctions: 0, heldAccountable: 0 };

  it('counts a county body’s recorded decisions, a person once per figure, decisions in force only', async () => {
    const r = await figures('YZ-JW', 'YZ-JW');
    expect(r.status).toBe(200);
    expect(r.body.computed).toEqual(A);
    expect(r.body.entered).toEqual([]);
    expect(r.body.total).toEqual(six(A));
    expect(r.body.byBody.map((b: { body: { code: string } }) => b.body.code)).toEqual(['YZ-JW', 'YZ-T-JW']);
  });

  it('sums a city body’s counties, body by body', async () => {
    const r = await figures('LZ-JW', 'LZ-JW');
    expect(r.body.computed).toEqual({
      cases: 2,
      persons: 9,
      partyOrGovernmentSanctions: 2,
      organisationalHandling: 1,
      heldAccountable: 6,
      judicialReferrals: 1,
      toleratedErrors: 1,
      provisional: 1,
    });
    const byBody = Object.fromEntries(
      r.body.byBody.map((b: { body: { code: string }; computed: unknown }) => [b.body.code, b.computed]),
    );
    expect(byBody).toEqual({ 'LZ-JW': NONE, 'YZ-JW': A, 'GL-JW': B, 'YZ-T-JW': NONE });
  });

  it('counts only the decisions dated in the period', async () => {
    const r = await w.as.office.request('GET', `/discipline-figures?body=LZ-JW&from=2019-06-01&to=${today}`);
    expect(r.body.computed).toEqual({ ...NONE, cases: 2, persons: 9 });
  });

  it.each([
    ['office', 'YZ-JW', 200],
    ['GS-JW', 'YZ-JW', 200],
    ['LZ-JW', 'YZ-JW', 200],
    ['YZ-JW', 'YZ-T-JW', 200],
    ['GL-JW', 'YZ-JW', 404],
    ['YZ-JW', 'LZ-JW', 404],
    ['YZ-T-JW', 'YZ-JW', 404],
    ['LZ-ZZB', 'YZ-JW', 404],
    ['unit', 'YZ-JW', 403],
    ['verifier', 'YZ-JW', 403],
    ['leader', 'YZ-JW', 403],
  ] as const)('shows %s the figures of %s: %i', async (who, body, status) => {
    for (const path of ['/discipline-figures', '/discipline-figures/over-broad']) {
      const r = await w.as[who].request('GET', `${path}?body=${body}&from=${FROM}&to=${today}`);
      expect({ status: r.status, code: r.body?.code }).toEqual({
        status,
        code: status === 200 ? undefined : status === 404 ? 'NOT_FOUND' : 'FORBIDDEN',
      });
    }
  });

  it('refuses a discipline account that acts for no body', async () => {
    const loose = await rectify.createUser('discipline', { units: ['GL'] });
    expectRefused(
      await loose.client.request('GET', `/discipline-figures?body=GL-JW&from=${FROM}&to=${today}`),
      403,
      'FORBIDDEN',
    );
  });

  it('adds entered aggregates into the total, labelled with who entered them and when', async () => {
    const seedQuarter = {
      from: '2019-01-01',
      to: '2019-03-31',
      cases: 10,
      persons: 20,
      partyOrGovernmentSanctions: 8,
      organisationalHandling: 6,
      heldAccountable: 5,
      judicialReferrals: 1,
    };
    // A county body enters for itself; not for the county next door.
    expectRefused(
      await w.as['YZ-JW'].request('PUT', '/discipline-figures', { ...seedQuarter, bodyCode: 'GL-JW' }),
      404,
      'NOT_FOUND',
    );
    expectRefused(
      await w.as.unit.request('PUT', '/discipline-figures', { ...seedQuarter, bodyCode: 'GL-JW' }),
      403,
      'FORBIDDEN',
    );
    expect(await count('entered_discipline_figures')).toBe(0);
    const first = await w.as['GL-JW'].request('PUT', '/discipline-figures', {
      ...seedQuarter,
      bodyCode: 'GL-JW',
      persons: 19,
    });
    expect(first.status).toBe(200);
    expect(first.body.outcome).toBe('created');
    // Entering the same body and period again replaces the row; the audit log keeps both.
    const again = await w.as['GL-JW'].request('PUT', '/discipline-figures', {
      ...seedQuarter,
      bodyCode: 'GL-JW',
      note: '线下办理案件汇总',
    });
    expect(again.body).toMatchObject({ outcome: 'replaced', entered: { id: first.body.entered.id } });
    expect(await count('entered_discipline_figures')).toBe(1);
    const audit = await rectify.db.dataSource.query(
      `SELECT before FROM audit_log WHERE method = 'PUT' AND path = '/discipline-figures' AND status = 200 ORDER BY seq`,
    );
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[1].before)).toMatchObject({ figures: { persons: 19 } });

    const r = await figures('LZ-JW', 'LZ-JW');
    expect(r.body.entered).toEqual([
      {
        source: 'entered',
        id: first.body.entered.id,
        bodyCode: 'GL-JW',
        from: '2019-01-01',
        to: '2019-03-31',
        planId: null,
        figures: six(seedQuarter),
        note: '线下办理案件汇总',
        enteredBy: expect.stringMatching(/^discipline:user:/),
        enteredAt: expect.any(String),
      },
    ]);
    expect(r.body.total).toEqual({
      cases: 2 + 10,
      persons: 9 + 20,
      partyOrGovernmentSanctions: 2 + 8,
      organisationalHandling: 1 + 6,
      heldAccountable: 6 + 5,
      judicialReferrals: 1 + 1,
    });
    const gl = r.body.byBody.find((b: { body: { code: string } }) => b.body.code === 'GL-JW');
    expect(gl).toMatchObject({ computed: B, entered: six(seedQuarter) });
    // The other county sees none of it.
    expect((await figures('YZ-JW', 'YZ-JW')).body.total).toEqual(six(A));
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const good = {
      bodyCode: 'YZ-JW',
      from: '2019-01-01',
      to: '2019-03-31',
      cases: 1,
      persons: 2,
      partyOrGovernmentSanctions: 1,
      organisationalHandling: 1,
      heldAccountable: 1,
      judicialReferrals: 1,
    };
    const before = await count('entered_discipline_figures');
    const bad: [Record<string, unknown>, string][] = [
      [{ bodyCode: 'NOPE-JW' }, 'body.bodyCode'],
      [{ from: '2019-04-01' }, 'body.from'],
      [{ to: '2019-02-30' }, 'body.to'],
      [{ persons: -1 }, 'body.persons'],
      [{ cases: 1.5 }, 'body.cases'],
      [{ heldAccountable: '3' }, 'body.heldAccountable'],
      [{ judicialReferrals: 3 }, 'body.judicialReferrals'],
      [{ cases: 0 }, 'body.cases'],
      [{ planId: '00000000-0000-0000-0000-000000000000' }, 'body.planId'],
      [{ shoeSize: 42 }, 'body'],
    ];
    for (const [change, path] of bad)
      expectRefused(
        await w.as.office.request('PUT', '/discipline-figures', { ...good, ...change }),
        400,
        'VALIDATION_FAILED',
        path,
      );
    expect(await count('entered_discipline_figures')).toBe(before);

    expectRefused(await figures('office', 'NOPE-JW'), 400, 'VALIDATION_FAILED', 'query.body');
    expectRefused(
      await w.as.office.request('GET', `/discipline-figures?body=LZ-JW&from=${today}&to=2019-01-01`),
      400,
      'VALIDATION_FAILED',
      'query.from',
    );
    expectRefused(
      await w.as.office.request('GET', '/discipline-figures/over-broad?body=LZ-JW&from=2019-01-01'),
      400,
      'VALIDATION_FAILED',
      'query.to',
    );
  });

  it('flags the body where front-line cadres carry most sanctions and no unit leader any (问责泛化)', async () => {
    const r = await w.as['LZ-JW'].request(
      'GET',
      `/discipline-figures/over-broad?body=LZ-JW&from=${FROM}&to=${today}`,
    );
    expect(r.status).toBe(200);
    expect(r.body.byBody[0]).toMatchObject({
      body: { code: 'YZ-JW' },
      flagged: true,
      frontLine: 4,
      leaders: 0,
      total: 4,
      byCadreLevel: { village: 4, township: 0, county: 0 },
    });
    expect(r.body.byBody[0].reason).toContain('问责泛化');
    expect(
      r.body.byBody
        .slice(1)
        .map((b: { body: { code: string }; flagged: boolean }) => [b.body.code, b.flagged]),
    ).toEqual([
      ['LZ-JW', false],
      ['GL-JW', false],
      ['YZ-T-JW', false],
    ]);
    // 皋兰县's principal carries a sanction: the city as a whole is not flagged.
    expect(r.body.overall).toMatchObject({ flagged: false, frontLine: 5, leaders: 1, total: 6 });
  });

  describe('in the plan’s bulletin', () => {
    beforeAll(async () => {
      // Figures entered for this plan by a body handling part of it outside Rectify.
      const entered = await w.as.office.request('PUT', '/discipline-figures', {
        bodyCode: 'YZ-JW',
        from: '2019-01-01',
        to: '2019-03-31',
        planId: w.planId,
        cases: 3,
        persons: 4,
        partyOrGovernmentSanctions: 1,
        organisationalHandling: 1,
        heldAccountable: 2,
        judicialReferrals: 0,
      });
      expect(entered.status).toBe(200);
    });

    it('gives the plan’s figures, with those entered for it, when asked for the plan', async () => {
      const r = await figures('office', 'LZ-JW', `&plan=${w.planId}`);
      expect(r.body.plan).toMatchObject({ id: w.planId });
      expect(r.body.entered.map((e: { bodyCode: string; planId: string }) => [e.bodyCode, e.planId])).toEqual(
        [['YZ-JW', w.planId]],
      );
      expect(r.body.total).toMatchObject({ cases: 2 + 3, persons: 9 + 4 });
    });

    it.each([
      ['internal', 'md'],
      ['internal', 'html'],
      ['public', 'md'],
      ['public', 'html'],
    ] as const)(
      'shows the seed’s sentence in the %s edition (%s), naming no person',
      async (edition, format) => {
        const r = await w.as.office.request(
          'GET',
          `/plans/${w.planId}/bulletin?edition=${edition}&format=${format}`,
        );
        expect(r.status).toBe(200);
        const text = String(r.body);
        expect(text).toContain(
          '纪检监察机关共查处问题5件13人，其中党纪政务处分3人，组织处理2人，问责8人，移送司法机关1人（其中3件为填报数）。',
        );
        for (const name of NAMES) expect(text).not.toContain(name);
        for (const p of [...Object.values(CASE_A), ...Object.values(CASE_B)])
          expect(text).not.toContain(p.post);
      },
    );
  });
});
