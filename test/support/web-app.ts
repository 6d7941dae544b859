// The web app in a real browser: the app built as `npm run build` builds it (vite), served by a
// harness API, and Debian's chromium driven by playwright-core. Playwright's own browser download
// needs the internet, so the system chromium is used (installed with apt when missing).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Browser, BrowserContext, chromium, Locator, Page } from 'playwright-core';
import { builtOnce, CompiledApps } from './compiled-apps';
import { eventually } from './eventually';
import { HarnessOptions, RectifyHarness, startRectify } from './rectify-harness';

const REPO = path.resolve(__dirname, '../..');
export const CHROMIUM = process.env.RECTIFY_CHROMIUM ?? '/usr/bin/chromium';
// Without these, chromium waits on the network for updates, sync and first-run pages.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
// The README's pictures are refreshed on request only (RECTIFY_UPDATE_SCREENSHOTS=1): every run
// rewrote them, their bytes different from run to run, leaving the work tree changed.
// Otherwise they go to the run's own directory, still taken, so a screen that cannot be drawn fails.
export const SCREENSHOTS = process.env.RECTIFY_UPDATE_SCREENSHOTS
  ? path.join(REPO, 'docs/screenshots')
  : path.join(process.env.RECTIFY_TEST_DIR ?? os.tmpdir(), 'screenshots');

export function webBuild(): CompiledApps {
  return builtOnce(process.env.RECTIFY_TEST_WEB_BUILD, 'test-web-', (dir) =>
    execFileSync(
      path.join(REPO, 'node_modules/.bin/vite'),
      ['build', '--config', 'apps/web/vite.config.ts'],
      {
        cwd: REPO,
        // Jest sets NODE_ENV=test, which Vite would keep: the tests drive the production build.
        env: { ...process.env, NODE_ENV: 'production', RECTIFY_WEB_OUT_DIR: dir },
        stdio: 'pipe',
      },
    ),
  );
}

// The browser, and a Chinese font so that screenshots show the zh-CN screens as people see them.
const FONT_DIR = '/usr/share/fonts/truetype/wqy';

function ensureChromium(): void {
  if (fs.existsSync(CHROMIUM) && fs.existsSync(FONT_DIR)) return;
  if (process.getuid?.() !== 0)
    throw new Error(
      `no browser at ${CHROMIUM} or no Chinese font: apt-get install chromium fonts-wqy-microhei (or set RECTIFY_CHROMIUM)`,
    );
  // A fresh machine has no package lists yet: without them the install finds nothing.
  execFileSync('apt-get', ['update', '-q'], { stdio: 'pipe' });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium', 'fonts-wqy-microhei'], {
    stdio: 'pipe',
  });
}

export interface WebRectify {
  readonly rectify: RectifyHarness;
  readonly browser: Browser;
  // A fresh browser profile (its own session storage): one per person in a test.
  newPage(): Promise<{ context: BrowserContext; page: Page }>;
  stop(): Promise<void>;
}

export async function startWebRectify(o: HarnessOptions = {}): Promise<WebRectify> {
  ensureChromium();
  const web = webBuild();
  const rectify = await startRectify({ ...o, env: { ...o.env, RECTIFY_WEB_ROOT: web.dir } });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  return {
    rectify,
    browser,
    async newPage() {
      const context = await browser.newContext({
        baseURL: rectify.url,
        viewport: { width: 1400, height: 900 },
      });
      // Generous on a loaded 2-core machine: the API, worker, Temporal and chromium share it.
      context.setDefaultTimeout(60_000);
      const page = await context.newPage();
      return { context, page };
    },
    async stop() {
      await browser.close();
      await rectify.stop();
      web.release();
    },
  };
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/#/login');
  await page.getByLabel(/邮箱|Email/).fill(email);
  await page.getByLabel(/密码|Password/).fill(password);
  await page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
  await page.getByTestId('signed-in-as').waitFor();
}

// An Ant Design select (found by its label): open it, pick the option by its text, and wait until
// the select shows it as chosen and its list has closed. A click that lands while the list is
// still opening (an animation, slower on a loaded machine) is tried again.
export async function chooseOption(page: Page, select: Locator, option: string): Promise<void> {
  const root = select.locator(
    'xpath=ancestor-or-self::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]',
  );
  for (let attempt = 1; ; attempt++) {
    try {
      await select.click({ timeout: 10_000 });
      await page
        .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
        .filter({ hasText: option })
        .first()
        .click({ timeout: 10_000 });
      await root.getByText(option).first().waitFor({ timeout: 10_000 });
      await page
        .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
        .waitFor({ state: 'hidden', timeout: 10_000 });
      return;
    } catch (e) {
      if (attempt === 3) throw e;
      // An open list closes before the next try (Escape with none open would close a dialog).
      if (await page.locator('.ant-select-dropdown').filter({ visible: true }).count())
        await page.keyboard.press('Escape');
    }
  }
}

// Clicks a dialog's 提交 once antd has finished zooming the dialog in. A click while it grows can
// land beside the moving button and be lost (the likeliest reading of a CI run where 签收's dialog
// stayed open after its 提交 was clicked during the zoom).
export async function clickSubmit(dialog: Locator): Promise<void> {
  await dialog.and(dialog.page().locator('.ant-modal:not([class*="ant-zoom"])')).waitFor();
  await dialog.getByRole('button', { name: /提\s*交/ }).click();
}

// Confirms the open antd Popconfirm once it has finished zooming in (a click while it grows can be
// lost, as with clickSubmit), then waits for it to close. A CI run once waited in vain for the draft
// page to leave after 确定 was clicked straight after the popover opened.
export async function confirmPopover(page: Page): Promise<void> {
  const popover = page.locator('.ant-popconfirm').filter({ visible: true });
  await popover.and(page.locator('.ant-popover:not([class*="ant-zoom"])')).waitFor();
  await popover.getByRole('button', { name: /确\s*定|OK/ }).click();
  await popover.waitFor({ state: 'hidden' });
}

// Submits a dialog's command and waits for the answer: the dialog closes once the API accepted it;
// a refusal or an invalid field stays in it and fails the test with what the screen says.
export async function submitDialog(dialog: Locator): Promise<void> {
  await clickSubmit(dialog);
  const alert = dialog.getByRole('alert').first();
  // The wait that loses the race times out later: its failure is not the test's.
  await Promise.race(
    [dialog.waitFor({ state: 'hidden' }), alert.waitFor()].map((w) => w.catch(() => undefined)),
  );
  if (await dialog.isVisible())
    throw new Error(
      (await alert.count())
        ? `the command was not accepted: ${await alert.innerText()}`
        : 'the dialog neither closed nor said why within the timeout',
    );
}

// The session the web app keeps in the tab's sessionStorage (apps/web/src/auth/session-store.ts).
// Strings evaluated in the page: the tests compile without the DOM's types.
export function storedAccessToken(page: Page): Promise<string> {
  return page.evaluate(`JSON.parse(sessionStorage.getItem('rectify.session')).accessToken`);
}

export async function replaceStoredAccessToken(page: Page, token: string): Promise<void> {
  await page.evaluate(
    `(() => { const s = JSON.parse(sessionStorage.getItem('rectify.session')); ` +
      `sessionStorage.setItem('rectify.session', JSON.stringify({ ...s, accessToken: ${JSON.stringify(token)} })); })()`,
  );
}

// Writes a screenshot of the page as it is into SCREENSHOTS (the README shows the overview).
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

// axe-core's checks of accessibility basics (WCAG 2 A/AA: labels, names, contrast) on the page as
// it is; the violations with the elements they concern.
export async function accessibilityViolations(page: Page): Promise<{ id: string; nodes: string[] }[]> {
  // A choice just made in a select closes its dropdown with an animation; until it ends, its
  // listbox (unnamed, as antd renders it) is still on screen. Check the page at rest.
  await eventually(async () => {
    if ((await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').count()) > 0)
      throw new Error('a select dropdown is still open or closing');
  });
  // A button leaving its loading or disabled look fades to its colours over 0.2 s; sampled halfway,
  // its text fails the contrast check though at rest it passes. Wait for every finite animation and
  // transition to end (a spinner's endless one never does, and is left out).
  await page.evaluate(async () => {
    const { document } = globalThis as unknown as { document: { getAnimations(): PageAnimation[] } };
    for (;;) {
      const ending = document
        .getAnimations()
        .filter((a) => a.playState === 'running' && a.effect?.getComputedTiming().iterations !== Infinity);
      if (ending.length === 0) return;
      // A cancelled animation rejects `finished`; it has ended all the same.
      await Promise.all(ending.map((a) => a.finished.catch(() => undefined)));
    }
  });
  // Evaluated through the browser's debugging protocol: the app's CSP refuses inline scripts.
  await page.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const result = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(o: unknown): Promise<AxeResult> } }).axe;
    return axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
  });
  return result.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

interface PageAnimation {
  playState: string;
  effect: { getComputedTiming(): { iterations?: number } } | null;
  finished: Promise<unknown>;
}

interface AxeResult {
  violations: { id: string; nodes: { target: string[] }[] }[];
}
