import { Workbook } from 'exceljs';
import { MeasureEntity } from '../../libs/persistence/src/entities/measure.entity';
import { aPlanDocument } from '../support/plan-fixtures';
import { RectifyHarness, startRectify } from '../support/rectify-harness';
import { planRowCounts } from '../support/row-counts';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

const JSON_TYPE = { 'content-type': 'application/json' };

// The fixture's feedback date is 2019-01-18, its zone Asia/Shanghai. Two problems: P01 立行立改
// (immediate) and P02 攻坚 (long_term), with deadlines as offices write them.
function deadlinePlan(o: { longTermMeasures?: 'deadline' | 'reviews' } = {}) {
  const doc = aPlanDocument({ planCode: uniqueCode('DL'), measures: 2, track: 'immediate' });
  const p1 = doc.categories[0].aspects[0].problems[0];
  p1.measures[0].due = '立行立改';
  p1.measures[1].due = '当日17:30前';
  const m = (code: string, due: string) => ({ ...p1.measures[1], code, due });
  doc.categories[0].aspects[0].problems.push({
    ...p1,
    code: 'P02',
    title: '贫困户退出不够精准',
    track: 'long_term',
    measures: [m('P02-M1', '9月26日下午6点前'), m('P02-M2', '明年6月底前'), m('P02-M3', '长期坚持')],
  });
  if (o.longTermMeasures) Object.assign(doc.plan, { longTermMeasures: o.longTermMeasures });
  return doc;
}

describe(`deadlines as offices write them, imported (${testEngine()})`, () => {
  let rectify: RectifyHarness;

  beforeAll(async () => {
    rectify = await startRectify();
  });
  afterAll(() => rectify?.stop());

  const rows = async (planCode: string) => {
    const plan = await rectify.request('GET', `/plans/${planCode}`);
    return rectify.db.dataSource
      .getRepository(MeasureEntity)
      .find({ where: { planId: plan.body.id }, order: { position: 'ASC' } });
  };

  it('reads hour deadlines, 立行立改 and 明年 forms: every reading shown, instants stored, defaults marked', async () => {
    const doc = deadlinePlan();
    const r = await rectify.send('POST', '/plans', Buffer.from(JSON.stringify(doc)), JSON_TYPE);
    expect(r.status).toBe(201);
    expect(r.body.warnings).toEqual([]);
    expect(
      r.body.deadlines.map((d: Record<string, unknown>) => [
        d.measureCode,
        d.written,
        d.date,
        d.time ?? null,
        d.dueAt,
        d.assumed ?? false,
      ]),
    ).toEqual([
      ['P01-M1', '立行立改', '2019-02-02', null, '2019-02-02T16:00:00.000Z', true],
      ['P01-M2', '当日17:30前', '2019-01-18', '17:30', '2019-01-18T09:30:00.000Z', false],
      ['P02-M1', '9月26日下午6点前', '2019-09-26', '18:00', '2019-09-26T10:00:00.000Z', false],
      ['P02-M2', '明年6月底前', '2020-06-30', null, '2020-06-30T16:00:00.000Z', false],
      ['P02-M3', '长期坚持', '2020-12-31', null, '2020-12-31T16:00:00.000Z', true],
    ]);
    expect(r.body.deadlines[0].explanation).toBe(
      '"立行立改" → 2019-02-02: the feedback date 2019-01-18 + 15 days (the default; set plan.immediateWithinDays to say otherwise)',
    );

    // The read model holds the instants the workflows count down to, and which were assumed.
    expect(
      (await rows(doc.plan.code)).map((m) => [m.code, m.dueAt.toISOString(), m.dueText, m.dueAssumed]),
    ).toEqual([
      ['P01-M1', '2019-02-02T16:00:00.000Z', '立行立改', true],
      ['P01-M2', '2019-01-18T09:30:00.000Z', '当日17:30前', false],
      ['P02-M1', '2019-09-26T10:00:00.000Z', '9月26日下午6点前', false],
      ['P02-M2', '2020-06-30T16:00:00.000Z', '明年6月底前', false],
      ['P02-M3', '2020-12-31T16:00:00.000Z', '长期坚持', true],
    ]);
    const list = await rectify.request('GET', `/measures?plan=${(await rows(doc.plan.code))[0].planId}`);
    expect(list.body.items.map((m: { code: string; dueAssumed: boolean }) => [m.code, m.dueAssumed])).toEqual(
      expect.arrayContaining([
        ['P01-M1', true],
        ['P02-M1', false],
      ]),
    );

    // The ledger's 时限清单: as written, then the day (and time) with the default marked.
    const ledger = await rectify.request('GET', `/plans/${doc.plan.code}/ledger.xlsx?asOf=2019-03-01`);
    expect(ledger.status).toBe(200);
    const wb = new Workbook();
    await wb.xlsx.load(ledger.body as never);
    const ws = wb.getWorksheet('时限清单')!;
    expect([2, 3, 4, 5, 6].map((row) => [ws.getCell(row, 3).value, ws.getCell(row, 4).value])).toEqual([
      ['立行立改', '2019-02-02（期限为系统默认）'],
      ['当日17:30前', '2019-01-18 17:30'],
      ['9月26日下午6点前', '2019-09-26 18:00'],
      ['明年6月底前', '2020-06-30'],
      ['长期坚持', '2020-12-31（期限为系统默认）'],
    ]);

    // The bulletin says which deadlines are defaults, and marks the overdue ones.
    const bulletin = await rectify.request(
      'GET',
      `/plans/${doc.plan.code}/bulletin?asOf=2019-03-01&edition=internal&format=md`,
    );
    expect(bulletin.status).toBe(200);
    const text = (bulletin.body as Buffer).toString('utf8');
    expect(text).toContain(
      '另有2项整改措施方案未写明具体完成时限（“立行立改”、“长期坚持”），其期限为系统默认，以各措施所列日期督办。',
    );
    expect(text).toContain('| 立行立改（2019-02-02（期限为系统默认）） |');
    // Markdown escapes the colon of a time.
    expect(text).toContain('| 当日17\\:30前（2019-01-18 17\\:30） |');
  });

  it('follows 长期坚持 by periodic reviews only when the plan says so: never overdue, said in the bulletin', async () => {
    const doc = deadlinePlan({ longTermMeasures: 'reviews' });
    const r = await rectify.send('POST', '/plans', Buffer.from(JSON.stringify(doc)), JSON_TYPE);
    expect(r.status).toBe(201);
    const m3 = (await rows(doc.plan.code)).find((m) => m.code === 'P02-M3')!;
    expect(m3).toMatchObject({ dueAssumed: true, reviewsOnly: true });
    const one = await rectify.request('GET', `/measures/${m3.id}`);
    expect(one.body).toMatchObject({ reviewsOnly: true, overdue: false });
    const bulletin = await rectify.request(
      'GET',
      `/plans/${doc.plan.code}/bulletin?asOf=2021-03-01&edition=public&format=md`,
    );
    const text = (bulletin.body as Buffer).toString('utf8');
    expect(text).toContain('1项长期坚持的整改措施不设完成时限，实行定期评估。');
    // Its assumed date passed long ago, yet it is not overdue.
    expect(text).not.toContain('P02-M3');
  });

  describe('deadlines that read but look wrong', () => {
    // P01-M1 due before the feedback (2019-01-18); P01-M2's milestone after its measure.
    function suspicious() {
      const doc = aPlanDocument({ planCode: uniqueCode('WN'), measures: 2 });
      const ms = doc.categories[0].aspects[0].problems[0].measures;
      ms[0].due = '2019-01-10';
      Object.assign(ms[1], {
        due: '6月30日前',
        milestones: [{ code: 'MS1', title: '摸底', due: '9月底前' }],
      });
      return doc;
    }
    const M = 'categories[0].aspects[0].problems[0].measures';

    it('are warnings in the dry run and on import', async () => {
      const doc = suspicious();
      const body = Buffer.from(JSON.stringify(doc, null, 2));
      const dry = await rectify.send('POST', '/plans?dryRun=true', body, JSON_TYPE);
      expect(dry.status).toBe(200);
      expect(dry.body.warnings).toEqual([
        {
          path: `${M}[0].due`,
          location: expect.stringMatching(/^\d+:\d+$/),
          message:
            'measure P01-M1 is due "2019-01-10" (2019-01-10T16:00:00.000Z), before the inspection\'s feedback date 2019-01-18',
        },
        {
          path: `${M}[1].milestones[0].due`,
          location: expect.stringMatching(/^\d+:\d+$/),
          message:
            'milestone MS1 is due after its measure\'s deadline: "9月底前" (2019-09-30T16:00:00.000Z) is later than 2019-06-30T16:00:00.000Z',
        },
      ]);
      const r = await rectify.send('POST', '/plans', body, JSON_TYPE);
      expect(r.status).toBe(201);
      expect(r.body.warnings).toHaveLength(2);
    });

    it('are refused with strict=true, nothing written', async () => {
      const before = await planRowCounts(rectify.db.dataSource);
      const body = Buffer.from(JSON.stringify(suspicious()));
      for (const query of ['?strict=true', '?strict=true&dryRun=true']) {
        const r = await rectify.send('POST', `/plans${query}`, body, JSON_TYPE);
        expect(r.status).toBe(400);
        expect(r.body).toMatchObject({
          code: 'VALIDATION_FAILED',
          message: expect.stringMatching(
            /^the plan has 2 problem\(s\); first: .*before the inspection's feedback date 2019-01-18 \(refused: strict checking\)$/,
          ),
        });
        expect(r.body.details.map((d: { path: string }) => d.path)).toEqual([
          `${M}[0].due`,
          `${M}[1].milestones[0].due`,
        ]);
      }
      expect(await planRowCounts(rectify.db.dataSource)).toEqual(before);
    });

    it('refuses strict=maybe by name', async () => {
      const r = await rectify.send('POST', '/plans?strict=maybe', Buffer.from('{}'), JSON_TYPE);
      expect(r.status).toBe(400);
      expect(JSON.stringify(r.body)).toContain('strict');
    });
  });
});
