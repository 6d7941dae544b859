import { aPlanDocument } from '../support/plan-fixtures';
import { RectifyHarness, startRectify } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

const JSON_TYPE = { 'content-type': 'application/json' };
// A JSON document of `bytes` bytes: one long string.
const jsonOf = (bytes: number) => Buffer.from(JSON.stringify({ padding: 'x'.repeat(bytes - 14) }));

// Large bodies are read only where they belong (plan files, evidence), and never for a caller
// without credentials.
describe(`body limits (${testEngine()})`, () => {
  let rectify: RectifyHarness;

  beforeAll(async () => {
    rectify = await startRectify();
  });
  afterAll(() => rectify?.stop());

  it('refuses an anonymous 1 MB JSON command with 413, from its declared length', async () => {
    const r = await rectify.anonymous.send('POST', '/spot-rounds', jsonOf(1024 * 1024), JSON_TYPE);
    expect({ status: r.status, code: r.body.code }).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('refuses a signed-in 300 kB JSON command with 413 too: commands are small', async () => {
    const r = await rectify.send('POST', '/spot-rounds', jsonOf(300 * 1024), JSON_TYPE);
    expect({ status: r.status, code: r.body.code }).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('refuses an anonymous plan file with 401 before reading it', async () => {
    const r = await rectify.anonymous.send('POST', '/plans', jsonOf(1024 * 1024), JSON_TYPE);
    expect({ status: r.status, code: r.body.code }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('still imports a signed-in plan file over the JSON command limit', async () => {
    const doc = aPlanDocument({ planCode: uniqueCode('BIG'), due: '2030-06-30', measures: 1 });
    // Trailing whitespace, valid JSON, makes the file 400 kB.
    const body = Buffer.from(JSON.stringify(doc) + ' '.repeat(400 * 1024));
    expect(body.length).toBeGreaterThan(256 * 1024);
    const r = await rectify.send('POST', '/plans', body, JSON_TYPE);
    expect(r.status).toBe(201);
  });
});
