import { randomUUID } from 'node:crypto';
import type { SpotRoundEntity } from '../../libs/persistence/src/entities/spot-round.entity';
import { SpotInspections1795890000000 } from '../../libs/persistence/src/migrations/1795890000000-spot-inspections.migration';
import { SpotInspectionRepository } from '../../libs/persistence/src/repositories/spot-inspection.repository';
import { createTestDatabase, TestDatabase, testEngine } from '../support/test-database';

function aRound(code: string, places: string[][]): SpotRoundEntity {
  return {
    id: randomUUID(),
    code,
    title: '暗访督查',
    organiser: '省脱贫攻坚领导小组办公室',
    inspectedOrganisation: '有关县区',
    startsOn: '2019-05-06',
    endsOn: '2019-05-17',
    timeZone: 'Asia/Shanghai',
    escalationPolicy: null,
    units: [{ code: 'LINTAN', name: '临潭县', level: 'county' }],
    groups: places.map((p, i) => ({ code: `G${i + 1}`, name: `第${i + 1}组`, places: p })),
    samplingRule: null,
    drawSeed: null,
    draw: null,
    createdBy: 'office:user:1',
    createdAt: new Date('2019-05-01T00:00:00Z'),
  };
}

const finding = (roundId: string) => ({
  roundId,
  groupCode: 'G1',
  unitCode: 'LINTAN',
  description: '问题',
  foundOn: '2019-05-07',
  linkedPlanCode: null,
  linkedProblemCode: null,
  createdBy: 'office:user:1',
  createdAt: new Date('2019-05-07T00:00:00Z'),
});

const NOTICE = {
  number: null,
  title: null,
  leadUnit: 'LINTAN',
  leadLeader: '县长',
  due: '2019-05-31',
  issuedAt: '2019-05-08T00:00:00.000Z',
  issuedBy: 'office:user:1',
};

describe(`spot-inspection rounds and findings on ${testEngine()}`, () => {
  let db: TestDatabase;
  let spot: SpotInspectionRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    spot = new SpotInspectionRepository(db.dataSource);
  });
  afterAll(() => db?.close());

  it('keeps a round code once, and shows each new round every place earlier rounds visit', async () => {
    const seen: string[][] = [];
    const save = (code: string, places: string[][]) =>
      spot.saveRound((visited) => {
        seen.push(visited);
        return aRound(code, places);
      });
    expect((await save('AF-1', [['LINTAN', 'DIEBU'], ['MINXIAN']]))?.code).toBe('AF-1');
    expect(await save('AF-1', [['ZHUOXI']])).toBeNull();
    expect((await save('AF-2', [['DIEBU', 'HEZHENG']]))?.code).toBe('AF-2');
    expect(await save('AF-3', [['ZHUOXI']])).not.toBeNull();
    expect(seen).toEqual([
      [],
      ['DIEBU', 'LINTAN', 'MINXIAN'],
      ['DIEBU', 'LINTAN', 'MINXIAN'],
      ['DIEBU', 'HEZHENG', 'LINTAN', 'MINXIAN'],
    ]);
  });

  it('lets rounds saved at the same time each see the places the others took', async () => {
    const pick = (code: string) =>
      spot.saveRound((visited) =>
        aRound(code, [[['PICK-A', 'PICK-B', 'PICK-C'].find((p) => !visited.includes(p))!]]),
      );
    const saved = await Promise.all([pick('AF-P1'), pick('AF-P2'), pick('AF-P3')]);
    expect(saved.map((r) => r!.groups[0].places[0]).sort()).toEqual(['PICK-A', 'PICK-B', 'PICK-C']);
  });

  it('numbers findings within their round, and records one notice per finding', async () => {
    const round = (await spot.findRound('AF-1'))!;
    const other = (await spot.findRound('AF-2'))!;
    const a = await spot.addFinding(finding(round.id));
    const b = await spot.addFinding(finding(round.id));
    const c = await spot.addFinding(finding(other.id));
    expect([a.code, b.code, c.code]).toEqual(['F01', 'F02', 'F01']);
    expect(await spot.recordNotice(a.id, 'task_notice', NOTICE, 'F01-TN')).toBe(true);
    expect(await spot.recordNotice(a.id, 'supervision_letter', NOTICE, 'F01-SL')).toBe(false);
    expect(await spot.findFinding(round.id, a.id)).toMatchObject({
      noticeKind: 'task_notice',
      notice: NOTICE,
      measureCode: 'F01-TN',
    });
    expect(await spot.findFinding(other.id, a.id)).toBeNull();
    const facts = await spot.bulletinFacts();
    expect(facts.rounds).toHaveLength(6);
    expect(facts.findings.map((f) => [f.noticeKind, f.notice?.issuedAt ?? null]).sort()).toEqual([
      [null, null],
      [null, null],
      ['task_notice', NOTICE.issuedAt],
    ]);
  });

  it('gives findings added at the same time codes of their own', async () => {
    const round = (await spot.findRound('AF-2'))!;
    const added = await Promise.all(Array.from({ length: 6 }, () => spot.addFinding(finding(round.id))));
    expect(added.map((f) => f.code).sort()).toEqual(['F02', 'F03', 'F04', 'F05', 'F06', 'F07']);
  });

  it('migrates down and up again', async () => {
    const migration = new SpotInspections1795890000000();
    const q = db.dataSource.createQueryRunner();
    try {
      await migration.down(q);
      expect([await q.hasTable('spot_rounds'), await q.hasTable('spot_findings')]).toEqual([false, false]);
      await migration.up(q);
      expect([await q.hasTable('spot_rounds'), await q.hasTable('spot_findings')]).toEqual([true, true]);
    } finally {
      await q.release();
    }
    let visited: string[] | null = null;
    const saved = await spot.saveRound((v) => {
      visited = v;
      return aRound('AF-4', [['LINTAN']]);
    });
    expect([saved?.code, visited]).toEqual(['AF-4', []]);
  });
});
