import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CliProcess } from '../support/cli-process';
import { aPlanDocument } from '../support/plan-fixtures';
import { RectifyHarness, startRectify } from '../support/rectify-harness';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

// Every command and the options scripts and docs call it with: none may disappear.
const COMMANDS: Record<string, readonly string[]> = {
  migrate: [],
  validate: ['--strict'],
  import: ['--dry-run', '--strict', '--withdraw-removed', '--actor', '--feedback-on', '--api', '--token'],
  draft: ['--plan-code', '--plan-title', '--out', '--api', '--token'],
  'export-ledger': ['--as-of', '--out', '--api', '--token'],
  bulletin: ['--as-of', '--edition', '--format', '--out', '--api', '--token'],
  template: ['--out'],
  schema: ['--out'],
  'create-api-token': ['--role', '--units', '--leader', '--name', '--days'],
  'verify-audit': [],
  'anchor-audit': [],
  'register-search-attributes': [],
  'check-consistency': ['--json', '--page-size'],
  completion: [],
};

const lines = (text: string) => text.split('\n').filter(Boolean);

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

  describe('help, version and usage errors', () => {
    it('rectify --help lists every command, the exit codes and examples, and exits 0', async () => {
      const r = await cli.run(['--help']);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/^Usage: rectify \[options\] \[command\]/);
      for (const command of Object.keys(COMMANDS))
        expect(r.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
      expect(r.stdout).toContain('Exit codes:\n  0  done\n  1  the work failed');
      expect(r.stdout).toContain('  2  usage error');
      expect(r.stdout).toContain('Examples:');
    });

    it.each(Object.entries(COMMANDS))(
      'rectify %s --help names its options and exits 0',
      async (command, options) => {
        const r = await cli.run([command, '--help']);
        expect(r.code).toBe(0);
        expect(r.stderr).toBe('');
        expect(r.stdout).toMatch(new RegExp(`^Usage: rectify ${command} `));
        for (const option of [...options, '-h, --help'])
          expect(r.stdout).toMatch(new RegExp(`^  ${option}\\b`, 'm'));
        expect(r.stdout).toContain('Examples:\n  $ ');
      },
    );

    it('validate --help prints help, and does not read "--help" as a plan file', async () => {
      const r = await cli.run(['validate', '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Usage: rectify validate [options] <file>');
      expect(r.stdout + r.stderr).not.toContain('cannot read');
      expect(await cli.run(['help', 'validate'])).toEqual(r);
    });

    it('--version prints the version of the package', async () => {
      const { version } = JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8'));
      expect(await cli.run(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    });

    it.each<[string, string[], string]>([
      ['an unknown command', ['frobnicate'], "error: unknown command 'frobnicate'"],
      ['an unknown option', ['import', 'plan.json', '--bogus'], "error: unknown option '--bogus'"],
      ['a missing argument', ['validate'], "error: missing required argument 'file'"],
      [
        'an option without its value',
        ['export-ledger', 'GS-2019', '--out'],
        "option '--out <file>' argument missing",
      ],
      [
        'a value outside the choices',
        ['bulletin', 'GS-2019', '--edition', 'secret'],
        "argument 'secret' is invalid",
      ],
      ['a surplus argument', ['validate', 'a.json', 'b.json'], 'error: too many arguments'],
      ['no command at all', [], 'Usage: rectify [options] [command]'],
    ])('%s is a usage error: exit 2 with a message naming it', async (_, args, message) => {
      const r = await cli.run(args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(message);
    });

    it('a failure of the work exits 1: an invalid plan, every problem named', async () => {
      const plan = aPlanDocument({ planCode: uniqueCode('BAD') });
      plan.categories[0].aspects[0].problems[0].measures[0].leadUnit = 'NO-SUCH-UNIT';
      const file = path.join(dir, 'invalid.plan.json');
      fs.writeFileSync(file, JSON.stringify(plan));
      const r = await cli.run(['validate', file]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('leadUnit: unknown unit NO-SUCH-UNIT');
      expect(lines(r.stderr).at(-1)).toBe(`${file}: 1 problem(s); nothing was imported`);
    });
  });

  describe('deadlines as offices write them', () => {
    // An hour deadline, 立行立改 (the default days: assumed), and a milestone after its measure.
    function planFile(): string {
      const plan = aPlanDocument({ planCode: uniqueCode('DL'), measures: 2, track: 'immediate' });
      const ms = plan.categories[0].aspects[0].problems[0].measures;
      ms[0].due = '9月26日下午6点前';
      Object.assign(ms[1], { due: '立行立改', milestones: [{ code: 'MS1', title: '摸底', due: '4月下旬' }] });
      const file = path.join(dir, `${plan.plan.code}.plan.json`);
      fs.writeFileSync(file, JSON.stringify(plan, null, 2));
      return file;
    }

    it('validate prints every reading with its instant, and warnings on standard error', async () => {
      const file = planFile();
      const r = await cli.run(['validate', file]);
      expect(r.code).toBe(0);
      expect(lines(r.stdout)).toEqual([
        expect.stringMatching(
          /:\d+:\d+: P01-M1: "9月26日下午6点前" → 2019-09-26 18:00: by 18:00 on 2019-09-26 \(due at 2019-09-26T10:00:00\.000Z\)$/,
        ),
        expect.stringMatching(
          /: P01-M2: "立行立改" → 2019-02-02: the feedback date 2019-01-18 \+ 15 days \(the default; set plan\.immediateWithinDays to say otherwise\) \(due at 2019-02-02T16:00:00\.000Z\) \[assumed\]$/,
        ),
        expect.stringMatching(
          /: MS1: "4月下旬" → 2019-04-30: 下旬 is read as by the end of the month \(due at 2019-04-30T16:00:00\.000Z\)$/,
        ),
        expect.stringMatching(/: valid plan DL-\w+ with 2 measures$/),
      ]);
      expect(lines(r.stderr)).toEqual([
        expect.stringMatching(
          new RegExp(
            `^warning: ${file}:\\d+:\\d+: categories\\[0\\]\\.aspects\\[0\\]\\.problems\\[0\\]\\.measures\\[1\\]\\.milestones\\[0\\]\\.due: milestone MS1 is due after its measure's deadline`,
          ),
        ),
      ]);
    });

    it('validate --strict refuses the same file: the warning is a problem, exit 1', async () => {
      const file = planFile();
      const r = await cli.run(['validate', file, '--strict']);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(lines(r.stderr)).toEqual([
        expect.stringMatching(
          /milestone MS1 is due after its measure's deadline: .*\(refused: strict checking\)$/,
        ),
        `${file}: 1 problem(s); nothing was imported`,
      ]);
    });
  });

  describe('shell completion', () => {
    // Completes as bash does at the end of the given command line (a trailing space: a new word).
    const complete = async (line: string, shell = 'bash') => {
      const r = await cli.bash(
        `source <(node "$RECTIFY_CLI" completion ${shell}) && read -ra COMP_WORDS <<< ${JSON.stringify(line)} && ` +
          `${line.endsWith(' ') ? 'COMP_WORDS+=("") && ' : ''}COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)) && ` +
          `_rectify_completion && echo "\${COMPREPLY[*]}"`,
      );
      expect(r).toMatchObject({ code: 0, stderr: '' });
      return r.stdout.trim();
    };

    it.each([
      ['rectify ', Object.keys(COMMANDS).join(' ') + ' help --version -V --help -h'],
      ['rectify ex', 'export-ledger'],
      ['rectify import plan.json --w', '--withdraw-removed'],
      ['rectify export-ledger GS-2019 --', '--as-of --out --api --token --help'],
      ['rectify bulletin GS-2019 --format ', 'md html'],
      ['rectify create-api-token --role o', 'office'],
      ['rectify completion ', 'bash zsh'],
      ['rectify help imp', 'import'],
    ])('"%s" completes to "%s"', async (line, expected) => {
      expect(await complete(line)).toBe(expected);
    });

    it('zsh gets the same function through bashcompinit', async () => {
      const r = await cli.run(['completion', 'zsh']);
      expect(r.code).toBe(0);
      expect(r.stdout.split('\n')[0]).toBe('autoload -U +X bashcompinit && bashcompinit');
      const bash = (await cli.run(['completion', 'bash'])).stdout;
      // The same function after the header comment, which names the shell.
      expect(r.stdout).toContain(bash.slice(bash.indexOf('\n')));
    });
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
