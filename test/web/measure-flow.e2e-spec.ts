// The flow in a real browser: the office imports a plan; a unit user opens its measure,
// reports progress with an indicator value and claims completion with an uploaded photo; the
// office sees the claim and the photo and verifies it; both screens show the measure signed off.
// Along the way, what each role may not do is shown with its reason.
import * as fs from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { aPlanDocument } from '../support/plan-fixtures';
import { TestAccount } from '../support/rectify-harness';
import {
  accessibilityViolations,
  clickSubmit,
  screenshot,
  signIn,
  startWebRectify,
  submitDialog,
  WebRectify,
} from '../support/web-app';

const MEASURE_TITLE = 'P01-M1 9月底前完成2.65万户危房改造';
const PHOTO_NAME = '改造后住房.png';
const PHOTO = png(24, 16);

describe('a measure from report to sign-off on the detail screen', () => {
  let web: WebRectify;
  let office: TestAccount;
  let housing: TestAccount;
  let own: string; // P01-M1: GS-HOUSING leads it
  let other: string; // P01-M2: GS-POVERTY's alone, none of GS-HOUSING's business
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    web = await startWebRectify();
    office = await web.rectify.createUser('office');
    housing = await web.rectify.createUser('unit', { units: ['GS-HOUSING'] });
    // A deadline years after the server's clock: the ladder stays quiet during the test.
    const imported = await office.client.request(
      'POST',
      '/plans',
      aPlanDocument({ planCode: 'WEB-FLOW', due: '2099-06-30', measures: 2 }),
    );
    expect(imported.status).toBe(201);
    const list = await office.client.request('GET', `/measures?plan=${imported.body.planId}`);
    expect(list.status).toBe(200);
    const idOf = (code: string) => list.body.items.find((m: { code: string }) => m.code === code).id;
    own = idOf('P01-M1');
    other = idOf('P01-M2');
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await web?.stop();
  });

  const open = async (who: TestAccount): Promise<Page> => {
    const { context, page } = await web.newPage();
    contexts.push(context);
    await signIn(page, who.email, who.password);
    return page;
  };
  const goToMeasure = async (page: Page, id: string) => {
    await page.goto(`/#/measures/${id}`);
    await page.getByRole('heading', { name: MEASURE_TITLE }).waitFor();
  };
  const timelineEvent = (page: Page, name: string) =>
    page.getByTestId('timeline-event').filter({ hasText: name });
  const status = (page: Page, name: string) => page.getByTestId('measure-status').filter({ hasText: name });

  it('takes a claim from the unit’s screen to the office’s sign-off, each seeing what it may do', async () => {
    // The unit reports progress with an indicator value.
    const unitPage = await open(housing);
    await goToMeasure(unitPage, own);
    await status(unitPage, '已交办').waitFor();
    await unitPage.getByRole('button', { name: '报告进展' }).click();
    let dialog = unitPage.getByRole('dialog', { name: '报告进展' });
    await dialog.getByLabel('进展情况').fill('已完成1.2万户改造');
    await dialog.getByLabel('危房改造户数（户，目标 26500）').fill('12000');
    await submitDialog(dialog);
    await timelineEvent(unitPage, '报告进展').filter({ hasText: 'houses = 12000' }).waitFor();
    await unitPage.getByText('危房改造户数：目标 26500 户，最新 12000 户（45%）').waitFor();
    await status(unitPage, '整改中').waitFor();

    // It claims completion with a photo uploaded from its disk.
    await unitPage.getByRole('button', { name: '申请销号' }).click();
    dialog = unitPage.getByRole('dialog', { name: '申请销号' });
    await dialog.locator('input[type=file]').setInputFiles({
      name: PHOTO_NAME,
      mimeType: 'image/png',
      buffer: PHOTO,
    });
    await dialog.getByText(PHOTO_NAME, { exact: true }).waitFor();
    expect(await dialog.getByLabel(`材料类型 ${PHOTO_NAME}`).locator('..').innerText()).toContain('照片');
    // Still short of the target and without a word why: the workflow refuses, and the form says
    // so in the API's words and stays open with the file.
    await clickSubmit(dialog);
    const refused = dialog.getByRole('alert');
    await refused.waitFor();
    expect(await refused.innerText()).toMatch(
      /400 VALIDATION_FAILED[\s\S]*indicators below target \(houses\) need an explanation/,
    );
    await dialog.getByLabel('危房改造户数（户，目标 26500）').fill('26500');
    // The refusal's alert stays on screen until the dialog closes.
    await clickSubmit(dialog);
    await dialog.waitFor({ state: 'hidden' });
    await timelineEvent(unitPage, '申请销号').filter({ hasText: PHOTO_NAME }).waitFor();
    await status(unitPage, '申请销号').waitFor();

    // Verifying is not the unit's: the button is there, disabled, with the reason beside it.
    const unitVerify = unitPage.getByRole('button', { name: /^验\s*收$/ });
    expect(await unitVerify.isDisabled()).toBe(true);
    const why = await unitVerify.getAttribute('aria-describedby');
    expect(await unitPage.locator(`#${why}`).innerText()).toBe('只有整改办、验收人员可以执行此操作');
    // And with the claim pending, a second claim is refused by the state machine, with its reason.
    const unitClaim = unitPage.getByRole('button', { name: '申请销号' });
    expect(await unitClaim.isDisabled()).toBe(true);
    const whyNot = await unitClaim.getAttribute('aria-describedby');
    expect(await unitPage.locator(`#${whyNot}`).innerText()).toBe('当前状态（申请销号）不接受此操作');
    expect(await accessibilityViolations(unitPage)).toEqual([]);

    // A measure outside its units does not exist for it: the screen shows the API's refusal.
    const elsewhere = await open(housing);
    await elsewhere.goto(`/#/measures/${other}`);
    const refusal = elsewhere.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('404 NOT_FOUND');
    expect(await refusal.innerText()).toContain(`no measure ${other}`);
    expect(await elsewhere.getByRole('heading', { name: /P01-M2/ }).count()).toBe(0);

    // The office sees the claim and the photo: previewed from a blob: URL, downloaded as uploaded.
    const officePage = await open(office);
    await goToMeasure(officePage, own);
    // Named by the unit user's account, not by its id.
    await timelineEvent(officePage, '申请销号').filter({ hasText: '责任单位 test unit' }).waitFor();
    await status(officePage, '申请销号').waitFor();
    await officePage.getByRole('button', { name: `预览 ${PHOTO_NAME}` }).click();
    const preview = officePage.getByRole('dialog', { name: PHOTO_NAME });
    const img = preview.getByRole('img', { name: PHOTO_NAME });
    await img.waitFor();
    expect(await img.getAttribute('src')).toMatch(/^blob:/);
    // Decoded by the browser: a real image, not just a blob: URL. (A string: the tests compile
    // without the DOM's types.)
    await officePage.waitForFunction(
      `document.querySelector('img[alt="${PHOTO_NAME}"]')?.naturalWidth === 24`,
    );
    const [download] = await Promise.all([
      officePage.waitForEvent('download'),
      preview.getByRole('button', { name: /下\s*载/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(PHOTO_NAME);
    expect(fs.readFileSync(await download.path()).equals(PHOTO)).toBe(true);
    await officePage.keyboard.press('Escape');
    await preview.waitFor({ state: 'hidden' });

    // The office may not report for the unit, and says so; it verifies.
    const officeReport = officePage.getByRole('button', { name: '报告进展' });
    expect(await officeReport.isDisabled()).toBe(true);
    await officePage.getByRole('button', { name: /^验\s*收$/ }).click();
    dialog = officePage.getByRole('dialog', { name: '验收' });
    expect(await dialog.getByRole('radio', { name: '通过（销号）' }).isChecked()).toBe(true);
    await submitDialog(dialog);
    await status(officePage, '已销号').waitFor();
    await timelineEvent(officePage, '验收通过（销号）').waitFor();

    // The unit's screen follows on its own.
    await status(unitPage, '已销号').waitFor({ timeout: 30_000 });
    await timelineEvent(unitPage, '验收通过（销号）').waitFor();

    expect(await accessibilityViolations(officePage)).toEqual([]);
    await screenshot(officePage, 'measure-detail');
  });
});

// A real PNG (grey pixels), so the preview has an image to decode.
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const rows = Buffer.concat(
    Array.from({ length: height }, () => Buffer.from([0, ...Array(width).fill(128)])),
  );
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
