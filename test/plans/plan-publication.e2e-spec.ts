import { aPlanDocument } from '../support/plan-fixtures';
import { RectifyHarness, startRectify } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

// 公开: a plan's public bulletin reaches anonymous callers only once the office publishes it, as of
// the day it names.
describe(`publishing a plan's public bulletin (${testEngine()})`, () => {
  let rectify: RectifyHarness;
  let planCode: string;
  const bulletin = () => `/plans/${planCode}/bulletin?edition=public`;

  beforeAll(async () => {
    rectify = await startRectify();
    planCode = uniqueCode('PUB');
    expect((await rectify.request('POST', '/plans', aPlanDocument({ planCode }))).status).toBe(201);
  });
  afterAll(() => rectify?.stop());

  it('answers 404 to anonymous callers before publication, the published edition after, 404 after withdrawal', async () => {
    const before = await rectify.anonymous.request('GET', bulletin());
    expect({ status: before.status, code: before.body.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
    // Signed-in readers keep reading the public edition as before.
    expect((await rectify.request('GET', bulletin())).status).toBe(200);

    const office = (await rectify.createUser('office')).client;
    const published = await office.request('POST', `/plans/${planCode}/publication`, { asOf: '2019-04-18' });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ code: planCode, asOf: '2019-04-18' });

    const after = await rectify.anonymous.request('GET', bulletin());
    expect(after.status).toBe(200);
    expect(after.body.toString('utf8')).toContain('截至2019年4月18日，公开版');
    // The same again, from the cache: the same text.
    const again = await rectify.anonymous.request('GET', `${bulletin()}&asOf=2019-04-18`);
    expect(again.body.toString('utf8')).toBe(after.body.toString('utf8'));
    // Anonymous callers cannot ask for another day.
    const otherDay = await rectify.anonymous.request('GET', `${bulletin()}&asOf=2019-10-31`);
    expect({
      status: otherDay.status,
      code: otherDay.body.code,
      path: otherDay.body.details?.[0]?.path,
    }).toEqual({ status: 400, code: 'VALIDATION_FAILED', path: 'query.asOf' });

    // Publishing again moves the day, and the cache does not serve the old one.
    expect(
      (await office.request('POST', `/plans/${planCode}/publication`, { asOf: '2019-08-01' })).status,
    ).toBe(200);
    const moved = await rectify.anonymous.request('GET', bulletin());
    expect(moved.body.toString('utf8')).toContain('截至2019年8月1日，公开版');

    expect((await office.request('DELETE', `/plans/${planCode}/publication`)).status).toBe(204);
    const withdrawn = await rectify.anonymous.request('GET', bulletin());
    expect({ status: withdrawn.status, code: withdrawn.body.code }).toEqual({
      status: 404,
      code: 'NOT_FOUND',
    });
  });

  it('lets only the office and admins publish or withdraw', async () => {
    const unit = (await rectify.createUser('unit', { units: ['GS-HOUSING'] })).client;
    const post = await unit.request('POST', `/plans/${planCode}/publication`, { asOf: '2019-04-18' });
    expect({ status: post.status, code: post.body.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
    const del = await unit.request('DELETE', `/plans/${planCode}/publication`);
    expect(del.status).toBe(403);
    const anonymous = await rectify.anonymous.request('POST', `/plans/${planCode}/publication`, {
      asOf: '2019-04-18',
    });
    expect(anonymous.status).toBe(401);
  });

  it.each<[unknown, string]>([
    [{}, 'body.asOf'],
    [{ asOf: '2019-02-30' }, 'body.asOf'],
    [{ asOf: '2019-04-18', extra: 1 }, 'body'],
  ])('refuses the publication %j naming %s', async (body, path) => {
    const r = await rectify.request('POST', `/plans/${planCode}/publication`, body);
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('VALIDATION_FAILED');
    expect(r.body.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it('answers 404 for a plan that does not exist', async () => {
    const r = await rectify.request('POST', '/plans/NO-SUCH-PLAN/publication', { asOf: '2019-04-18' });
    expect(r.status).toBe(404);
  });
});
