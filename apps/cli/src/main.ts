// rectify CLI: operations beside the API and worker. `import` goes through the HTTP API, so it
// follows the same validation and the same path into workflows as any other client.
import 'reflect-metadata';
import * as fs from 'node:fs';
import { loadConfig } from '../../../libs/config/src/rectify-config';
import { validatePlanDefinition } from '../../../libs/domain/src/plan-definition';
import { daysBetween, shiftPlanDates } from '../../../libs/domain/src/plan-rebase';
import { createDataSource, runMigrations } from '../../../libs/persistence/src/data-source';

const USAGE = `usage: rectify <command>
  migrate                      apply pending database migrations (SQLite file or DATABASE_URL)
  validate <plan.json>         check a plan document and list every problem with its location
  import <plan.json> [--api URL] [--feedback-on YYYY-MM-DD]
                               import a plan through the API (default http://HOST:PORT);
                               --feedback-on moves the whole timetable so the inspection
                               feedback falls on that date (for replaying an old plan)`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (!value || value.startsWith('--')) throw new Error(`${name} needs a value`);
  return value;
}

function readPlanFile(file: string | undefined): unknown {
  if (!file) throw new Error('name a plan file');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new Error(`cannot read ${file}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${file} is not valid JSON: ${(e as Error).message}`);
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'migrate': {
      const ds = await createDataSource(loadConfig().database).initialize();
      try {
        const ran = await runMigrations(ds);
        console.log(ran.length ? `applied: ${ran.join(', ')}` : 'database is up to date');
      } finally {
        await ds.destroy();
      }
      return 0;
    }
    case 'validate': {
      const r = validatePlanDefinition(readPlanFile(args[0]));
      if (r.ok) {
        const measures = r.plan.categories.flatMap((c) => c.aspects.flatMap((a) => a.problems.flatMap((p) => p.measures)));
        console.log(`${args[0]}: valid plan ${r.plan.plan.code} with ${measures.length} measures`);
        return 0;
      }
      for (const p of r.problems) console.error(`${args[0]}: ${p.path}: ${p.message}`);
      return 1;
    }
    case 'import': {
      const http = loadConfig().http;
      const api = option(args, '--api') ?? `http://${http.host}:${http.port}`;
      const feedbackOn = option(args, '--feedback-on');
      let document = readPlanFile(args[0]);
      if (feedbackOn) {
        const r = validatePlanDefinition(document);
        if (!r.ok) {
          for (const p of r.problems) console.error(`${args[0]}: ${p.path}: ${p.message}`);
          return 1;
        }
        document = shiftPlanDates(r.plan, daysBetween(r.plan.inspection.feedbackDate, feedbackOn));
      }
      const res = await fetch(`${api}/plans`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(document),
      });
      const body = (await res.json()) as Record<string, unknown>;
      if (!res.ok) {
        console.error(`import refused (${res.status} ${String(body.code)}): ${String(body.message)}`);
        for (const d of (body.details as { path: string; message: string }[] | undefined) ?? []) {
          console.error(`  ${d.path}: ${d.message}`);
        }
        return 1;
      }
      console.log(
        `plan ${String(body.planCode)}: ${String(body.outcome)}, ${String(body.measures)} measures followed (${JSON.stringify(body.workflows)})`,
      );
      return 0;
    }
    default:
      console.error(command ? `unknown command ${command}\n${USAGE}` : USAGE);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(`rectify: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
