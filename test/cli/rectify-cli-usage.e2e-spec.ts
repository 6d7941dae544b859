import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CliProcess } from '../support/cli-process';
import { aPlanDocument } from '../support/plan-fixtures';
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

// What the CLI answers without any server or database: help, version, usage errors, validating
// a plan file, shell completion. The commands that talk to the API are in rectify-cli.e2e-spec.ts.
describe('the rectify command line, run as a process: usage, validation and completion', () => {
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
});
