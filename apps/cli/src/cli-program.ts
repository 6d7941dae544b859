// The rectify command line, defined once with commander: parsing, --help, --version, usage errors
// and the shell completion script all come from this definition.
import { Argument, Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DataSource } from 'typeorm';
import { ROLES } from '../../../libs/domain/src/authorization';
import { BULLETIN_EDITIONS, BULLETIN_FORMATS } from '../../../libs/reporting/src/bulletin-renderer';
import { CONSOLE, type CliIo } from './cli-io';
import type { CreateApiTokenOptions } from './create-api-token.command';
import type { DraftOptions } from './draft.command';
import type { BulletinOptions, ImportOptions, LedgerOptions } from './plan-commands';
import { completionScript, SHELLS, type Shell } from './shell-completion';

// The commands' modules (TypeORM, the Temporal client, ExcelJS) load when a command runs, so that
// --help and `completion` (run by every new shell) answer at once.
const plans = () => import('./plan-commands');
const config = async () => (await import('../../../libs/config/src/rectify-config')).loadConfig();

// 0 the work is done; 1 the work failed (an invalid plan, a refusal by the API, a broken audit
// chain); 2 the command line is wrong (unknown command or option, missing argument).
// check-consistency answers 2 for drift found.
export const EXIT = { ok: 0, failed: 1, usage: 2, drift: 2 } as const;

const EPILOG = `
Exit codes:
  0  done
  1  the work failed: an invalid plan, a refusal by the API, a broken audit chain, an unreachable server
  2  usage error: unknown command or option, a missing or invalid argument;
     for check-consistency, drift found between Temporal and the read model

Environment:
  DATABASE_URL or RECTIFY_SQLITE_PATH   the database of migrate, create-api-token, verify-audit, anchor-audit
  RECTIFY_AUDIT_KEY_FILE, RECTIFY_AUDIT_ANCHOR_FILE  the audit key and anchors (verify-audit, anchor-audit)
  HOST, PORT                            the API of import, export-ledger, bulletin (or --api URL)
  RECTIFY_API_TOKEN                     the token API commands authenticate with (or --token T)
  TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE  the cluster of register-search-attributes, check-consistency
  TEMPORAL_TASK_QUEUE                   the installation check-consistency looks at

Examples:
  $ rectify template && rectify validate rectify-plan-template.xlsx
  $ rectify import my-plan.yaml --dry-run
  $ rectify import --help
  $ eval "$(rectify completion bash)"

More: docs/cli.md`;

const STRICT =
  'refuse the plan on any warning (a deadline before the feedback date, a milestone after its ' +
  "measure's deadline, 立即 outside the immediate track)";

export interface CliProgram {
  readonly program: Command;
  // Parses the arguments (without node and the script) and runs the command; the exit code.
  run(argv: readonly string[]): Promise<number>;
}

export function cliProgram(io: CliIo = CONSOLE): CliProgram {
  let code: number = EXIT.ok;
  // Each action records its exit code; commander only knows whether parsing succeeded.
  const exits =
    <A extends unknown[]>(work: (...args: A) => Promise<number>) =>
    async (...args: A) => {
      code = await work(...args);
    };

  const program = new Command('rectify')
    .description(
      'Operations beside the Rectify API and worker: database migrations, plans in and out, API tokens, ' +
        'audit verification, Temporal search attributes, the drift check.',
    )
    .version(packageVersion(), '-V, --version', 'print the version of Rectify')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [command]', 'show help for a command')
    .exitOverride()
    .showHelpAfterError('(rectify --help lists the commands; rectify <command> --help their options)')
    .addHelpText('after', EPILOG);

  program
    .command('migrate')
    .description('apply pending database migrations (the SQLite file, or DATABASE_URL)')
    .addHelpText('after', examples('rectify migrate', 'DATABASE_URL=postgres://… rectify migrate'))
    .action(
      exits(() =>
        withDatabase(async (ds) => {
          const { runMigrations } = await import('../../../libs/persistence/src/data-source');
          const ran = await runMigrations(ds);
          io.out(ran.length ? `applied: ${ran.join(', ')}` : 'database is up to date');
          return EXIT.ok;
        }),
      ),
    );

  program
    .command('validate')
    .description(
      'check a plan file locally: every problem with its line or cell (任务清单!F7), and how each Chinese ' +
        'deadline (9月底前) was read',
    )
    .argument('<file>', 'the plan: .json, .yaml/.yml or .xlsx')
    .option('--strict', STRICT)
    .addHelpText(
      'after',
      examples('rectify validate my-plan.xlsx', 'rectify validate plans/demo/gansu-2019.plan.json --strict'),
    )
    .action(
      exits(async (file: string, o: { strict?: boolean }) => (await plans()).validateCommand(file, io, o)),
    );

  withApi(
    program
      .command('import')
      .description(
        'import (or re-import) a plan through the API; a plan whose code exists is applied as a diff, and a ' +
          'progress bar follows the workflows as they start',
      )
      .argument('<file>', 'the plan: .json, .yaml/.yml or .xlsx')
      .option('--dry-run', 'print the diff against the plan as last applied; write nothing')
      .option('--strict', STRICT)
      .option('--withdraw-removed', 'withdraw (调出) the measures the file leaves out')
      .option('--actor <name>', 'who imports, recorded on deadline changes and withdrawals')
      .option(
        '--feedback-on <YYYY-MM-DD>',
        'move the whole timetable so the inspection feedback falls on that date (replaying an old plan)',
      ),
  )
    .addHelpText(
      'after',
      examples(
        'rectify import my-plan.yaml --dry-run',
        'rectify import my-plan.yaml --withdraw-removed --actor 省整改办',
        'rectify import plans/demo/gansu-2019.plan.json --feedback-on 2026-06-01 --api http://127.0.0.1:3000',
      ),
    )
    .action(exits(async (file: string, o: ImportOptions) => (await plans()).importCommand(file, o, io)));

  withApi(
    program
      .command('draft')
      .description(
        'draft a plan (起草) from a document the office has: a rectification plan or feedback opinion as ' +
          '.txt, .docx or a .pdf with a text layer; prints what to review and keeps the draft for the API',
      )
      .argument('<file>', 'the document: .txt, .docx or .pdf')
      .option('--plan-code <code>', 'the code of the plan to draft (default: read or a placeholder)')
      .option('--plan-title <title>', 'the title of the plan to draft (default: the document’s title)')
      .option('--out <file>', 'write the drafted plan as JSON, to edit and `rectify import`'),
  )
    .addHelpText('after', examples('rectify draft 整改方案.docx --plan-code LH-2026 --out lh-2026.plan.json'))
    .action(
      exits(async (file: string, o: DraftOptions) =>
        (await import('./draft.command')).draftCommand(file, o, io),
      ),
    );

  withApi(
    program
      .command('export-ledger')
      .description('the ledger (台账) as XLSX: 问题/任务/责任/时限/要求清单 with status as of a date')
      .argument('<plan>', 'plan code or id')
      .option('--as-of <YYYY-MM-DD>', 'the date of the status columns (default today)')
      .option(
        '--out <file>',
        'where to write it (default the name the API gives, e.g. GS-2019-ledger-….xlsx)',
      ),
  )
    .addHelpText('after', examples('rectify export-ledger GS-2019 --as-of 2019-04-18 --out ledger.xlsx'))
    .action(
      exits(async (plan: string, o: LedgerOptions) => (await plans()).exportLedgerCommand(plan, o, io)),
    );

  withApi(
    program
      .command('bulletin')
      .description('the progress bulletin (通报); to standard output without --out')
      .argument('<plan>', 'plan code or id')
      .option('--as-of <YYYY-MM-DD>', 'the date it reports on (default today)')
      .addOption(
        new Option('--edition <edition>', 'who it is for (default public)').choices(BULLETIN_EDITIONS),
      )
      .addOption(new Option('--format <format>', 'Markdown or HTML (default md)').choices(BULLETIN_FORMATS))
      .option('--out <file>', 'write it to a file'),
  )
    .addHelpText(
      'after',
      examples(
        'rectify bulletin GS-2019 --as-of 2019-04-18 --edition public --format html --out bulletin.html',
      ),
    )
    .action(exits(async (plan: string, o: BulletinOptions) => (await plans()).bulletinCommand(plan, o, io)));

  program
    .command('template')
    .description('write the XLSX import template: the ledger layout to fill in')
    .option('--out <file>', 'where to write it', 'rectify-plan-template.xlsx')
    .addHelpText('after', examples('rectify template', 'rectify template --out my-plan.xlsx'))
    .action(exits(async (o: { out: string }) => (await plans()).templateCommand(o.out, io)));

  program
    .command('schema')
    .description("write the plan format's JSON Schema (generated from the zod schema)")
    .option('--out <file>', 'where to write it', path.join('docs', 'plan.schema.json'))
    .addHelpText('after', examples('rectify schema'))
    .action(exits(async (o: { out: string }) => (await plans()).schemaCommand(o.out, io)));

  program
    .command('create-api-token')
    .description(
      'write an API token straight into the database (bootstrapping, integrations) and print it once: ' +
        'the token alone on standard output, what it is on standard error',
    )
    .addOption(
      new Option('--role <role>', 'the role it acts with').choices(ROLES.filter((r) => r !== 'public')),
    )
    .option('--units <A,B>', 'the units it is scoped to (comma-separated unit codes)')
    .option('--leader <name>', 'the leader it is scoped to (a leader token)')
    .option('--name <text>', 'what it is for, shown in the token list')
    .option('--days <n>', 'days until it expires, 1 to 365 (default 30)')
    .addHelpText(
      'after',
      examples(
        'rectify create-api-token --role office --days 1',
        'rectify create-api-token --role unit --units GS-HOUSING --name "housing office sync"',
      ),
    )
    .action(
      exits((o: Omit<CreateApiTokenOptions, 'role'> & { role?: string }) =>
        withDatabase(async (ds) =>
          (await import('./create-api-token.command')).createApiTokenCommand(ds, await config(), {
            ...o,
            role: o.role,
          }),
        ),
      ),
    );

  program
    .command('verify-audit')
    .description(
      "walk the audit log's keyed hash chain and check it against the anchor file; exit 1 on any problem",
    )
    .addHelpText('after', examples('rectify verify-audit'))
    .action(
      exits(() =>
        withDatabase(async (ds) =>
          (await import('./verify-audit.command')).verifyAuditCommand(ds, await config()),
        ),
      ),
    );

  program
    .command('anchor-audit')
    .description("write a signed checkpoint of the audit log's head now, if it moved since the last one")
    .addHelpText('after', examples('rectify anchor-audit', '*/5 * * * * rectify anchor-audit   # crontab'))
    .action(
      exits(() =>
        withDatabase(async (ds) =>
          (await import('./anchor-audit.command')).anchorAuditCommand(ds, await config()),
        ),
      ),
    );

  program
    .command('register-search-attributes')
    .description(
      'add the Rectify* search attributes to TEMPORAL_NAMESPACE (self-hosted clusters; set ' +
        'TEMPORAL_SEARCH_ATTRIBUTES=false where they cannot be added)',
    )
    .addHelpText('after', examples('TEMPORAL_ADDRESS=temporal:7233 rectify register-search-attributes'))
    .action(
      exits(async () =>
        (await import('./register-search-attributes.command')).registerSearchAttributesCommand(
          (await config()).temporal,
        ),
      ),
    );

  program
    .command('check-consistency')
    .description(
      "compare Temporal's running measure workflows (state query, search attributes) with the read " +
        'model: workflows without a row, rows whose workflow is missing or ended, differing status, ' +
        'level, deadline or unit; exit 2 on drift',
    )
    .option('--json', 'print the report as JSON')
    .addOption(
      new Option(
        '--page-size <n>',
        'workflows listed and rows read per page, 1 to 1000 (default 200)',
      ).argParser(pageSize),
    )
    .addHelpText(
      'after',
      examples(
        'rectify check-consistency',
        'rectify check-consistency --json > drift.json || echo "drift: $?"',
      ),
    )
    .action(
      exits((o: { json?: boolean; pageSize?: number }) =>
        withDatabase(async (ds) =>
          (await import('./check-consistency.command')).checkConsistencyCommand(
            ds,
            (await config()).temporal,
            o,
            io,
          ),
        ),
      ),
    );

  program
    .command('completion')
    .description('print a completion script for the commands and options of rectify')
    .addArgument(new Argument('[shell]', 'the shell it is for').choices(SHELLS).default('bash'))
    .addHelpText(
      'after',
      examples(
        'eval "$(rectify completion bash)"     # in ~/.bashrc',
        'eval "$(rectify completion zsh)"      # in ~/.zshrc',
      ),
    )
    .action(
      exits(async (shell: Shell) => {
        io.out(completionScript(program, shell));
        return EXIT.ok;
      }),
    );

  return {
    program,
    async run(argv) {
      try {
        await program.parseAsync(argv, { from: 'user' });
        return code;
      } catch (e) {
        // --help and --version end parsing with code 0; every other parse error is a usage error.
        if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
        throw e;
      }
    },
  };
}

function withApi(command: Command): Command {
  return command
    .option('--api <url>', 'the Rectify API (default http://HOST:PORT from the configuration)')
    .option('--token <token>', 'the API token to use (default RECTIFY_API_TOKEN)');
}

function pageSize(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000)
    throw new InvalidArgumentError('must be a whole number from 1 to 1000');
  return n;
}

function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}`;
}

async function withDatabase(work: (ds: DataSource) => Promise<number>): Promise<number> {
  const { createDataSource } = await import('../../../libs/persistence/src/data-source');
  const ds = await createDataSource((await config()).database).initialize();
  try {
    return await work(ds);
  } finally {
    await ds.destroy();
  }
}

// The package's version, from the package.json above this file (in the sources or in dist/).
function packageVersion(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'rectify' && pkg.version) return pkg.version;
    }
    if (path.dirname(dir) === dir) return 'unknown';
  }
}
