// The web app in a real browser (chromium): signing in and out, the refresh of an expired access
// token, and what the menu offers each role.
import * as fs from 'node:fs';
import { aPlanDocument } from '../support/plan-fixtures';
import { TestAccount } from '../support/rectify-harness';
import {
  accessibilityViolations,
  replaceStoredAccessToken,
  signIn,
  startWebRectify,
  storedAccessToken,
  WebRectify,
} from '../support/web-app';

describe('signing in to the web app', () => {
  let web: WebRectify;
  let office: TestAccount;
  let unit: TestAccount;

  beforeAll(async () => {
    web = await startWebRectify();
    office = await web.rectify.createUser('office');
    unit = await web.rectify.createUser('unit', { units: ['LINXIA'] });
    const imported = await office.client.request(
      'POST',
      '/plans',
      aPlanDocument({ planCode: 'WEB-SIGN-IN' }),
    );
    expect(imported.status).toBe(201);
  });
  afterAll(() => web?.stop());

  it('is served by the API at / and refuses a wrong password with the API’s own words', async () => {
    const { page, context } = await web.newPage();
    await page.goto('/');
    await page.waitForURL(/#\/login$/);
    await page.getByLabel('邮箱').fill(office.email);
    await page.getByLabel('密码').fill('not the password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await expectText(page.getByRole('alert'), /401 UNAUTHENTICATED|INVALID_CREDENTIALS/);
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  it('shows the office its plans and the office’s menu, and signs out for good', async () => {
    const { page, context } = await web.newPage();
    await signIn(page, office.email, office.password);
    await page.getByRole('link', { name: '甘肃省关于中央脱贫攻坚专项巡视反馈意见的整改方案' }).waitFor();
    const menu = page.getByRole('navigation', { name: '主导航' });
    for (const entry of ['整改方案', '整改措施', '导入方案', '审计日志'])
      await menu.getByText(entry).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: /退\s*出/ }).click();
    await page.waitForURL(/#\/login$/);
    await page.goto('/#/measures');
    await page.waitForURL(/#\/login$/);
    await context.close();
  });

  it('offers a unit user no import and no audit log, and speaks English when asked', async () => {
    const { page, context } = await web.newPage();
    await signIn(page, unit.email, unit.password);
    const menu = page.getByRole('navigation', { name: '主导航' });
    await menu.getByText('整改措施').waitFor();
    expect(await menu.getByText('导入方案').count()).toBe(0);
    expect(await menu.getByText('审计日志').count()).toBe(0);
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('navigation', { name: 'Main navigation' }).getByText('Measures').waitFor();
    await context.close();
  });

  it('keeps a user signed in when the access token is no longer accepted, by refreshing it', async () => {
    const { page, context } = await web.newPage();
    await signIn(page, office.email, office.password);
    // An access token the API refuses, as an expired one is: the refresh token gets a new one.
    await replaceStoredAccessToken(page, 'expired');
    await page.reload();
    await page.getByRole('link', { name: '甘肃省关于中央脱贫攻坚专项巡视反馈意见的整改方案' }).waitFor();
    const token = await storedAccessToken(page);
    expect(token).not.toBe('expired');
    await context.close();
  });
});

async function expectText(locator: import('playwright-core').Locator, pattern: RegExp): Promise<void> {
  await locator.waitFor();
  expect(await locator.innerText()).toMatch(pattern);
}

describe('a new installation in the web app', () => {
  let web: WebRectify;
  beforeAll(async () => {
    web = await startWebRectify({ bootstrapAdmin: false });
  });
  afterAll(() => web?.stop());

  it('creates the first admin with the setup token written at boot, and signs them in', async () => {
    const setupToken = fs.readFileSync(web.rectify.config.auth.setupTokenFile, 'utf8').trim();
    const { page, context } = await web.newPage();
    await page.goto('/#/login');
    await page.getByLabel('设置令牌').fill('rst_not-the-token');
    await page.getByLabel('姓名').fill('系统管理员');
    await page.getByLabel('邮箱').fill('first-admin@rectify.test');
    await page.getByLabel('密码（至少12位）').fill('a long enough password');
    await page.getByRole('button', { name: '创建管理员' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toMatch(/40[13] /);
    await page.getByLabel('设置令牌').fill(setupToken);
    await page.getByRole('button', { name: '创建管理员' }).click();
    await page.getByTestId('signed-in-as').getByText('first-admin@rectify.test · admin').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });
});
