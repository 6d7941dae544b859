// The measure board in a real browser: the office filters, sorts, pages and exports what it sees;
// a unit user sees its own measures only.
import { Workbook } from 'exceljs';
import * as fs from 'node:fs';
import type { Page } from 'playwright-core';
import { importBoardPlan } from '../support/board-fixtures';
import { eventually } from '../support/eventually';
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

// What the test reads of the page's window (the tests compile without the DOM's types).
interface BrowserWindow {
  getComputedStyle(e: unknown): { color: string };
}

// The codes in the board's rows, in order, once the board shows `expected` (it loads on its own).
async function rowsBecome(page: Page, expected: string[]): Promise<void> {
  await eventually(
    async () => {
      const codes = await page.locator('.ant-table-tbody tr.ant-table-row td:first-child').allInnerTexts();
      expect(codes).toEqual(expected);
    },
    { timeoutMs: 20_000 },
  );
}

describe('the measure board in the browser', () => {
  let web: WebRectify;
  let office: TestAccount;
  let linxia: TestAccount;
  let bigPlan: string;

  beforeAll(async () => {
    web = await startWebRectify();
    office = await web.rectify.createUser('office');
    linxia = await web.rectify.createUser('unit', { units: ['LINXIA'] });
    await importBoardPlan(office.client, 'WEB-BOARD');
    const big = await office.client.request(
      'POST',
      '/plans',
      aPlanDocument({ planCode: 'WEB-BOARD-25', due: '2090-01-15', measures: 25 }),
    );
    expect(big.status).toBe(201);
    bigPlan = big.body.planId;
  });
  afterAll(() => web?.stop());

  it('lets the office filter by unit and status, keeps the filters in the address, and marks overdue rows red', async () => {
    const { page, context } = await web.newPage();
    await signIn(page, office.email, office.password);
    await page.getByRole('navigation', { name: '主导航' }).getByText('整改措施').click();
    await page.waitForURL(/#\/measures/);
    await page.getByText('共 30 条').waitFor();
    const overdue = page.locator('.ant-table-tbody tr.ant-table-row').first();
    expect(await overdue.locator('td').first().innerText()).toBe('P02-M2');
    expect(await overdue.getByText('逾期').count()).toBe(1);
    expect(
      await overdue
        .getByText('逾期')
        .evaluate((e) => (globalThis as unknown as BrowserWindow).getComputedStyle(e).color),
    ).toBe('rgb(168, 7, 26)');

    await page.getByRole('combobox', { name: '责任单位' }).fill('GS-HOUSING');
    await page.getByRole('combobox', { name: '责任单位' }).press('Enter');
    await page.waitForURL(/unit=GS-HOUSING/);
    await chooseOption(page, page.getByRole('combobox', { name: '状态' }), '已交办');
    await page.waitForURL(/status=assigned/);
    // GS-HOUSING leads the odd measures of the 25 (due 2090-01-15; in code order as text), then
    // three of WEB-BOARD by deadline (P03-M1 as a co-unit).
    const housing = [
      ...Array.from({ length: 13 }, (_, i) => `P01-M${2 * i + 1}`).sort(),
      'P01-M1',
      'P02-M1',
      'P03-M1',
    ];
    await page.getByText(`共 ${housing.length} 条`).waitFor();
    await rowsBecome(page, housing);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'measure-board');

    // The address is the view: reloaded, the same filters and rows.
    await page.reload();
    await rowsBecome(page, housing);
    expect(await page.getByRole('combobox', { name: '责任单位' }).inputValue()).toBe('GS-HOUSING');

    // Each row opens its measure.
    expect(await page.getByRole('link', { name: 'P03-M1' }).getAttribute('href')).toMatch(
      /#\/measures\/[0-9a-f-]{36}$/,
    );
    await context.close();
  });

  it('shows each open measure’s light (亮灯) and filters by it', async () => {
    const { page, context } = await web.newPage();
    await signIn(page, office.email, office.password);
    await page.goto('/#/measures');
    await page.getByText('共 30 条').waitFor();
    // Long past its deadline, P02-M2 is red; the others, due in 2090, are green.
    await chooseOption(page, page.getByRole('combobox', { name: '亮灯' }), '红灯');
    await page.waitForURL(/light=red/);
    await page.getByText('共 1 条').waitFor();
    await rowsBecome(page, ['P02-M2']);
    const row = page.locator('.ant-table-tbody tr.ant-table-row').first();
    expect(await row.getByText('红灯').count()).toBe(1);
    await chooseOption(page, page.getByRole('combobox', { name: '亮灯' }), '绿灯');
    await page.waitForURL(/light=green/);
    await page.getByText('共 29 条').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  it('sorts by a column and pages through the server’s pages', async () => {
    const { page, context } = await web.newPage();
    await signIn(page, office.email, office.password);
    await page.goto(`/#/measures?plan=${bigPlan}`);
    // Codes sort as text: P01-M1, P01-M10 … P01-M19, P01-M2, P01-M20 … P01-M25, P01-M3 … P01-M9.
    const all = Array.from({ length: 25 }, (_, i) => `P01-M${i + 1}`).sort();
    await page.getByText('共 25 条').waitFor();
    await rowsBecome(page, all.slice(0, 20));
    await page.locator('.ant-pagination-item-2').click();
    await page.waitForURL(/page=2/);
    await rowsBecome(page, all.slice(20));

    await page.getByRole('columnheader', { name: /编号/ }).click();
    await page.waitForURL(/sort=code%3Aasc|sort=code:asc/);
    await rowsBecome(page, all.slice(0, 20));
    await page.getByRole('columnheader', { name: /编号/ }).click();
    await page.waitForURL(/sort=code%3Adesc|sort=code:desc/);
    await rowsBecome(page, [...all].reverse().slice(0, 20));
    await context.close();
  });

  it('shows a unit user its own measures only', async () => {
    const { page, context } = await web.newPage();
    await signIn(page, linxia.email, linxia.password);
    await page.goto('/#/measures');
    // LINXIA leads P02-M2 and co-operates on P01-M1 of both plans.
    await page.getByText('共 3 条').waitFor();
    await rowsBecome(page, ['P02-M2', 'P01-M1', 'P01-M1']);
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  it('exports the current view: the file holds the rows the board shows', async () => {
    const { page, context } = await web.newPage();
    await signIn(page, office.email, office.password);
    await page.goto('/#/measures?unit=GS-HOUSING&status=assigned&sort=code%3Adesc&size=50');
    await page.getByText('共 16 条').waitFor();
    const shown = await page.locator('.ant-table-tbody tr.ant-table-row td:first-child').allInnerTexts();
    expect(shown).toHaveLength(16);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /导出Excel/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^measures-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const wb = new Workbook();
    await wb.xlsx.load(fs.readFileSync((await download.path())!) as never);
    const codes: string[] = [];
    wb.getWorksheet('整改措施')!.eachRow((row, n) => {
      if (n > 1) codes.push(String(row.getCell(3).value));
    });
    expect(codes).toEqual(shown);
    await context.close();
  });
});
