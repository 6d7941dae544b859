import { eventually } from '../support/eventually';
import { aPlanDocument } from '../support/plan-fixtures';
import { RectifyClient, RectifyHarness, startRectify } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

// A plan imported long after its deadlines: its measures catch up to 问责移送 at once, and the
// worker opens their cases. No body is competent for these units, so the office names one.
describe(`a 问责移送 no body is competent for (${testEngine()})`, () => {
  let rectify: RectifyHarness;
  let office: RectifyClient;
  let body: RectifyClient;
  let measureId: string;

  beforeAll(async () => {
    rectify = await startRectify();
    office = (await rectify.createUser('office')).client;
    const member = await rectify.createUser('discipline', { units: ['GS'] });
    body = member.client;
    const put = await office.request('PUT', '/discipline-bodies/GS-JW', {
      name: '甘肃省纪委监委',
      kind: 'discipline_commission',
      level: 'province',
      jurisdiction: ['GS'],
    });
    expect(put.status).toBe(200);
    await office.request('PUT', '/discipline-bodies/GS-JW/members', { principalIds: [member.id] });
    const imported = await office.request(
      'POST',
      '/plans',
      aPlanDocument({ planCode: uniqueCode('LATE'), due: '2019-09-30', measures: 1 }),
    );
    expect(imported.status).toBe(201);
    measureId = (await office.request('GET', `/measures?plan=${imported.body.planId}`)).body.items[0].id;
  });
  afterAll(() => rectify?.stop());

  it('opens the case without a body, for the office to assign, and refuses a second one', async () => {
    const [c] = await eventually(async () => {
      const r = await office.request('GET', `/cases?measure=${measureId}`);
      expect(r.body.items).toHaveLength(1);
      return r.body.items;
    });
    expect(c).toMatchObject({
      origin: 'ladder',
      status: 'open',
      bodyCode: null,
      openedBy: 'rectify:escalation-ladder',
    });
    const file = await office.request('GET', `/cases/${c.id}`);
    // The case carries the measure's timeline up to the referral.
    expect(file.body.timeline.map((e: { kind: string }) => e.kind)).toContain('accountability_referral');

    const again = await office.request('POST', '/cases', { measureId });
    expect({ status: again.status, code: again.body.code }).toEqual({ status: 409, code: 'COMMAND_REFUSED' });
    expect((await office.request('GET', '/cases')).body.total).toBe(1);

    // Outside every body's jurisdiction until the office names one.
    expect((await body.request('GET', '/cases')).body.items).toEqual([]);
    const unknown = await office.request('POST', `/cases/${c.id}/body`, { bodyCode: 'NOPE' });
    expect({ status: unknown.status, path: unknown.body.details?.[0]?.path }).toEqual({
      status: 400,
      path: 'body.bodyCode',
    });
    const assigned = await office.request('POST', `/cases/${c.id}/body`, { bodyCode: 'GS-JW' });
    expect(assigned.status).toBe(200);
    expect(assigned.body.bodyCode).toBe('GS-JW');
    expect((await body.request('GET', '/cases')).body.items.map((x: { id: string }) => x.id)).toEqual([c.id]);
  });
});
