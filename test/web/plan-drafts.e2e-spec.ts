// The plan drafts screens in a real browser: the office uploads a rectification plan as text, sees
// the drafted tree beside the document, selects a field and sees where it was read, edits the plan's
// title in place, dry-runs and applies the draft, and lands on the imported plan; a draft not
// applied is deleted; a unit user is kept out.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { TestAccount } from '../support/rectify-harness';
import { uniqueCode } from '../support/unique';
import {
  accessibilityViolations,
  confirmPopover,
  screenshot,
  signIn,
  startWebRectify,
  WebRectify,
} from '../support/web-app';

const SMALL_PLAN = path.join(__dirname, '../fixtures/documents/small-plan.txt');

interface Field {
  path: string;
  paragraph: number | null;
}
interface Titled {
  title: string;
}

describe('the plan drafts screens', () => {
  let web: WebRectify;
  let office: TestAccount;
  let unit: TestAccount;

  beforeAll(async () => {
    web = await startWebRectify();
    office = await web.rectify.createUser('office');
    unit = await web.rectify.createUser('unit', { units: ['LINXIA'] });
  });
  afterAll(() => web?.stop());

  // Uploads the small plan from the drafts screen; the new draft opens. Its id, from the address.
  async function uploadSmallPlan(page: Page, code: string): Promise<string> {
    await page.getByRole('navigation', { name: '主导航' }).getByText('从文件起草').click();
    await page.waitForURL(/#\/plans\/drafts$/);
    await page.getByLabel('方案编号（可选）').fill(code);
    await page.locator('input[type=file]').setInputFiles(SMALL_PLAN);
    await page.waitForURL(/#\/plans\/drafts\/[^/]+$/);
    return decodeURIComponent(page.url().split('/').pop()!);
  }

  it('drafts the small plan, shows where a field was read, edits it, and applies the draft', async () => {
    const code = uniqueCode('WEB-DRAFT');
    const { page, context } = await web.newPage();
    await signIn(page, office.email, office.password);
    const id = await uploadSmallPlan(page, code);
    const stored = await office.client.request('GET', `/plans/drafts/${id}`);
    expect(stored.status).toBe(200);

    // The tree: the document's two categories and its problems, by the titles the draft holds.
    const categories = page.getByTestId('draft-category');
    await categories.first().waitFor();
    expect(await categories.count()).toBe(2);
    const problems = stored.body.plan.categories.flatMap((c: { aspects: { problems: Titled[] }[] }) =>
      c.aspects.flatMap((a) => a.problems.map((p) => p.title)),
    );
    expect(problems).toHaveLength(5);
    const shown = await page.getByTestId('draft-problem').allInnerTexts();
    expect(shown).toHaveLength(5);
    problems.forEach((title: string, i: number) => expect(shown[i]).toContain(title));
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'plan-draft');

    // Selecting the first category's title marks its paragraph and the characters read.
    const category = stored.body.fields.find((f: Field) => f.path === 'categories[0].title');
    await page.getByRole('button', { name: '原文出处：categories[0].title' }).click();
    const marked = page.locator('p[data-selected="true"]');
    await marked.waitFor();
    expect(await marked.getAttribute('id')).toBe(`draft-paragraph-${category.paragraph}`);
    expect(await marked.locator('mark').innerText()).toContain(stored.body.plan.categories[0].title);

    // The plan's title edited in place: a JSON Patch, the field now edited.
    const title = '临河县委巡察整改方案（网页核对）';
    const field = page.locator('[data-path="plan.title"]');
    await field.getByRole('button', { name: /编辑|Edit/ }).click();
    await field.locator('textarea').fill(title);
    await field.locator('textarea').press('Enter');
    await page.getByRole('status').filter({ hasText: '已保存 plan.title' }).waitFor();
    const edited = await office.client.request('GET', `/plans/drafts/${id}`);
    expect(edited.body.plan.plan.title).toBe(title);
    expect(edited.body.edited).toContain('plan.title');

    // A dry run, then the import; nothing is written by the dry run.
    await page.getByRole('button', { name: /试导入/ }).click();
    const dryRun = page.getByTestId('draft-dry-run');
    await dryRun.waitFor();
    expect(await dryRun.innerText()).toMatch(/新方案[\s\S]*问题新增 5；措施新增 10，调出 0，修改 0/);
    expect((await office.client.request('GET', `/plans/${code}`)).status).toBe(404);
    await page.getByRole('button', { name: /确认导入/ }).click();
    const done = page.getByRole('status').filter({ hasText: `已导入 ${code}` });
    await done.waitFor();
    await done.getByRole('link', { name: /查看整改方案（10 项措施）/ }).click();
    await page.waitForURL(/#\/plans\/[^/]+$/);
    await page.getByRole('heading', { name: `${code} ${title}` }).waitFor();
    const plan = await office.client.request('GET', `/plans/${code}`);
    expect(plan.status).toBe(200);
    expect(plan.body.summary.measures).toBe(10);

    // The list: newest first, the draft now applied.
    await page.goto('/#/plans/drafts');
    const row = page.getByRole('row').filter({ hasText: code });
    await row.waitFor();
    expect(await row.innerText()).toContain('已导入');
    expect(await page.getByRole('row').nth(1).innerText()).toContain(code);
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  it('deletes a draft not applied', async () => {
    const { page, context } = await web.newPage();
    await signIn(page, office.email, office.password);
    const id = await uploadSmallPlan(page, uniqueCode('WEB-DRAFT'));
    await page.getByRole('button', { name: /删除草稿/ }).click();
    await confirmPopover(page);
    // The page leaves for the list once the API deleted the draft; if it stays, say what it shows.
    await page.waitForURL(/#\/plans\/drafts$/).catch(async (e: Error) => {
      throw new Error(
        `${e.message}\nthe page's alerts: ${(await page.getByRole('alert').allInnerTexts()).join(' | ')}`,
      );
    });
    expect((await office.client.request('GET', `/plans/drafts/${id}`)).status).toBe(404);
    await context.close();
  });

  it('shows a refused document with its status and code, and opens no draft', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-drafts-'));
    const empty = path.join(dir, 'empty.txt');
    fs.writeFileSync(empty, '');
    try {
      const before = (await office.client.request('GET', '/plans/drafts')).body.length;
      const { page, context } = await web.newPage();
      await signIn(page, office.email, office.password);
      await page.goto('/#/plans/drafts');
      await page.locator('input[type=file]').setInputFiles(empty);
      await page.getByRole('alert').filter({ hasText: '422 DOCUMENT_EMPTY' }).waitFor();
      expect(page.url()).toMatch(/#\/plans\/drafts$/);
      expect(await accessibilityViolations(page)).toEqual([]);
      expect((await office.client.request('GET', '/plans/drafts')).body.length).toBe(before);
      await context.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('offers a unit user no drafts, and refuses them when typed in', async () => {
    const { page, context } = await web.newPage();
    await signIn(page, unit.email, unit.password);
    const menu = page.getByRole('navigation', { name: '主导航' });
    await menu.getByText('整改方案').waitFor();
    expect(await menu.getByText('从文件起草').count()).toBe(0);
    await page.goto('/#/plans/drafts');
    await page.getByText('无权起草整改方案').waitFor();
    expect(await page.locator('input[type=file]').count()).toBe(0);
    await context.close();
  });
});
