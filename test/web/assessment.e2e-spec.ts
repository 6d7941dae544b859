// The unit ranking screen (考评排名) in a real browser (chromium): the office reaches it from the
// menu, reads the rule it set (its weights and version) and the ranking of a period as the API
// computes it, and publishes it; a unit sees its own row with its plan-wide rank and no publish
// button. The plan is test/support/overview-fixtures.ts's; the scores themselves are checked by hand
// in test/assessment/unit-assessment.e2e-spec.ts.
import type { Locator, Page } from 'playwright-core';
import { OverviewPlan, setUpOverviewPlan } from '../support/overview-fixtures';
import { TestAccount } from '../support/rectify-harness';
import { uniqueCode } from '../support/unique';
import { accessibilityViolations, screenshot, signIn, startWebRectify, WebRectify } from '../support/web-app';

const RULE = {
  weights: {
    onTime: 40,
    acknowledgementsOnTime: 0,
    reportsOnTime: 20,
    overdue: 20,
    escalations: 10,
    rejections: 5,
    lookBacksFailed: 5,
  },
  overdueDaysCap: 60,
  overdueLevelCap: 3,
  countCap: 4,
};

interface Row {
  unitCode: string;
  unitName: string;
  score: number;
  rank: number;
}

describe('the unit ranking screen in the web app', () => {
  let web: WebRectify;
  let office: TestAccount;
  let linxia: TestAccount;
  let plan: OverviewPlan;
  // The year of the server's clock: the fixture's overdue measures fall due in it or before.
  let year: string;

  beforeAll(async () => {
    web = await startWebRectify();
    office = await web.rectify.createUser('office');
    linxia = await web.rectify.createUser('unit', { units: ['LINXIA'] });
    plan = await setUpOverviewPlan(web.rectify, uniqueCode('WEB-RANK'));
    const put = await office.client.request('PUT', `/plans/${plan.planCode}/assessment/rule`, RULE);
    expect(put.status).toBe(200);
    year = put.body.rule.updatedAt.slice(0, 4);
  }, 300_000);
  afterAll(() => web?.stop());

  const expected = async (): Promise<string[][]> => {
    const r = await office.client.request('GET', `/plans/${plan.planCode}/assessment?period=${year}`);
    expect(r.status).toBe(200);
    return r.body.units.map((u: Row) => [
      String(u.rank),
      `${u.unitName} (${u.unitCode})`,
      u.score.toFixed(1),
    ]);
  };

  it('shows the office the rule and the ranking, and publishes it', async () => {
    const { page, context } = await web.newPage();
    await signIn(page, office.email, office.password);
    await page.getByRole('menuitem', { name: '考评排名' }).click();
    await page.waitForURL(/#\/assessment/);
    await page.goto(`/#/assessment?plan=${plan.planId}&period=${year}`);
    await page.getByText('考评办法：第1版').waitFor();
    expect(await ruleCell(page, '按期完成')).toBe('40');
    expect(await ruleCell(page, '回头看未通过')).toBe('5');
    expect(await ruleCell(page, '封顶')).toBe('逾期60天 · 等级3 · 4次');
    const want = await expected();
    expect(want.length).toBe(3);
    expect(await rankingRows(page, want.length)).toEqual(want);
    await page.getByText('未公开').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'assessment');

    await page.getByRole('button', { name: '公开本期排名' }).click();
    await page.getByText(/^已公开 \d{4}-\d{2}-\d{2}$/).waitFor();
    const published = await office.client.request('GET', `/plans/${plan.planCode}/assessment?period=${year}`);
    expect(published.body.publication).toMatchObject({ periodKey: year, ruleVersion: 1 });
    await context.close();
  });

  it('shows a unit its own row with its plan-wide rank, and no publish button', async () => {
    const { page, context } = await web.newPage();
    await signIn(page, linxia.email, linxia.password);
    await page.goto(`/#/assessment?plan=${plan.planId}&period=${year}`);
    await page.getByText('考评办法：第1版').waitFor();
    const own = (await expected()).filter((r) => r[1].endsWith('(LINXIA)'));
    expect(await rankingRows(page, 1)).toEqual(own);
    expect(await page.getByRole('button', { name: /公开/ }).count()).toBe(0);
    await context.close();
  });
});

// The rule's value beside its label in the rule's description list.
async function ruleCell(page: Page, label: string): Promise<string> {
  const th = page.locator('.ant-descriptions-item-label', { hasText: new RegExp(`^${label}$`) });
  return (await th.locator('xpath=following-sibling::td[1]').innerText()).trim();
}

// The ranking table's first three cells (rank, unit, score) of each row, once `count` rows show.
async function rankingRows(page: Page, count: number): Promise<string[][]> {
  const rows: Locator = page.locator('.ant-table-tbody tr.ant-table-row');
  await rows.nth(count - 1).waitFor();
  const out: string[][] = [];
  for (let i = 0; i < (await rows.count()); i++)
    out.push((await rows.nth(i).getByRole('cell').allInnerTexts()).slice(0, 3).map((t) => t.trim()));
  return out;
}
