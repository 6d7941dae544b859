import { stringify } from 'yaml';
import { XLSX_CONTENT_TYPE } from '../../libs/plan-io/src/plan-file-format';
import { lyingZip } from '../support/hostile-plan-files';
import { aPlanDocument } from '../support/plan-fixtures';
import { RectifyHarness, startRectify } from '../support/rectify-harness';
import { planRowCounts } from '../support/row-counts';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

const YAML_TYPE = { 'content-type': 'application/yaml' };
const XLSX_TYPE = { 'content-type': XLSX_CONTENT_TYPE };

// The YAML parser checks each key of a mapping against the keys before it: 60,000 keys (about
// 640 KB) take it well over ten seconds of CPU with little memory, far past the 2-s limit set here;
// read on the event loop, the file would hold every other answer that long.
const slowYaml = () => Buffer.from(Array.from({ length: 60_000 }, (_, i) => `k${i}: v`).join('\n'));

describe(`plan files are read in a thread with a time limit, off the event loop (${testEngine()})`, () => {
  let rectify: RectifyHarness;

  beforeAll(async () => {
    rectify = await startRectify({ env: { RECTIFY_PLAN_PARSE_TIMEOUT: 'PT2S' } });
    // One file read first: run from the TypeScript sources, the first read compiles the reading
    // thread's code on the main thread (a built app loads it compiled), which a loaded machine
    // has stretched to 6 s, inside the live check below.
    const doc = aPlanDocument({ planCode: uniqueCode('LIM') });
    const r = await rectify.send('POST', '/plans?dryRun=true', Buffer.from(stringify(doc)), YAML_TYPE);
    expect(r.status).toBe(200);
  });
  afterAll(() => rectify?.stop());

  it('stops reading a file at the time limit: 422 PLAN_FILE_TIMEOUT, while /health/live answers, nothing written', async () => {
    const before = await planRowCounts(rectify.db.dataSource);
    let settled = false;
    const importing = rectify.send('POST', '/plans', slowYaml(), YAML_TYPE).finally(() => (settled = true));
    // Once the file is surely being read: a parser on the event loop would hold the answer
    // until it is done, seconds later.
    await new Promise((resume) => setTimeout(resume, 500));
    const asked = Date.now();
    const live = await rectify.anonymous.request('GET', '/health/live');
    expect(live.status).toBe(200);
    expect(settled).toBe(false);
    // Generous for a loaded machine, and still far below the parse the reading thread is doing.
    expect(Date.now() - asked).toBeLessThan(10_000);
    const r = await importing;
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({
      code: 'PLAN_FILE_TIMEOUT',
      message: 'reading the plan file took longer than 2 s',
    });
    expect(await planRowCounts(rectify.db.dataSource)).toEqual(before);
  });

  it('refuses a zip whose headers understate a part 300-fold: 413 naming the limit, nothing written', async () => {
    const before = await planRowCounts(rectify.db.dataSource);
    const r = await rectify.send('POST', '/plans', lyingZip(300), XLSX_TYPE);
    expect(r.status).toBe(413);
    expect(r.body).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: expect.stringContaining(
        'inflates beyond the 1024 bytes its zip headers declare; parts are inflated no further than they declare',
      ),
    });
    expect((await rectify.anonymous.request('GET', '/health/live')).status).toBe(200);
    expect(await planRowCounts(rectify.db.dataSource)).toEqual(before);
  });

  it('imports a plan after files were stopped at a limit', async () => {
    const doc = aPlanDocument({ planCode: uniqueCode('LIM'), due: '9月底前' });
    const r = await rectify.send('POST', '/plans', Buffer.from(stringify(doc)), YAML_TYPE);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ planCode: doc.plan.code, outcome: 'created', measures: 2 });
  });
});
