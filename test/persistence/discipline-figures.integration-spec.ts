import { EnteredDisciplineFigures1795905000000 } from '../../libs/persistence/src/migrations/1795905000000-entered-discipline-figures.migration';
import { AccountabilityRepository } from '../../libs/persistence/src/repositories/accountability.repository';
import { DisciplineFiguresRepository } from '../../libs/persistence/src/repositories/discipline-figures.repository';
import { createTestDatabase, TestDatabase, testEngine } from '../support/test-database';

const Q1 = {
  cases: 376,
  persons: 850,
  partyOrGovernmentSanctions: 450,
  organisationalHandling: 406,
  heldAccountable: 153,
  judicialReferrals: 13,
};

describe(`entered discipline figures on ${testEngine()}`, () => {
  let db: TestDatabase;
  let figures: DisciplineFiguresRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    figures = new DisciplineFiguresRepository(db.dataSource);
    await new AccountabilityRepository(db.dataSource).putBody({
      code: 'GS-JW',
      name: '甘肃省纪委监委',
      kind: 'discipline_commission',
      level: 'province',
      parentCode: null,
      jurisdiction: ['GS'],
      casePolicy: null,
    });
  });
  afterAll(() => db?.close());

  const enter = (periodFrom: string, periodTo: string, persons: number) =>
    figures.enter({
      bodyCode: 'GS-JW',
      periodFrom,
      periodTo,
      planId: null,
      figures: { ...Q1, persons },
      note: null,
      enteredBy: 'office:user:1',
    });

  it('keeps one row per body and period: entering again replaces it and answers the one replaced', async () => {
    const first = await enter('2019-01-01', '2019-03-31', 849);
    expect(first.previous).toBeNull();
    const again = await enter('2019-01-01', '2019-03-31', 850);
    expect(again.previous).toMatchObject({ id: first.row.id, persons: 849 });
    expect(again.row.id).toBe(first.row.id);
    const rows = await figures.entered({
      bodyCodes: ['GS-JW'],
      from: '2019-01-01',
      to: '2019-12-31',
      planId: null,
    });
    expect(rows.map((r) => [r.periodFrom, r.persons])).toEqual([['2019-01-01', 850]]);
  });

  it('gives the rows whose whole period lies within the one asked for', async () => {
    await enter('2019-04-01', '2019-06-30', 10);
    const within = (from: string, to: string) =>
      figures
        .entered({ bodyCodes: ['GS-JW'], from, to, planId: null })
        .then((rows) => rows.map((r) => r.periodFrom));
    expect(await within('2019-01-01', '2019-06-30')).toEqual(['2019-01-01', '2019-04-01']);
    expect(await within('2019-01-01', '2019-05-31')).toEqual(['2019-01-01']);
    expect(await within('2019-02-01', '2019-06-30')).toEqual(['2019-04-01']);
    expect(await figures.entered({ bodyCodes: [], to: '2019-12-31', planId: null })).toEqual([]);
  });

  it('migrates down and up again', async () => {
    const migration = new EnteredDisciplineFigures1795905000000();
    const q = db.dataSource.createQueryRunner();
    try {
      await migration.down(q);
      expect(await q.hasTable('entered_discipline_figures')).toBe(false);
      await migration.up(q);
      expect(await q.hasTable('entered_discipline_figures')).toBe(true);
    } finally {
      await q.release();
    }
    expect((await enter('2019-01-01', '2019-03-31', 850)).previous).toBeNull();
  });
});
