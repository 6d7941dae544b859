// 签收 in a real browser: the lead unit sees its measure 待签收 and returns it with a reason; the
// office keeps it with the unit (维持交办); the unit then acknowledges it. A co-unit sees the
// measure but not the buttons' right, with the reason beside them.
import type { BrowserContext, Page } from 'playwright-core';
import { eventually } from '../support/eventually';
import { aPlanDocument } from '../support/plan-fixtures';
import { TestAccount } from '../support/rectify-harness';
import { uniqueCode } from '../support/unique';
import {
  accessibilityViolations,
  screenshot,
  signIn,
  startWebRectify,
  submitDialog,
  WebRectify,
} from '../support/web-app';

const MEASURE_TITLE = 'P01-M1 9月底前完成2.65万户危房改造';

describe('签收 on the measure detail screen', () => {
  let web: WebRectify;
  let office: TestAccount;
  let housing: TestAccount;
  let linxia: TestAccount;
  let id: string; // P01-M1: GS-HOUSING leads it, LINXIA co-operates
  let planId: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    web = await startWebRectify();
    office = await web.rectify.createUser('office');
    housing = await web.rectify.createUser('unit', { units: ['GS-HOUSING'] });
    linxia = await web.rectify.createUser('unit', { units: ['LINXIA'] });
    // A limit of an hour and a deadline years away: no step of either ladder fires during the test.
    const doc = aPlanDocument({ planCode: uniqueCode('WEB-ACK'), due: '2099-06-30', measures: 1 });
    Object.assign(doc.plan, {
      escalationPolicy: {
        version: 'web-ack-1',
        steps: [{ kind: 'overdue_notice', offset: 'PT0S' }],
        acknowledgement: { within: 'PT1H' },
      },
    });
    const imported = await office.client.request('POST', '/plans', doc);
    expect(imported.status).toBe(201);
    const list = await office.client.request('GET', `/measures?plan=${imported.body.planId}`);
    id = list.body.items[0].id;
    planId = imported.body.planId;
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await web?.stop();
  });

  const open = async (who: TestAccount): Promise<Page> => {
    const { context, page } = await web.newPage();
    contexts.push(context);
    await signIn(page, who.email, who.password);
    await page.goto(`/#/measures/${id}`);
    await page.getByRole('heading', { name: MEASURE_TITLE }).waitFor();
    return page;
  };
  // The workflow takes answers to delivery `n` once it has applied its record (the screen may show
  // 待签收 a moment before, and a 签收 then is refused: "being delivered").
  const announced = (n: number) =>
    eventually(async () => {
      const r = await office.client.request('GET', `/measures/${id}`);
      expect(r.body.workflow.acknowledgement).toMatchObject({ delivery: n, announced: true });
    });
  const acknowledgement = (page: Page, name: string) =>
    page.getByTestId('measure-acknowledgement').filter({ hasText: name });
  const timelineEvent = (page: Page, name: string) =>
    page.getByTestId('timeline-event').filter({ hasText: name });
  const submit = async (
    page: Page,
    dialogName: string,
    fill?: (dialog: ReturnType<Page['getByRole']>) => Promise<void>,
  ) => {
    const dialog = page.getByRole('dialog', { name: dialogName });
    await fill?.(dialog);
    await submitDialog(dialog);
  };

  it('takes a return to the office and back, and the unit signs for the measure', async () => {
    const co = await open(linxia);
    await acknowledgement(co, '待签收').waitFor();
    const coSign = co.getByRole('button', { name: /^签\s*收$/ });
    expect(await coSign.isDisabled()).toBe(true);
    const why = await coSign.getAttribute('aria-describedby');
    expect(await co.locator(`#${why}`).innerText()).toBe('只有牵头单位（GS-HOUSING）本身可以签收或退回');

    const unit = await open(housing);
    await acknowledgement(unit, '待签收').waitFor();
    await timelineEvent(unit, '交办送达（待签收）').waitFor();
    await announced(1);
    await unit.getByRole('button', { name: /^退\s*回$/ }).click();
    await submit(unit, '退回', (d) => d.getByLabel(/退回理由/).fill('属省扶贫办职责'));
    await timelineEvent(unit, '退回').filter({ hasText: '属省扶贫办职责' }).waitFor();
    await acknowledgement(unit, '已退回').waitFor();

    // The office finds it on the board, filtered to returned assignments.
    const desk = await open(office);
    await desk.goto(`/#/measures?plan=${planId}&acknowledgement=returned`);
    const row = desk.getByRole('row').filter({ hasText: 'P01-M1' });
    await row.filter({ hasText: '已退回' }).waitFor();
    expect(await accessibilityViolations(desk)).toEqual([]);
    await desk.goto(`/#/measures/${id}`);
    await desk.getByRole('heading', { name: MEASURE_TITLE }).waitFor();
    await desk.getByRole('button', { name: '维持交办' }).click();
    await submit(desk, '维持交办');
    await timelineEvent(desk, '退回未采纳，维持交办').waitFor();
    await acknowledgement(desk, '待签收').waitFor();

    await announced(2);
    await unit.reload();
    await unit.getByRole('heading', { name: MEASURE_TITLE }).waitFor();
    await unit.getByRole('button', { name: /^签\s*收$/ }).click();
    await submit(unit, '签收');
    await acknowledgement(unit, '已签收').waitFor();
    await unit
      .getByTestId('timeline-event')
      .filter({ has: unit.getByText('签收', { exact: true }) })
      .waitFor();
    expect(await accessibilityViolations(unit)).toEqual([]);
    await screenshot(unit, 'measure-acknowledgement');
  });
});
