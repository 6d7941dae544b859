// The demo tells the seed's story: the Gansu 2019 plan with its original timetable, its history file
// (plans/demo/gansu-2019.history.json) entered as 补录, and the bulletin as of the seed's reporting
// date (截至4月18日) compared figure by figure with the seed's section 三. Applying the history again
// changes nothing. plans/demo/README.md shows the same pairs side by side.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { daysBetween, shiftPlanDates } from '../../libs/domain/src/plan-rebase';
import { applyDemoHistory, demoReporterUnits, readDemoHistory } from '../../scripts/demo-history';
import { serverNow } from '../support/own-dev-server';
import { RectifyHarness, startRectify, TestAccount } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';
import { bulletinText } from '../support/report-fixtures';

const ROOT = path.join(__dirname, '../..');

// The seed's words (section 三 of the 2019-05-20 bulletin) and what the bulletin says for them.
const SEED_FIGURES: readonly [string, RegExp][] = [
  ['截至4月18日', /截至2019年4月18日/],
  ['将专项巡视反馈问题梳理为4大类10个方面30个问题', /将巡视反馈问题梳理为4大类10个方面30个问题/],
  // The plan declares the official total; the ledger itemises the 90 the seed names.
  ['制定了148项有针对性、可操作的整改措施', /制定整改措施148项（台账录入90项，差58项）/],
  [
    '能够当下改的……等7个问题,立行立改、即知即改',
    /针对能够当下改的[^；]*等7个问题，立行立改、即知即改（整改措施19项，已完成10项）/,
  ],
  [
    '需要健全完善常态化工作机制的……等12个问题,已取得阶段性成效',
    /针对需要健全完善常态化工作机制的[^；]*等12个问题/,
  ],
  ['执行“两不愁、三保障”政策存在偏差……等11个问题', /针对需要长期攻坚的[^；]*等11个问题/],
  ['已修改完善……其他4份文件已废止 (5份文件)', /\| P03-M1 \| [^|]+ \| 5份 \| 5份 \| 100% \|/],
  [
    '对全省7262个贫困村已建立的3.6万个农民专业合作社……摸底调查',
    /\| P05-M1 \| [^|]+ \| 36,000个 \| 36,000个 \| 100% \|/,
  ],
  ['举办合作社带头人培训班115期、培训6864人次', /\| P05-M2 \| [^|]+ \| 10,000人 \| 6,864人 \| 68.6% \|/],
  [
    '对未脱贫的111万贫困人口脱贫计划进行动态调整完善',
    /\| P07-M1 \| [^|]+ \| 1,110,000人 \| 1,110,000人 \| 100% \|/,
  ],
  ['对75个贫困县……对2018年拟摘帽的18个贫困县', /\| P08-M1 \| [^|]+ \| 18个 \| 18个 \| 100% \|/],
  ['已有8738户完成改造并建立档案', /\| P08-M3 \| [^|]+ \| 9,176户 \| 8,738户 \| 95.2% \|/],
  ['已拆除旧房2.3万套', /\| P11-M1 \| [^|]+ \| 110,900户 \| 23,000户 \| 20.7% \|/],
  ['743处已开工建设,开工率94%', /\| P12-M1 \| [^|]+ \| 790处 \| 743处 \| 94.1% \|/],
  ['4个市州和33个省直部门召开……专题民主生活会', /\| P14-M3 \| [^|]+ \| 33个 \| 33个 \| 100% \|/],
  ['对……19个省直部门开展脱贫攻坚目标责任考核', /\| P15-M3 \| [^|]+ \| 19个 \| 19个 \| 100% \|/],
  ['对空缺的2个市州党政班子副职岗位及时进行了补充', /\| P17-M1 \| [^|]+ \| 2个 \| 2个 \| 100% \|/],
  ['到“两州一县”等27个深度贫困县挂任纪委副书记', /\| P22-M1 \| [^|]+ \| 27个 \| 27个 \| 100% \|/],
  ['选择6个贫困县区开展重点综合整治', /\| P24-M1 \| [^|]+ \| 6个 \| 6个 \| 100% \|/],
  ['共排查扶贫领域各类统计报表55份', /\| P26-M4 \| [^|]+ \| 55份 \| 55份 \| 100% \|/],
  ['下达……剩余55.84亿元地方政府债券资金', /\| P28-M2 \| [^|]+ \| 55.84亿元 \| 55.84亿元 \| 100% \|/],
];

describe(`the demo's history and the seed's section 三 (${testEngine()})`, () => {
  let rectify: RectifyHarness;
  let planCode: string;
  let auth: Record<string, string>;
  let reporterAuth: Record<string, string>;

  const bulletin = (asOf: string) => bulletinText(rectify, planCode, asOf);

  beforeAll(async () => {
    rectify = await startRectify();
    // As npm start enters it: the office verifies, a unit account of the plan's top units reports.
    const doc = JSON.parse(fs.readFileSync(path.join(ROOT, 'plans/demo/gansu-2019.plan.json'), 'utf8'));
    const bearer = async (a: TestAccount) =>
      `Bearer ${(await rectify.anonymous.request('POST', '/auth/login', { email: a.email, password: a.password })).body.accessToken}`;
    auth = { authorization: await bearer(await rectify.createUser('office')) };
    reporterAuth = {
      authorization: await bearer(await rectify.createUser('unit', { units: demoReporterUnits(doc) })),
    };
    // The demo as written (original timetable), under a code of its own: the engines share Temporal.
    planCode = uniqueCode('GS-2019');
    doc.plan.code = planCode;
    doc.inspection.code = `${planCode}-INSPECTION`;
    expect((await rectify.request('POST', '/plans', doc)).status).toBe(201);
    await applyDemoHistory({ api: rectify.url, auth, reporterAuth, root: ROOT, shiftDays: 0, planCode });
  }, 600_000);
  afterAll(() => rectify?.stop());

  it.each(SEED_FIGURES)('the seed says “%s”; the bulletin as of 2019-04-18 says so', async (_, expected) => {
    expect(await bulletin('2019-04-18')).toMatch(expected);
  });

  it('says what was done by the seed’s date, and not before', async () => {
    const then = await bulletin('2019-04-18');
    expect(then).toContain(
      '截至2019年4月18日，台账录入的90项整改措施中，已完成（销号）10项，正在推进80项，逾期未完成0项。',
    );
    // By problem, a stage goal needs a measure signed off (the default rule): the seed's "30个问题
    // 基本实现阶段目标" is the office's judgement, which the history's sign-offs support for 6.
    expect(then).toContain(
      '按问题统计，6个问题基本实现阶段目标，其中1个问题已整改到位；23个问题正在推进；1个问题尚未启动。',
    );
    const before = await bulletin('2019-03-01');
    expect(before).toContain('已完成（销号）0项');
    expect(before).toMatch(/\| P05-M2 \| [^|]+ \| 10,000人 \| — \| — \|/);
  });

  it('keeps every entry as entered later, and applying the file again changes nothing', async () => {
    const history = readDemoHistory(ROOT);
    const tree = (await rectify.request('GET', `/plans/${planCode}`)).body;
    const id = tree.categories
      .flatMap((c: { aspects: { problems: { measures: { id: string; code: string }[] }[] }[] }) =>
        c.aspects.flatMap((a) => a.problems.flatMap((p) => p.measures)),
      )
      .find((m: { code: string }) => m.code === 'P12-M1').id;
    const events = async () =>
      (await rectify.request('GET', `/measures/${id}`)).body.events.filter(
        (e: { detail: { enteredLater?: boolean } }) => e.detail.enteredLater,
      );
    const first = await events();
    expect(first.map((e: { kind: string; occurredAt: string }) => [e.kind, e.occurredAt])).toEqual([
      ['progress_reported', '2019-04-15T10:00:00.000Z'],
    ]);
    const again = await applyDemoHistory({
      api: rectify.url,
      auth,
      reporterAuth,
      root: ROOT,
      shiftDays: 0,
      planCode,
    });
    expect(again.entries).toBe(history.entries.length);
    expect(await events()).toEqual(first);
    expect(await bulletin('2019-04-18')).toContain('已完成（销号）10项');
  });

  it('moves with the timetable as npm start moves it (feedback 180 days ago)', async () => {
    const doc = JSON.parse(fs.readFileSync(path.join(ROOT, 'plans/demo/gansu-2019.plan.json'), 'utf8'));
    const feedbackOn = new Date((await serverNow(rectify.temporal)) - 180 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const days = daysBetween(doc.inspection.feedbackDate, feedbackOn);
    const moved = shiftPlanDates(doc, days);
    const code = uniqueCode('GS-SHIFT');
    moved.plan.code = code;
    moved.inspection.code = `${code}-INSPECTION`;
    expect((await rectify.request('POST', '/plans', moved)).status).toBe(201);
    await applyDemoHistory({
      api: rectify.url,
      auth,
      reporterAuth,
      root: ROOT,
      shiftDays: days,
      planCode: code,
    });
    const asOf = new Date(Date.parse('2019-04-18') + days * 86_400_000).toISOString().slice(0, 10);
    const r = await rectify.request('GET', `/plans/${code}/bulletin?asOf=${asOf}&edition=internal&format=md`);
    const md = r.body.toString('utf8');
    expect(md).toContain('已完成（销号）10项');
    expect(md).toMatch(/\| P12-M1 \| [^|]+ \| 790处 \| 743处 \| 94.1% \|/);
  }, 600_000);
});
