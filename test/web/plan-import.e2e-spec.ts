// The office's plan import and escalation screens in a real browser: a JSON plan dry-run (its
// deadline readings), imported and listed; an invalid file refused with its problems located and
// nothing imported; a changed file's diff with the withdrawal asked for explicitly; the template;
// an escalation policy previewed and applied; the queue of overdue measures; and a unit user kept out.
import { Workbook } from 'exceljs';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { aPlanDocument } from '../support/plan-fixtures';
import { TestAccount } from '../support/rectify-harness';
import {
  accessibilityViolations,
  chooseOption,
  screenshot,
  signIn,
  startWebRectify,
  WebRectify,
} from '../support/web-app';

const DAY_MS = 86_400_000;

describe('the plan import and escalation screens', () => {
  let web: WebRectify;
  let office: TestAccount;
  let unit: TestAccount;
  let dir: string;

  beforeAll(async () => {
    web = await startWebRectify();
    office = await web.rectify.createUser('office');
    unit = await web.rectify.createUser('unit', { units: ['LINXIA'] });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-import-'));
  });
  afterAll(async () => {
    await web?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const writePlan = (name: string, doc: unknown) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, JSON.stringify(doc, null, 2));
    return file;
  };

  async function openImport(page: Page): Promise<void> {
    await signIn(page, office.email, office.password);
    await page.getByRole('navigation', { name: '主导航' }).getByText('导入方案').click();
    await page.waitForURL(/#\/import$/);
  }

  async function choose(page: Page, file: string): Promise<Locator> {
    await page.locator('input[type=file]').setInputFiles(file);
    const dryRun = page.locator('.ant-card').filter({ hasText: '试导入结果（尚未写入）' });
    await dryRun.waitFor();
    return dryRun;
  }

  it('dry-runs a JSON plan with how its deadlines were read, imports it, and lists it', async () => {
    const doc = aPlanDocument({ planCode: 'WEB-IMPORT', due: '9月底前', measures: 2 });
    const { page, context } = await web.newPage();
    await openImport(page);
    const dryRun = await choose(page, writePlan('plan.json', doc));
    await dryRun.getByText('新方案').waitFor();
    for (const code of ['P01-M1', 'P01-M2']) {
      const row = dryRun.getByRole('row').filter({ hasText: code });
      expect(await row.innerText()).toMatch(/9月底前\s+2019-09-30/);
    }
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'plan-import');
    expect((await office.client.request('GET', '/plans/WEB-IMPORT')).status).toBe(404);

    await dryRun.getByRole('button', { name: /确认导入/ }).click();
    const done = page.getByRole('status').filter({ hasText: '已导入 WEB-IMPORT' });
    await done.waitFor();
    expect(await done.innerText()).toContain('新建');
    await done.getByRole('link', { name: '查看整改方案列表' }).click();
    await page.getByRole('cell', { name: 'WEB-IMPORT', exact: true }).waitFor();
    const plan = await office.client.request('GET', '/plans/WEB-IMPORT');
    expect(plan.status).toBe(200);
    expect(plan.body.summary.measures).toBe(2);
    await context.close();
  });

  it('refuses an invalid file with each problem at its line, and imports nothing', async () => {
    const doc = aPlanDocument({ planCode: 'WEB-BAD' });
    const measure = doc.categories[0].aspects[0].problems[0].measures[0];
    measure.leadUnit = 'NOWHERE';
    measure.due = '2月30日前';
    const { page, context } = await web.newPage();
    await openImport(page);
    await page.locator('input[type=file]').setInputFiles(writePlan('bad.json', doc));
    await page.getByRole('alert').filter({ hasText: '400 VALIDATION_FAILED' }).waitFor();
    const problems = page.locator('.ant-table').filter({ hasText: '处问题，未导入任何内容' });
    await problems.waitFor();
    const rows = problems.locator('tbody tr');
    expect(await rows.count()).toBe(2);
    const texts = await rows.allInnerTexts();
    expect(texts.find((t) => t.includes('NOWHERE'))).toMatch(/^\d+:\d+\s+\S+leadUnit/);
    expect(texts.find((t) => t.includes('2月30日前'))).toMatch(/^\d+:\d+\s+\S+\.due/);
    expect(await page.locator('.ant-card').filter({ hasText: '试导入结果' }).count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect((await office.client.request('GET', '/plans/WEB-BAD')).status).toBe(404);
    await context.close();
  });

  it('shows the diff of a changed file, and withdraws left-out measures only when asked', async () => {
    const first = aPlanDocument({ planCode: 'WEB-CHANGE', due: '9月底前', measures: 2 });
    expect((await office.client.request('POST', '/plans', first)).status).toBe(201);
    const next = aPlanDocument({ planCode: 'WEB-CHANGE', due: '9月底前', measures: 3 });
    const problem = next.categories[0].aspects[0].problems[0];
    problem.measures = problem.measures.filter((m) => m.code !== 'P01-M2');
    problem.measures[0].due = '10月底前';

    const { page, context } = await web.newPage();
    await openImport(page);
    const dryRun = await choose(page, writePlan('changed.json', next));
    const field = (label: string) => dryRun.locator('tr').filter({ hasText: label }).first().innerText();
    expect(await field('新增措施')).toContain('P01-M3');
    expect(await field('将调出的措施')).toContain('P01-M2');
    expect(await field('变更的措施')).toContain('P01-M1');
    const moved = dryRun.getByRole('row').filter({ hasText: '9月底前 (' });
    expect(await moved.innerText()).toMatch(
      /P01-M1\s+9月底前 \(2019-09-30T16:00:00.000Z\)\s+10月底前 \(2019-10-31T16:00:00.000Z\)/,
    );
    // Without the explicit withdrawal, applying would be refused, naming the measure.
    await dryRun.getByRole('alert').filter({ hasText: 'PLAN_CONFLICT' }).waitFor();
    expect(await dryRun.getByRole('button', { name: /确认导入/ }).isDisabled()).toBe(true);

    await page.getByRole('checkbox', { name: /调出新文件中没有的措施/ }).check();
    const again = page.locator('.ant-card').filter({ hasText: '试导入结果（尚未写入）' });
    const apply = again.locator('button:not([disabled])').filter({ hasText: '确认导入' });
    await apply.waitFor();
    expect(await again.getByRole('alert').count()).toBe(0);
    await apply.click();
    const done = page.getByRole('status').filter({ hasText: '已导入 WEB-CHANGE' });
    await done.waitFor();
    expect(await done.innerText()).toMatch(/已更新[\s\S]*调出 1 项/);
    const plan = await office.client.request('GET', '/plans/WEB-CHANGE');
    const measures = await office.client.request('GET', `/measures?plan=${plan.body.id}`);
    expect(
      measures.body.items.map((m: { code: string; status: string }) => [m.code, m.status]).sort(),
    ).toEqual([
      ['P01-M1', 'assigned'],
      ['P01-M2', 'withdrawn'],
      ['P01-M3', 'assigned'],
    ]);
    await context.close();
  });

  it('downloads the XLSX template, which dry-runs as it is with its deadlines read at their cells', async () => {
    const { page, context } = await web.newPage();
    await openImport(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /下载 XLSX 模板/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('plan-template.xlsx');
    const wb = new Workbook();
    await wb.xlsx.readFile(await download.path());
    expect(wb.worksheets.map((s) => s.name)).toEqual(
      expect.arrayContaining(['基本信息', '责任单位', '任务清单']),
    );
    const template = path.join(dir, 'template.xlsx');
    await download.saveAs(template);
    const dryRun = await choose(page, template);
    await dryRun.getByText('EXAMPLE-2019').waitFor();
    const reading = dryRun.getByRole('row').filter({ hasText: '任务清单!O2' });
    expect(await reading.innerText()).toMatch(/2019-09-30/);
    await context.close();
  });

  it('previews a new escalation policy step by step, applies it, and queues the overdue measure', async () => {
    // One measure due in thirty days by the server's clock, one long overdue.
    const now = Date.parse((await office.client.request('GET', '/plans')).headers.get('date')!);
    const doc = aPlanDocument({ planCode: 'WEB-ESC', due: shanghaiDate(now + 30 * DAY_MS), measures: 2 });
    doc.categories[0].aspects[0].problems[0].measures[1].due = '2019-09-30';
    const imported = await office.client.request('POST', '/plans', doc);
    expect(imported.status).toBe(201);
    const listed = await office.client.request('GET', `/measures?plan=${imported.body.planId}`);
    const dueAt = Date.parse(listed.body.items.find((m: { code: string }) => m.code === 'P01-M1').dueAt);

    const { page, context } = await web.newPage();
    await signIn(page, office.email, office.password);
    await page.getByRole('navigation', { name: '主导航' }).getByText('督办升级').click();
    await page.waitForURL(/#\/escalation$/);
    await chooseOption(page, page.getByRole('combobox', { name: '整改方案' }), 'WEB-ESC');
    const policy = page.getByLabel('督办规则（JSON）');
    // The plan's policy in force (the default: the plan names none) is there to edit.
    await page.waitForFunction(
      `document.getElementById('escalation-policy-text')?.value.includes('"default-1"')`,
    );
    await policy.fill(
      JSON.stringify({
        version: 'web-2',
        steps: [
          { kind: 'reminder', offset: '-P14D' },
          { kind: 'overdue_notice', offset: 'PT0S' },
          { kind: 'supervision_notice', offset: 'P5D' },
        ],
      }),
    );
    await page.getByRole('button', { name: /预\s*览/ }).click();
    const preview = page.locator('.ant-table').filter({ hasText: '步骤调整' });
    const row = preview.getByRole('row').filter({ hasText: 'P01-M1' });
    await row.waitFor();
    // At once, while 启用 is still fading out of its loading look: the check waits for the page at rest.
    expect(await accessibilityViolations(page)).toEqual([]);
    const at = (days: number) => shanghaiMinute(dueAt + days * DAY_MS);
    expect((await row.locator('li').allInnerTexts()).sort()).toEqual(
      [
        `提醒 #1: ${at(-7)} → ${at(-14)}`,
        `提醒 #2: ${at(-1)} → （取消）`,
        `督办 #1: ${at(3)} → ${at(5)}`,
        `约谈 #1: ${at(7)} → （取消）`,
        `问责移送 #1: ${at(15)} → （取消）`,
      ].sort(),
    );
    const queue = page.locator('.ant-card').filter({ hasText: '逾期与升级督办的措施' });
    await queue.getByRole('row').filter({ hasText: 'P01-M2' }).waitFor();
    expect(await queue.getByRole('row').filter({ hasText: 'P01-M1' }).count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'escalation');

    await page.getByRole('button', { name: /启\s*用/ }).click();
    await page.getByRole('status').filter({ hasText: '启用规则 web-2' }).waitFor();
    const plan = await office.client.request('GET', `/plans/${imported.body.planId}`);
    expect(plan.body.escalationPolicy.version).toBe('web-2');
    await context.close();
  });

  it('offers a unit user neither screen, and refuses them when typed in', async () => {
    const { page, context } = await web.newPage();
    await signIn(page, unit.email, unit.password);
    const menu = page.getByRole('navigation', { name: '主导航' });
    await menu.getByText('整改方案').waitFor();
    expect(await menu.getByText('导入方案').count()).toBe(0);
    expect(await menu.getByText('督办升级').count()).toBe(0);
    await page.goto('/#/import');
    await page.getByText('无权导入整改方案').waitFor();
    expect(await page.locator('input[type=file]').count()).toBe(0);
    await page.goto('/#/escalation');
    await page.getByText('无权管理督办升级').waitFor();
    await context.close();
  });
});

// A day in the plans' time zone, as a plan writes a deadline.
function shanghaiDate(ms: number): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(ms));
}

function shanghaiMinute(ms: number): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(ms));
}
