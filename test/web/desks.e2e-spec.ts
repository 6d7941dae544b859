// The desks in a real browser (chromium): a discipline body's cases (only those of its
// jurisdiction) with a decision recorded through the screen, its problem leads and figures; the
// inbox with a notice the case's opening sent, marked read; spot-inspection rounds with a finding
// recorded; the office's audit log with the rows of what the test did and the chain verified; and
// what a unit user is not offered.
import type { Locator } from 'playwright-core';
import { DISCIPLINE_BODIES, disciplinePlan } from '../support/discipline-fixtures';
import { eventually } from '../support/eventually';
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

const OWN_REASON = '整改敷衍应付，虚报整改进度';
const FOREIGN_REASON = '皋兰县整改不实';

describe('the desks in the web app', () => {
  let web: WebRectify;
  let office: TestAccount;
  let township: TestAccount;
  let unit: TestAccount;
  let ownCase: { id: string; openedAt: string };
  let foreignCase: { id: string };
  const leadRef = uniqueCode('XS');
  const round = uniqueCode('AF');

  beforeAll(async () => {
    web = await startWebRectify();
    office = await web.rectify.createUser('office');
    unit = await web.rectify.createUser('unit', { units: ['YZ-V'] });
    // The township body (某镇纪委) acts through one account; the county of 皋兰 is out of its reach.
    for (const [code, body] of Object.entries(DISCIPLINE_BODIES))
      expect((await office.client.request('PUT', `/discipline-bodies/${code}`, body)).status).toBe(200);
    township = await web.rectify.createUser('discipline', { units: ['YZ-T'] });
    const members = await office.client.request('PUT', '/discipline-bodies/YZ-T-JW/members', {
      principalIds: [township.id],
    });
    expect(members.status).toBe(200);
    // Its person in the directory, with the discipline duty: a case opened at the body reaches them.
    const person = await office.client.request('POST', '/persons', {
      name: '镇纪委干部',
      userId: township.id,
      unitCodes: ['YZ-T'],
      duties: ['discipline'],
    });
    expect(person.status).toBe(201);

    const plan = await office.client.request(
      'POST',
      '/plans',
      disciplinePlan(uniqueCode('DJ'), ['YZ-V', 'GL']),
    );
    expect(plan.status).toBe(201);
    const measures = await office.client.request('GET', `/measures?plan=${plan.body.planId}`);
    const measureId = (code: string) => measures.body.items.find((m: { code: string }) => m.code === code).id;
    const own = await office.client.request('POST', '/cases', {
      measureId: measureId('P01-M1'),
      reason: OWN_REASON,
    });
    expect(own.status).toBe(201);
    expect(own.body.bodyCode).toBe('YZ-T-JW');
    ownCase = own.body;
    const foreign = await office.client.request('POST', '/cases', {
      measureId: measureId('P01-M2'),
      reason: FOREIGN_REASON,
    });
    expect(foreign.status).toBe(201);
    expect(foreign.body.bodyCode).toBe('GL-JW');
    foreignCase = foreign.body;
    const named = await township.client.request('POST', `/cases/${ownCase.id}/persons`, {
      name: '村干部甲',
      post: '某村党支部书记',
      cadreLevel: 'village',
      partyMember: true,
      relation: 'direct',
    });
    expect(named.status).toBe(201);

    const lead = await office.client.request('POST', '/leads', {
      ref: leadRef,
      summary: '反映某村危房改造资金被挪用',
      receivedOn: '2019-05-06',
      bodies: ['YZ-T-JW'],
    });
    expect(lead.status).toBe(201);
    const spot = await office.client.request('POST', '/spot-rounds', {
      code: round,
      title: '2019年第二季度脱贫攻坚暗访督查',
      organiser: '省脱贫攻坚领导小组办公室',
      startsOn: '2019-05-06',
      endsOn: '2019-05-17',
      units: [
        { code: 'LINXIA', name: '临夏州', level: 'city' },
        { code: 'DONGXIANG', name: '东乡县', level: 'county', parent: 'LINXIA' },
      ],
      groups: [{ code: 'G1', name: '第一暗访组', places: ['DONGXIANG'] }],
    });
    expect(spot.status).toBe(201);
    // The case's notice reaches the body's person once its delivery has run.
    await eventually(async () => {
      const inbox = await township.client.request('GET', '/me/inbox');
      expect(inbox.body.items).toHaveLength(1);
    });
  });
  afterAll(() => web?.stop());

  it('shows a discipline body the cases of its jurisdiction only, and records a decision through the screen', async () => {
    const { page, context } = await web.newPage();
    await signIn(page, township.email, township.password);
    await page.getByRole('navigation', { name: '主导航' }).getByText('纪检监察').click();
    await page.getByRole('link', { name: OWN_REASON }).waitFor();
    expect(await page.getByText(FOREIGN_REASON).count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('link', { name: OWN_REASON }).click();
    await page.getByRole('cell', { name: '某村党支部书记' }).waitFor();
    const decide = async () => {
      await page.getByRole('button', { name: '作出处理决定' }).click();
      const dialog = page.getByRole('dialog', { name: '作出处理决定' });
      await chooseOption(page, dialog.getByLabel('责任人'), '村干部甲');
      await chooseOption(page, dialog.getByLabel('处理方式'), '批评教育');
      await dialog.getByLabel('决定日期').fill('2019-05-10');
      await dialog.getByLabel('文号').fill('镇纪〔2019〕7号');
      return dialog;
    };
    await submitDialog(await decide());
    await page.getByRole('cell', { name: '批评教育' }).waitFor();
    await page.getByText('生效', { exact: true }).waitFor();
    const file = await township.client.request('GET', `/cases/${ownCase.id}`);
    expect(file.body.decisions).toMatchObject([
      {
        form: 'criticism_education',
        documentNumber: '镇纪〔2019〕7号',
        decidedOn: '2019-05-10',
        state: 'final',
      },
    ]);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'discipline-desk');

    // A second decision on the same person is the API's to refuse, and the screen says how.
    const again = await decide();
    await clickSubmit(again);
    await expectText(again.getByRole('alert'), /409 COMMAND_REFUSED/);
    await again.getByRole('button', { name: /取\s*消/ }).click();
    await again.waitFor({ state: 'hidden' });
    expect((await township.client.request('GET', `/cases/${ownCase.id}`)).body.decisions).toHaveLength(1);

    // A case of another county answers as if it did not exist.
    await page.goto(`/#/discipline/cases/${foreignCase.id}`);
    await expectText(page.getByRole('alert'), /404 NOT_FOUND/);
    await context.close();
  });

  it('lists the body’s problem leads and its figures', async () => {
    const { page, context } = await web.newPage();
    await signIn(page, township.email, township.password);
    await page.goto('/#/discipline?tab=leads');
    await page.getByRole('cell', { name: leadRef, exact: true }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('tab', { name: '执纪问责数据' }).click();
    await chooseOption(page, page.getByLabel('纪检机关'), '某镇纪委');
    // From the decision's day to the end of the year after the case was opened, as the server dated it.
    await page.getByLabel('起', { exact: true }).fill('2019-01-01');
    await page.getByLabel('止', { exact: true }).fill(`${Number(ownCase.openedAt.slice(0, 4)) + 1}-12-31`);
    await page.getByRole('button', { name: /统\s*计/ }).click();
    const total = page.getByRole('row', { name: /合计/ });
    await total.waitFor();
    // One case, one person, one held accountable (批评教育).
    expect(await total.getByRole('cell').allInnerTexts()).toEqual(['合计', '1', '1', '0', '0', '1', '0']);
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  it('shows the notice in the inbox, linked to its measure, marks it read, and keeps the settings', async () => {
    const { page, context } = await web.newPage();
    await signIn(page, township.email, township.password);
    await page.getByRole('navigation', { name: '主导航' }).getByText('消息').click();
    const row = page.getByRole('row', { name: /问责立案/ });
    await row.getByRole('link', { name: /P01-M1/ }).waitFor();
    await page.getByLabel('时区').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await row.getByRole('button', { name: /标为已读/ }).click();
    await row.getByText('已读', { exact: true }).waitFor();
    const inbox = await township.client.request('GET', '/me/inbox');
    expect({ unread: inbox.body.unread, read: inbox.body.items[0].read }).toEqual({ unread: 0, read: true });

    await page.getByRole('switch', { name: '每日汇总' }).click();
    await page.getByRole('button', { name: '保存设置' }).click();
    await page.getByText('已保存').waitFor();
    const settings = await township.client.request('GET', '/me/notification-settings');
    expect(settings.body).toMatchObject({
      dailyDigest: true,
      quietHours: null,
      escalationsAlwaysDelivered: true,
    });
    await context.close();
  });

  it('shows the office the spot-inspection rounds, and records a finding and its task notice', async () => {
    const { page, context } = await web.newPage();
    await signIn(page, office.email, office.password);
    await page.getByRole('navigation', { name: '主导航' }).getByText('抽查暗访').click();
    await page.getByRole('link', { name: round }).click();
    await page.getByRole('cell', { name: '东乡县 (DONGXIANG)' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '记录发现问题' }).click();
    const dialog = page.getByRole('dialog', { name: '记录发现问题' });
    await chooseOption(page, dialog.getByLabel('暗访组'), '第一暗访组');
    await chooseOption(page, dialog.getByLabel('点位'), '东乡县');
    await dialog.getByLabel('发现日期').fill('2019-05-08');
    await dialog.getByLabel('问题描述').fill('有的农户饮用水窖水');
    await submitDialog(dialog);
    await page.getByRole('cell', { name: '有的农户饮用水窖水' }).waitFor();
    const answer = await office.client.request('GET', `/spot-rounds/${round}`);
    expect(answer.body.findings).toMatchObject([
      { group: 'G1', place: 'DONGXIANG', foundOn: '2019-05-08', description: '有的农户饮用水窖水' },
    ]);

    // Its task notice: a measure of the round's plan, due after the server's today.
    const finding = answer.body.findings[0].code;
    const due = `${Number(ownCase.openedAt.slice(0, 4)) + 1}-06-30`;
    await page.getByRole('button', { name: `下发通知 ${finding}` }).click();
    const notice = page.getByRole('dialog', { name: `下发通知: ${finding}` });
    await notice.getByLabel('文号').fill('甘脱贫督〔2019〕12号');
    await notice.getByLabel('牵头领导').fill('东乡县县长');
    await notice.getByLabel(/整改期限/).fill(due);
    await submitDialog(notice);
    await page.getByRole('link', { name: `${finding}-TN` }).waitFor();
    const issued = await office.client.request('GET', `/spot-rounds/${round}`);
    expect(issued.body.findings[0].notice).toMatchObject({
      kind: 'task_notice',
      number: '甘脱贫督〔2019〕12号',
      leadUnit: 'DONGXIANG',
      leadLeader: '东乡县县长',
      measure: { code: `${finding}-TN`, state: 'in_progress' },
    });
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  it('shows the office the audit log with the rows of what was done, and the chain intact', async () => {
    const { page, context } = await web.newPage();
    await signIn(page, office.email, office.password);
    await page.getByRole('navigation', { name: '主导航' }).getByText('审计日志').click();
    // The accepted decision (201) and the refused second one (409): their outcome rows.
    const decisions = `POST /cases/${ownCase.id}/decisions`;
    await page.getByRole('row', { name: new RegExp(`${decisions} 201 `) }).waitFor();
    await page.getByRole('row', { name: new RegExp(`${decisions} 409 `) }).waitFor();
    await page
      .getByRole('row', { name: new RegExp(`POST /spot-rounds/${round}/findings`) })
      .first()
      .waitFor();
    await page.getByRole('button', { name: '校验哈希链' }).click();
    await expectText(page.getByTestId('audit-verdict'), /链完整/);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'audit-log');
    await context.close();
  });

  it('offers a unit user its inbox and none of the desks, and shows the API’s refusal of the audit log', async () => {
    const { page, context } = await web.newPage();
    await signIn(page, unit.email, unit.password);
    const menu = page.getByRole('navigation', { name: '主导航' });
    await menu.getByText('消息').waitFor();
    for (const entry of ['纪检监察', '抽查暗访', '审计日志'])
      expect(await menu.getByText(entry).count()).toBe(0);
    await page.goto('/#/audit');
    await expectText(page.getByRole('alert'), /403 FORBIDDEN/);
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });
});

async function expectText(locator: Locator, pattern: RegExp): Promise<void> {
  await locator.waitFor();
  expect(await locator.innerText()).toMatch(pattern);
}
