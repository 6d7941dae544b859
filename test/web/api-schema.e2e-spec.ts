// The web app's API types are generated from the OpenAPI document the API serves, never written
// by hand: this compares the committed file with a fresh generation. After changing a route,
// RECTIFY_WRITE_WEB_SCHEMA=1 npx jest -c jest.config.js test/web/api-schema writes it again.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RectifyHarness, startRectify } from '../support/rectify-harness';

const SCHEMA_FILE = path.resolve(__dirname, '../../apps/web/src/api/schema.d.ts');
const CLI = path.resolve(__dirname, '../../node_modules/openapi-typescript/bin/cli.js');

describe('the web app API types', () => {
  let rectify: RectifyHarness;
  beforeAll(async () => {
    rectify = await startRectify();
  });
  afterAll(() => rectify?.stop());

  it('are what openapi-typescript generates from the served OpenAPI document', async () => {
    const doc = await rectify.anonymous.request('GET', '/docs/openapi.json');
    expect(doc.status).toBe(200);
    // Its command line, as a person regenerating it would run it (the library is ES modules only).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-openapi-'));
    fs.writeFileSync(path.join(dir, 'openapi.json'), JSON.stringify(doc.body));
    execFileSync(process.execPath, [CLI, 'openapi.json', '--alphabetize', '-o', 'schema.d.ts'], {
      cwd: dir,
      stdio: 'pipe',
    });
    const generated = fs.readFileSync(path.join(dir, 'schema.d.ts'), 'utf8');
    fs.rmSync(dir, { recursive: true, force: true });
    if (process.env.RECTIFY_WRITE_WEB_SCHEMA === '1') fs.writeFileSync(SCHEMA_FILE, generated);
    expect(fs.readFileSync(SCHEMA_FILE, 'utf8')).toBe(generated);
  });
});
