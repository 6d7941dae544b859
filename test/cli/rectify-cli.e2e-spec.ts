import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CliProcess } from '../support/cli-process';
import { aPlanDocument } from '../support/plan-fixtures';
import { RectifyHarness, startRectify } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

const lines = (text: string) => text.split('\n').filter(Boolean);

// Help, usage errors, local validation and shell completion touch no database: they are in
// rectify-cli-usage.e2e-spec.ts, run once.
describe(`the rectify command line, run as a process (${testEngine()})`, () => {
  let cli: CliProcess;
  let dir: string;

  beforeAll(() => {
    cli = CliProcess.build();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-cli-'));
  });
  afterAll(() => {
    cli?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('long work against the API', () => {
    let rectify: RectifyHarness;
    let api: string[];

    beforeAll(async () => {
      rectify = await startRectify();
      const token = (await rectify.anonymous.request('POST', '/auth/login', rectify.admin)).body.accessToken;
      api = ['--api', rectify.url, '--token', token];
    });
    afterAll(async () => {
      await rectify?.stop();
    });

    it('import prints plain progress lines, not a bar, when standard error is not a terminal', async () => {
      const code = uniqueCode('CLI');
      const file = path.join(dir, `${code}.plan.json`);
      fs.writeFileSync(file, JSON.stringify(aPlanDocument({ planCode: code, measures: 12 })));

      const r = await cli.run(['import', file, ...api]);
      expect(r.code).toBe(0);
      expect(lines(r.stdout).at(-1)).toBe(
        `plan ${code}: created, 12 measures; workflows: 12 followed, 0 deadline(s) moved, 0 reassigned, 0 withdrawn`,
      );
      expect(r.stderr).not.toContain('\r');
      const progress = lines(r.stderr).map((l) => /^starting workflows: (\d+)\/12$/.exec(l));
      expect(progress.every((m) => m !== null)).toBe(true);
      const done = progress.map((m) => Number(m![1]));
      // A line at each tenth of the way, as the server confirmed the starts, ending at all of them.
      expect(done.length).toBeGreaterThanOrEqual(10);
      expect(done).toEqual([...done].sort((a, b) => a - b));
      expect(new Set(done).size).toBe(done.length);
      expect(done.at(-1)).toBe(12);

      // The same document again: every workflow is found running, and the progress says so too.
      const again = await cli.run(['import', file, ...api]);
      expect(again.code).toBe(0);
      expect(lines(again.stdout).at(-1)).toMatch(new RegExp(`^plan ${code}: unchanged, 12 measures`));
      expect(lines(again.stderr).at(-1)).toBe('starting workflows: 12/12');
    });

    it('import draws one bar, redrawn in place, when it runs on a terminal', async () => {
      const code = uniqueCode('CLI');
      const file = path.join(dir, `${code}.plan.json`);
      fs.writeFileSync(file, JSON.stringify(aPlanDocument({ planCode: code, measures: 6 })));

      const r = await cli.inTerminal(['import', file, ...api]);
      expect(r.code).toBe(0);
      const draws = r.stdout.split('\r').filter((d) => d.startsWith('starting workflows ['));
      expect(draws.length).toBeGreaterThanOrEqual(1);
      expect(draws.at(-1)).toBe(`starting workflows [${'#'.repeat(30)}] 6/6\x1b[K`);
      // No plain progress lines; the bar's line is closed before the summary.
      expect(r.stdout).not.toContain('starting workflows:');
      expect(r.stdout).toContain(`6/6\x1b[K\r\nplan ${code}: created, 6 measures`);
    });

    it('a refused import keeps the API’s status and problems, and exits 1 without progress', async () => {
      const plan = aPlanDocument({ planCode: uniqueCode('CLI'), measures: 3 });
      plan.plan.timeZone = 'Mars/Olympus_Mons';
      const file = path.join(dir, 'refused.plan.json');
      fs.writeFileSync(file, JSON.stringify(plan));
      const r = await cli.run(['import', file, ...api]);
      expect(r.code).toBe(1);
      expect(lines(r.stderr)[0]).toMatch(new RegExp(`^${file}: refused \\(400 VALIDATION_FAILED\\)`));
      expect(r.stderr).not.toContain('starting workflows');
    });

    it('import --strict sends strict=true: the API refuses a plan with a warning, nothing imported', async () => {
      const plan = aPlanDocument({ planCode: uniqueCode('CLI'), due: '2019-01-10' });
      const file = path.join(dir, `${plan.plan.code}.plan.json`);
      fs.writeFileSync(file, JSON.stringify(plan));
      const r = await cli.run(['import', file, '--strict', ...api]);
      expect(r.code).toBe(1);
      expect(lines(r.stderr)[0]).toMatch(
        new RegExp(`^${file}: refused \\(400 VALIDATION_FAILED\\): the plan has 2 problem\\(s\\)`),
      );
      expect(r.stderr).toContain(
        "before the inspection's feedback date 2019-01-18 (refused: strict checking)",
      );
      expect((await rectify.request('GET', `/plans/${plan.plan.code}`)).status).toBe(404);
      // Without --strict the same file imports, its warnings printed.
      const lenient = await cli.run(['import', file, '--dry-run', ...api]);
      expect(lenient.code).toBe(0);
      expect(lines(lenient.stderr).filter((l) => l.startsWith('warning: '))).toHaveLength(2);
    });

    it('draft prints what to review and writes the plan JSON, which imports as it is', async () => {
      const code = uniqueCode('CLI');
      const out = path.join(dir, `${code}.plan.json`);
      const document = path.join(__dirname, '../fixtures/documents/small-plan.txt');
      const r = await cli.run(['draft', document, '--plan-code', code, '--out', out, ...api]);
      expect(r).toMatchObject({ code: 0, stderr: '' });
      const [head, ...rest] = lines(r.stdout);
      expect(head).toMatch(
        new RegExp(
          `^draft [0-9a-f-]{36}: plan ${code} 临河县委关于落实市委第二巡察组巡察反馈意见的整改方案$`,
        ),
      );
      expect(rest.slice(0, 3)).toEqual([
        '  tree: 2 categories, 3 aspects, 5 problems, 10 measures',
        '  declared: categories 2 (drafted 2), aspects 3 (drafted 3), problems 5 (drafted 5), measures 10 (drafted 10)',
        expect.stringMatching(/^ {2}doubtful fields: \d+ \(\d+ missing\) of \d+; warnings: 0$/),
      ]);
      expect(rest.slice(-2)).toEqual([
        '  applying it would create a new plan',
        `plan written to ${out}: edit the doubtful fields, then \`rectify import ${out}\``,
      ]);
      const id = /^draft (\S+):/.exec(head)![1];
      expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toEqual(
        (await rectify.request('GET', `/plans/drafts/${id}`)).body.plan,
      );
      const imported = await cli.run(['import', out, '--dry-run', ...api]);
      expect(imported.code).toBe(0);
      expect(lines(imported.stdout).at(-1)).toBe(
        `plan ${code}: dry run, nothing written; 10 measures after applying`,
      );
    });

    it('a refused draft keeps the API’s status and code, and exits 1', async () => {
      const file = path.join(dir, 'no-structure.txt');
      fs.writeFileSync(file, '今天天气很好。\n我们去公园散步。\n');
      const r = await cli.run(['draft', file, ...api]);
      expect(r.code).toBe(1);
      expect(lines(r.stderr)[0]).toMatch(new RegExp(`^${file}: refused \\(422 DOCUMENT_NO_STRUCTURE\\): `));
      const other = await cli.run(['draft', path.join(dir, 'plan.xlsx'), ...api]);
      expect(other).toMatchObject({
        code: 1,
        stderr: `${path.join(dir, 'plan.xlsx')}: documents to draft from end in .txt, .docx or .pdf\n`,
      });
    });

    it('export-ledger reports the download and writes the workbook', async () => {
      const code = uniqueCode('CLI');
      const file = path.join(dir, `${code}.plan.json`);
      fs.writeFileSync(file, JSON.stringify(aPlanDocument({ planCode: code, measures: 3 })));
      expect((await cli.run(['import', file, ...api])).code).toBe(0);

      const out = path.join(dir, `${code}-ledger.xlsx`);
      const r = await cli.run(['export-ledger', code, '--as-of', '2019-08-01', '--out', out, ...api]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`ledger of ${code} written to ${out}\n`);
      const size = fs.statSync(out).size;
      const kB = `${(size / 1024).toFixed(1)} kB`;
      expect(lines(r.stderr).at(-1)).toBe(`ledger of ${code}: ${kB}/${kB}`);
    });
  });
});
