// The plan overview and unit scorecard in a real browser (chromium): the office opens a plan's
// overview from the plans list and reads its counts and charts' text alternatives, a unit sees
// only the numbers of its own measures, and the scorecard shows the figures worked out by hand
// for the plan of test/support/overview-fixtures.ts (the API test checks every field).
import type { Locator, Page } from 'playwright-core';
import { OverviewPlan, setUpOverviewPlan } from '../support/overview-fixtures';
import { TestAccount } from '../support/rectify-harness';
import { uniqueCode } from '../support/unique';
import { accessibilityViolations, screenshot, signIn, startWebRectify, WebRectify } from '../support/web-app';

describe('the plan overview and unit scorecard in the web app', () => {
  let web: WebRectify;
  let office: TestAccount;
  let linxia: TestAccount;
  let plan: OverviewPlan;

  beforeAll(async () => {
    web = await startWebRectify();
    office = await web.rectify.createUser('office');
    linxia = await web.rectify.createUser('unit', { units: ['LINXIA'] });
    plan = await setUpOverviewPlan(web.rectify, uniqueCode('WEB-OV'));
  }, 300_000);
  afterAll(() => web?.stop());

  it('shows the office the plan’s counts and charts, reached from the plans list', async () => {
    const { page, context } = await web.newPage();
    await signIn(page, office.email, office.password);
    await page.getByRole('link', { name: plan.title }).click();
    await page.waitForURL(new RegExp(`#/plans/${plan.planId}$`));
    await page.getByRole('heading', { name: `${plan.planCode} ${plan.title}` }).waitFor();
    expect(await statistics(page, ['问题', '整改措施', '在办措施', '已销号', '逾期措施'])).toEqual([
      '2',
      '5',
      '3',
      '2',
      '2',
    ]);
    expect(await chartSummary(page, /^措施状态:/)).toBe(
      '措施状态: 已交办 2, 整改中 1, 申请销号 0, 已销号 2, 已关闭 0, 已调出 0',
    );
    expect(await chartSummary(page, /^整改类型:/)).toBe(
      '整改类型: 立行立改 问题 1, 措施 2; 长效机制 问题 0, 措施 0; 攻坚清零 问题 1, 措施 3; 线索移交 问题 0, 措施 0',
    );
    expect(await chartSummary(page, /^逾期热力图/)).toBe('逾期热力图（按牵头单位）: 省住建厅 1, 临夏州 1');
    expect(await chartSummary(page, /^逾期时长:/)).toBe('逾期时长: 1–7天 0, 8–30天 1, 31–90天 0, 91天以上 1');
    expect(await chartSummary(page, /^督办升级层级/)).toBe(
      '督办升级层级, 曾达到的最高层级: 未升级 2, 催办 0, 督办 3, 约谈 0, 问责移送 0; ' +
        '当前层级: 未升级 3, 催办 0, 督办 2, 约谈 0, 问责移送 0',
    );
    expect(await chartSummary(page, /^指标完成情况:/)).toBe(
      '指标完成情况: P01-M1 危房改造户数 12000 / 26500 户 (45.3%)',
    );
    expect(await cells(page.getByRole('row', { name: /扶贫资金拨付滞后/ }))).toEqual([
      'P02',
      '扶贫资金拨付滞后',
      '立行立改',
      '2',
      '0',
      '1',
    ]);
    // 亮灯 by lead unit: the two overdue open measures are red, the one due in 2030 green.
    const lights = page.locator('.ant-card', { hasText: '亮灯情况（按牵头单位）' });
    expect(await headers(lights)).toEqual(['牵头单位', '绿灯', '蓝灯', '黄灯', '红灯']);
    expect(await cells(lights.getByRole('row', { name: /省住建厅/ }))).toEqual([
      '省住建厅',
      '0',
      '0',
      '0',
      '1',
    ]);
    expect(await cells(lights.getByRole('row', { name: /省扶贫办/ }))).toEqual([
      '省扶贫办',
      '1',
      '0',
      '0',
      '0',
    ]);
    expect(await cells(lights.getByRole('row', { name: /临夏州/ }))).toEqual(['临夏州', '0', '0', '0', '1']);
    expect(await cells(lights.getByRole('row', { name: /合计/ }))).toEqual(['合计', '1', '0', '0', '2']);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'overview');
    await context.close();
  });

  it('shows a unit only the numbers of its own measures, and only its own scorecard row', async () => {
    const { page, context } = await web.newPage();
    await signIn(page, linxia.email, linxia.password);
    await page.getByRole('link', { name: plan.title }).click();
    await page.getByRole('heading', { name: `${plan.planCode} ${plan.title}` }).waitFor();
    // LINXIA works on P01-M1 (a co-unit) and P02-M1 (its own): both overdue.
    expect(await statistics(page, ['问题', '整改措施', '在办措施', '已销号', '逾期措施'])).toEqual([
      '2',
      '2',
      '2',
      '0',
      '2',
    ]);
    await page.getByRole('link', { name: '单位考评' }).click();
    await page.waitForURL(new RegExp(`#/scorecard\\?plan=${plan.planId}$`));
    const table = scorecard(page);
    await table.getByRole('row', { name: /临夏州/ }).waitFor();
    expect(await bodyRows(table)).toEqual([['临夏州 (LINXIA)', '1', '1', '0', '0%', '1', '1', '1']]);
    await context.close();
  });

  it('shows the office the scorecard of the chosen plan with the hand-computed figures', async () => {
    const { page, context } = await web.newPage();
    await signIn(page, office.email, office.password);
    await page.getByRole('navigation', { name: '主导航' }).getByText('单位考评').click();
    await page.waitForURL(/#\/scorecard$/);
    await page.getByLabel('整改方案', { exact: true }).click();
    await page.getByTitle(`${plan.planCode} ${plan.title}`).click();
    await page.waitForURL(new RegExp(`#/scorecard\\?plan=${plan.planId}$`));
    const table = scorecard(page);
    await table.getByRole('row', { name: /临夏州/ }).waitFor();
    expect(await headers(table)).toEqual([
      '责任单位',
      '牵头措施',
      '应完成',
      '按期销号',
      '按期完成率',
      '当前逾期',
      '督办升级',
      '漏报',
    ]);
    expect(await bodyRows(table)).toEqual([
      ['省住建厅 (GS-HOUSING)', '2', '2', '1', '50%', '1', '1', '0'],
      ['省扶贫办 (GS-POVERTY)', '2', '1', '0', '0%', '0', '1', '2'],
      ['临夏州 (LINXIA)', '1', '1', '0', '0%', '1', '1', '1'],
    ]);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'scorecard');
    await context.close();
  });
});

// The value of each named statistic card, as shown.
async function statistics(page: Page, names: readonly string[]): Promise<string[]> {
  const values = [];
  for (const name of names) {
    const group = page.getByRole('group', { name, exact: true });
    await group.waitFor();
    values.push((await group.innerText()).replace(name, '').trim());
  }
  return values;
}

// A chart's text alternative: what a screen reader reads for it.
async function chartSummary(page: Page, name: RegExp): Promise<string | null> {
  const chart = page.getByRole('img', { name });
  await chart.waitFor();
  return chart.getAttribute('aria-label');
}

// The scorecard's table, not another page's: the URL changes before the overview (whose lights
// table has a 临夏州 row too) is replaced, so a bare `table` may still be the overview's.
function scorecard(page: Page): Locator {
  return page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: '按期完成率' }) });
}

async function cells(row: Locator): Promise<string[]> {
  await row.waitFor();
  return (await row.getByRole('cell').allInnerTexts()).map((t) => t.trim());
}

async function headers(table: Locator): Promise<string[]> {
  return (await table.getByRole('columnheader').allInnerTexts()).map((t) => t.trim());
}

async function bodyRows(table: Locator): Promise<string[][]> {
  const rows = await table.locator('tbody').getByRole('row').all();
  return Promise.all(rows.map(cells));
}
