import { aPlanDocument } from '../support/plan-fixtures';
import { RectifyHarness, startRectify } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

// Public reads per address in this file's window: low enough to reach, as a deployment would.
const PUBLIC_READS = 4;

// How anyone learns which plans have a public bulletin: GET /public/plans lists the published
// plans, and no other.
describe(`the published plans, for anyone (${testEngine()})`, () => {
  let rectify: RectifyHarness;
  let address = 0;
  // A fresh client address per call unless one is given, so only the rate-limit test meets the limit.
  const read = (path: string, from = `10.70.0.${++address}`) =>
    rectify.anonymous.request('GET', path, undefined, { 'x-forwarded-for': from });
  const importPlan = async () => {
    const planCode = uniqueCode('PUBLIST');
    const imported = await rectify.request('POST', '/plans', aPlanDocument({ planCode }));
    expect(imported.status).toBe(201);
    return { planCode, planId: imported.body.planId as string };
  };

  beforeAll(async () => {
    rectify = await startRectify({
      env: {
        RECTIFY_THROTTLE_PUBLIC_READ_LIMIT: String(PUBLIC_READS),
        RECTIFY_THROTTLE_PUBLIC_READ_TTL: 'PT1H',
      },
    });
  });
  afterAll(() => rectify?.stop());

  it('lists a plan once it is published, latest publication first, and no longer once withdrawn', async () => {
    const unpublished = await importPlan();
    const first = await importPlan();
    const second = await importPlan();
    const empty = await read('/public/plans');
    expect(empty).toMatchObject({ status: 200, body: { items: [], total: 0 } });

    const office = (await rectify.createUser('office')).client;
    for (const [plan, asOf] of [
      [first, '2019-04-18'],
      [second, '2019-08-01'],
    ] as const)
      expect((await office.request('POST', `/plans/${plan.planCode}/publication`, { asOf })).status).toBe(
        200,
      );

    const listed = await read('/public/plans');
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({
      items: [
        {
          id: second.planId,
          code: second.planCode,
          title: '甘肃省关于中央脱贫攻坚专项巡视反馈意见的整改方案',
          publishedAsOf: '2019-08-01',
          publishedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        },
        expect.objectContaining({ id: first.planId, publishedAsOf: '2019-04-18' }),
      ],
      total: 2,
    });
    expect(JSON.stringify(listed.body)).not.toContain(unpublished.planId);
    // Each one listed is readable by the same caller, as of the day listed.
    const bulletin = await read(`/plans/${first.planId}/bulletin?edition=public&format=md`);
    expect(bulletin.status).toBe(200);
    expect(bulletin.body.toString('utf8')).toContain('截至2019年4月18日，公开版');

    const paged = await read('/public/plans?limit=1&offset=1');
    expect(paged).toMatchObject({ status: 200, body: { items: [{ id: first.planId }], total: 2 } });

    expect((await office.request('DELETE', `/plans/${second.planCode}/publication`)).status).toBe(204);
    const after = await read('/public/plans');
    expect(after.body.items.map((p: { id: string }) => p.id)).toEqual([first.planId]);
  });

  it.each<[string, string]>([
    ['limit=0', 'query.limit'],
    ['limit=101', 'query.limit'],
    ['offset=-1', 'query.offset'],
    ['asOf=2019-04-18', 'query'],
  ])('refuses ?%s naming %s', async (query, path) => {
    const r = await read(`/public/plans?${query}`);
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('VALIDATION_FAILED');
    expect(r.body.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it('counts with the other public reads of an address, and answers 429 past the limit', async () => {
    const from = '10.71.0.1';
    const statuses: number[] = [];
    for (let i = 0; i < PUBLIC_READS; i++)
      statuses.push(
        (await read(i % 2 ? '/feedback/FB-AAAAA-AAAAA-AAAAA-AAAAA' : '/public/plans', from)).status,
      );
    expect(statuses).toEqual([200, 404, 200, 404]);
    const refused = await read('/public/plans', from);
    expect({ status: refused.status, code: refused.body.code }).toEqual({
      status: 429,
      code: 'RATE_LIMITED',
    });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Signed-in callers are not counted.
    const signedIn = await rectify.request('GET', '/public/plans', undefined, { 'x-forwarded-for': from });
    expect(signedIn.status).toBe(200);
  });
});
