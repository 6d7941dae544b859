// 补录 in a real browser: a progress report entered later shows in the measure's timeline at the
// date it happened, tagged 补录, with when it was entered beside it.
import type { BrowserContext } from 'playwright-core';
import { aPlanDocument } from '../support/plan-fixtures';
import { TestAccount } from '../support/rectify-harness';
import { uniqueCode } from '../support/unique';
import { accessibilityViolations, signIn, startWebRectify, WebRectify } from '../support/web-app';

describe('补录 on the measure timeline', () => {
  let web: WebRectify;
  let office: TestAccount;
  let id: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    web = await startWebRectify();
    office = await web.rectify.createUser('office');
    // The lead unit enters its report from paper (the office may not report for a unit).
    const housing = await web.rectify.createUser('unit', { units: ['GS-HOUSING'] });
    const doc = aPlanDocument({ planCode: uniqueCode('WEB-BACK'), due: '2099-06-30', measures: 1 });
    const imported = await office.client.request('POST', '/plans', doc);
    expect(imported.status).toBe(201);
    id = (await office.client.request('GET', `/measures?plan=${imported.body.planId}`)).body.items[0].id;
    const reported = await housing.client.request('POST', `/measures/${id}/progress-reports`, {
      note: '截至3月底完成改造600户（据纸质台账补录）',
      indicators: [{ code: 'houses', current: 600 }],
      occurredAt: '2019-03-31T18:00:00+08:00',
    });
    expect(reported.status).toBe(200);
    expect(
      (await housing.client.request('POST', `/measures/${id}/progress-reports`, { note: '本周进展' })).status,
    ).toBe(200);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await web?.stop();
  });

  it('tags the entry made later and shows both of its times; the other entry stays untagged', async () => {
    const { context, page } = await web.newPage();
    contexts.push(context);
    await signIn(page, office.email, office.password);
    await page.goto(`/#/measures/${id}`);
    const later = page.getByTestId('timeline-event').filter({ hasText: '据纸质台账补录' });
    await later.waitFor();
    await later.getByTestId('entered-later').waitFor();
    expect(await later.getByTestId('entered-later').textContent()).toBe('补录');
    const text = (await later.textContent()) ?? '';
    expect(text).toContain('2019-03-31');
    expect(text).toContain('录入于');
    const now = page.getByTestId('timeline-event').filter({ hasText: '本周进展' });
    await now.waitFor();
    expect(await now.getByTestId('entered-later').count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});
