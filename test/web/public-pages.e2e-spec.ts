// The public pages in a real browser (chromium), with nobody signed in: the published plans' public
// bulletins, and feedback from its form to its tracking page. The harness relaxes the public rate
// limits (they have tests of their own: test/plans/public-plans, test/rate-limits).
import type { Locator } from 'playwright-core';
import { aPlanDocument } from '../support/plan-fixtures';
import { TestAccount } from '../support/rectify-harness';
import { uniqueCode } from '../support/unique';
import { accessibilityViolations, screenshot, startWebRectify, WebRectify } from '../support/web-app';

const TITLE = '甘肃省关于中央脱贫攻坚专项巡视反馈意见的整改方案';

describe('the public pages of the web app', () => {
  let web: WebRectify;
  let office: TestAccount;
  const plans = {} as Record<'published' | 'unpublished', { id: string; code: string }>;

  const importPlan = async (doc: ReturnType<typeof aPlanDocument>) => {
    const imported = await office.client.request('POST', '/plans', doc);
    expect(imported.status).toBe(201);
    return { id: imported.body.planId as string, code: doc.plan.code };
  };
  const publish = async (planId: string, asOf: string) =>
    expect((await office.client.request('POST', `/plans/${planId}/publication`, { asOf })).status).toBe(200);

  beforeAll(async () => {
    web = await startWebRectify();
    office = await web.rectify.createUser('office');
    plans.published = await importPlan(aPlanDocument({ planCode: uniqueCode('WEB-PUB') }));
    plans.unpublished = await importPlan(aPlanDocument({ planCode: uniqueCode('WEB-UNPUB') }));
    await publish(plans.published.id, '2019-04-18');
  });
  afterAll(() => web?.stop());

  it('lists a published plan and shows its public bulletin; an unpublished one is neither listed nor shown', async () => {
    const { page, context } = await web.newPage();
    await page.goto('/#/public/bulletins');
    const row = page.getByRole('row').filter({ hasText: plans.published.code });
    await row.waitFor();
    expect(await row.innerText()).toContain('2019-04-18');
    expect(await page.getByText(plans.unpublished.code).count()).toBe(0);
    expect(await page.getByTestId('updated-at').innerText()).toMatch(/^更新于 \d{2}:\d{2}:\d{2}$/);
    expect(await accessibilityViolations(page)).toEqual([]);

    await row.getByRole('link', { name: TITLE }).click();
    await page.waitForURL(new RegExp(`#/public/bulletins/${plans.published.id}$`));
    await page.getByRole('heading', { level: 1, name: `${TITLE}整改进展情况通报` }).waitFor();
    await page.getByText('截至2019年4月18日，公开版').waitFor();
    await page.getByRole('heading', { level: 2, name: '二、分类推进情况' }).waitFor();
    await page.getByRole('columnheader', { name: '问题大类' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'public-bulletin');

    await page.goto(`/#/public/bulletins/${plans.unpublished.id}`);
    await expectText(page.getByRole('alert'), /404 NOT_FOUND[\s\S]*no plan/);
    expect(await page.getByRole('heading', { level: 1 }).count()).toBe(0);
    await context.close();
  });

  it('shows the texts of a bulletin as text: markup in an imported title is not markup on the page', async () => {
    const doc = aPlanDocument({ planCode: uniqueCode('WEB-XSS') });
    doc.plan.title = '危房改造<img src=x onerror="document.title=\'pwned\'"><b>整改</b>方案';
    const hostile = await importPlan(doc);
    await publish(hostile.id, '2019-04-18');
    const { page, context } = await web.newPage();
    await page.goto(`/#/public/bulletins/${hostile.id}`);
    const heading = page.getByRole('heading', { level: 1 });
    await heading.waitFor();
    expect(await heading.innerText()).toBe(`${doc.plan.title}整改进展情况通报`);
    expect(await page.locator('article img, article b').count()).toBe(0);
    expect(await page.title()).not.toBe('pwned');
    await context.close();
  });

  it('takes feedback through the form, refusals at their field, and follows it to its triage', async () => {
    const { page, context } = await web.newPage();
    await page.goto('/#/public/feedback');
    await page.getByRole('heading', { level: 1, name: '群众反映' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    // Blank to the API (the form only checks that something was typed): refused, named at the field.
    const message = page.getByLabel('反映内容');
    await message.fill('   ');
    await page.getByRole('button', { name: /提\s*交/ }).click();
    await expectText(
      page.getByRole('alert').filter({ hasText: 'VALIDATION_FAILED' }),
      /400 VALIDATION_FAILED/,
    );
    await page.getByText('say what the feedback is', { exact: true }).waitFor();

    const said = `村道硬化工程质量差，雨后多处开裂 ${uniqueCode('FB')}`;
    await message.fill(said);
    await page.getByLabel('联系方式（选填）').fill('139xxxx0000');
    await screenshot(page, 'feedback');
    await page.getByRole('button', { name: /提\s*交/ }).click();
    const code = await page.getByTestId('tracking-code').innerText();
    expect(code).toMatch(/^FB(-[A-Z2-9]{5}){4}$/);

    await page.getByRole('link', { name: '查看办理情况' }).click();
    await page.waitForURL(new RegExp(`#/public/feedback/${code}$`));
    await expectText(page.getByTestId('feedback-status'), /^已收到，等待整改办处理$/);
    expect(await accessibilityViolations(page)).toEqual([]);

    // The office forwards it to a measure of the published plan.
    const measures = await office.client.request('GET', `/measures?plan=${plans.published.id}`);
    const measure = measures.body.items.find((m: { code: string }) => m.code === 'P01-M1');
    const queue = await office.client.request('GET', '/feedback?status=received');
    const item = queue.body.items.find((f: { message: string }) => f.message === said);
    const triaged = await office.client.request('POST', `/feedback/${item.id}/triage`, {
      measureId: measure.id,
    });
    expect(triaged.status).toBe(200);

    await page.getByRole('button', { name: '刷新' }).click();
    await expectText(page.getByTestId('feedback-status'), /^已转交整改措施办理$/);
    await page.getByText(/转交整改措施 P01-M1 9月底前完成2\.65万户危房改造/).waitFor();
    await context.close();
  });

  it('answers an unknown tracking code with the API’s refusal', async () => {
    const { page, context } = await web.newPage();
    await page.goto('/#/public/feedback');
    await page.getByLabel('查询码').fill('FB-AAAAA-AAAAA-AAAAA-AAAAA');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await page.waitForURL(/#\/public\/feedback\/FB-AAAAA-AAAAA-AAAAA-AAAAA$/);
    await expectText(page.getByRole('alert'), /404 NOT_FOUND[\s\S]*no feedback with this tracking code/);
    await context.close();
  });
});

// Waits until the element shows the text (it may change when a refresh answers).
async function expectText(locator: Locator, pattern: RegExp): Promise<void> {
  const shown = locator.filter({ hasText: pattern }).first();
  await shown.waitFor();
  expect(await shown.innerText()).toMatch(pattern);
}
