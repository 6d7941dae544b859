// The 批示 screen in a real browser (chromium): a leader records an instruction on a measure through
// the screen (and sees the API's refusal of an unknown measure), the measure's lead unit answers it
// there, and a unit that sees the measure without being responsible is not offered the answer; the
// measure's timeline shows both.
import type { Locator } from 'playwright-core';
import { aPlanDocument } from '../support/plan-fixtures';
import { TestAccount } from '../support/rectify-harness';
import { uniqueCode } from '../support/unique';
import {
  accessibilityViolations,
  chooseOption,
  clickSubmit,
  screenshot,
  signIn,
  startWebRectify,
  submitDialog,
  WebRectify,
} from '../support/web-app';

const TEXT = '危房改造要逐户核实，确保不漏一户';
const ANSWER = '已逐户核实2.65万户，建立台账';

describe('the 批示 screen in the web app', () => {
  let web: WebRectify;
  let leader: TestAccount;
  let housing: TestAccount;
  let poverty: TestAccount;
  const planCode = uniqueCode('WI');
  let planId: string;

  beforeAll(async () => {
    web = await startWebRectify();
    const imported = await web.rectify.request('POST', '/plans', aPlanDocument({ planCode }));
    expect(imported.status).toBe(201);
    planId = imported.body.planId;
    leader = await web.rectify.createUser('lead_leader', { leaderName: '分管副省长' });
    // P01-M1 is led by GS-HOUSING with co-unit LINXIA, which sits under GS-POVERTY.
    housing = await web.rectify.createUser('unit', { units: ['GS-HOUSING'] });
    poverty = await web.rectify.createUser('unit', { units: ['GS-POVERTY'] });
  });
  afterAll(() => web?.stop());

  const listed = async (account: TestAccount) =>
    (await account.client.request('GET', `/plans/${planCode}/instructions`)).body.items as {
      id: string;
      targetCode: string;
      text: string;
      state: string;
      answers: { text: string; unitCode: string | null }[];
    }[];

  it('lets a leader record an instruction on a measure, and shows the API’s refusal of an unknown one', async () => {
    const { page, context } = await web.newPage();
    await signIn(page, leader.email, leader.password);
    await page.getByRole('navigation', { name: '主导航' }).getByText('领导批示').click();
    await chooseOption(page, page.getByLabel('整改方案'), planCode);
    await page.getByText('尚无批示').waitFor();

    const record = async (code: string) => {
      await page.getByRole('button', { name: '记录批示' }).click();
      const dialog = page.getByRole('dialog', { name: '记录领导批示' });
      await dialog.getByLabel('问题或措施编号').fill(code);
      await dialog.getByLabel('批示内容').fill(TEXT);
      await dialog.getByLabel('批示领导').fill('分管副省长');
      await dialog.getByLabel('批示日期').fill('2019-03-01');
      return dialog;
    };
    const refused = await record('P99-M9');
    await clickSubmit(refused);
    await expectText(refused.getByRole('alert'), /400 VALIDATION_FAILED/);
    await refused.getByRole('button', { name: /取\s*消/ }).click();
    await refused.waitFor({ state: 'hidden' });
    expect(await listed(leader)).toEqual([]);

    await submitDialog(await record('P01-M1'));
    await page.getByRole('cell', { name: TEXT }).waitFor();
    await page.getByText('待落实', { exact: true }).waitFor();
    expect(await listed(leader)).toMatchObject([
      { targetCode: 'P01-M1', text: TEXT, state: 'awaiting_answer' },
    ]);
    // A leader reads and records; answering is the unit's.
    expect(await page.getByRole('button', { name: /报送落实情况/ }).count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  it('offers the answer to the responsible unit only, and shows it answered', async () => {
    const other = await web.newPage();
    await signIn(other.page, poverty.email, poverty.password);
    await other.page.goto(`/#/instructions?plan=${planId}`);
    await other.page.getByRole('cell', { name: TEXT }).waitFor();
    expect(await other.page.getByRole('button', { name: /报送落实情况/ }).count()).toBe(0);
    await other.context.close();

    const { page, context } = await web.newPage();
    await signIn(page, housing.email, housing.password);
    await page.getByRole('navigation', { name: '主导航' }).getByText('领导批示').click();
    await chooseOption(page, page.getByLabel('整改方案'), planCode);
    await page.getByRole('button', { name: '报送落实情况 P01-M1' }).click();
    const dialog = page.getByRole('dialog', { name: '报送批示落实情况' });
    await dialog.getByLabel('落实情况').fill(ANSWER);
    await submitDialog(dialog);
    await page.getByTestId('instruction-answer').filter({ hasText: ANSWER }).waitFor();
    await page.getByText('已落实', { exact: true }).waitFor();
    expect(await listed(housing)).toMatchObject([
      { state: 'answered', answers: [{ text: ANSWER, unitCode: 'GS-HOUSING' }] },
    ]);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'instructions');

    // The measure's timeline shows the instruction and its answer among its events.
    const measures = await housing.client.request('GET', `/measures?plan=${planId}`);
    const m1 = measures.body.items.find((m: { code: string }) => m.code === 'P01-M1');
    await page.goto(`/#/measures/${m1.id}`);
    const issued = page.getByTestId('timeline-event').filter({ hasText: '领导批示' });
    await issued.filter({ hasText: TEXT }).waitFor();
    await page
      .getByTestId('timeline-event')
      .filter({ hasText: '批示落实情况' })
      .filter({ hasText: ANSWER })
      .waitFor();
    await context.close();
  });
});

async function expectText(locator: Locator, pattern: RegExp): Promise<void> {
  await locator.waitFor();
  expect(await locator.innerText()).toMatch(pattern);
}
