// Plans in and out from the command line. validate, template and schema work locally; import,
// export-ledger and bulletin go through the HTTP API, so they meet the same validation,
// authorization and workflows as any other client.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfig } from '../../../libs/config/src/rectify-config';
import type { ErrorDetail } from '../../../libs/domain/src/domain-error';
import type { PlanDiff } from '../../../libs/domain/src/plan-diff';
import { planJsonSchemaText } from '../../../libs/domain/src/plan-json-schema';
import { daysBetween, shiftPlanDates } from '../../../libs/domain/src/plan-rebase';
import {
  readPlanFile,
  tooLarge,
  type LocatedDeadlineReading,
} from '../../../libs/plan-io/src/plan-file.reader';
import {
  formatOfFileName,
  MAX_PLAN_FILE_BYTES,
  PLAN_CONTENT_TYPES,
  PLAN_FILE_FORMATS,
  type PlanFileFormat,
} from '../../../libs/plan-io/src/plan-file-format';
import type { LocatedProblem } from '../../../libs/plan-io/src/located-problem';
import { planTemplateWorkbook } from '../../../libs/plan-io/src/xlsx-template.writer';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export const CONSOLE: CliIo = { out: (l) => console.log(l), err: (l) => console.error(l) };

export const PLAN_USAGE = `  validate <plan.json|.yaml|.xlsx>
                               check a plan file locally; every problem with its line or cell
                               (任务清单!F7), and how each Chinese deadline (9月底前) was read
  import <plan file> [--dry-run] [--withdraw-removed] [--actor NAME] [--api URL] [--token T]
         [--feedback-on YYYY-MM-DD]
                               import (or re-import) a plan through the API; a plan whose code
                               exists is applied as a diff. --dry-run prints the diff and writes
                               nothing; --withdraw-removed withdraws measures the file leaves out;
                               --feedback-on moves the whole timetable so the inspection feedback
                               falls on that date (for replaying an old plan)
  export-ledger <plan code or id> [--as-of YYYY-MM-DD] [--out FILE] [--api URL] [--token T]
                               the ledger (台账) as XLSX: 问题/任务/责任/时限/要求清单
  bulletin <plan code or id> [--as-of YYYY-MM-DD] [--edition internal|public] [--format md|html]
           [--out FILE] [--api URL] [--token T]
                               the progress bulletin (通报); to standard output without --out
  template [--out FILE]        write the XLSX import template (default rectify-plan-template.xlsx)
  schema [--out FILE]          write the plan format's JSON Schema (default docs/plan.schema.json)`;

export function option(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (!value || value.startsWith('--')) throw new Error(`${name} needs a value`);
  return value;
}

const flag = (args: readonly string[], name: string) => args.includes(name);

export async function validateCommand(args: readonly string[], io: CliIo = CONSOLE): Promise<number> {
  const file = args[0];
  const read = await readLocal(file, io);
  if (!read) return 1;
  const r = await readPlanFile(read.bytes, read.format);
  printWarnings(file, r.warnings, io);
  if (!r.ok) {
    for (const p of r.problems) io.err(problemLine(file, p));
    io.err(`${file}: ${r.problems.length} problem(s); nothing was imported`);
    return 1;
  }
  const count = r.plan.categories.flatMap((c) =>
    c.aspects.flatMap((a) => a.problems.flatMap((p) => p.measures)),
  ).length;
  printReadings(file, r.deadlines, io);
  io.out(`${file}: valid plan ${r.plan.plan.code} with ${count} measures`);
  return 0;
}

export async function importCommand(args: readonly string[], io: CliIo = CONSOLE): Promise<number> {
  const file = args[0];
  const read = await readLocal(file, io);
  if (!read) return 1;
  const feedbackOn = option(args, '--feedback-on');
  let body: Uint8Array = read.bytes;
  let format = read.format;
  if (feedbackOn) {
    // Re-dating needs the document: read it here, send it on as JSON.
    const r = await readPlanFile(read.bytes, read.format);
    if (!r.ok) {
      for (const p of r.problems) io.err(problemLine(file, p));
      return 1;
    }
    const moved = shiftPlanDates(r.plan, daysBetween(r.plan.inspection.feedbackDate, feedbackOn));
    body = Buffer.from(JSON.stringify(moved));
    format = 'json';
  }
  const query = new URLSearchParams();
  if (flag(args, '--dry-run')) query.set('dryRun', 'true');
  if (flag(args, '--withdraw-removed')) query.set('withdrawRemoved', 'true');
  const actor = option(args, '--actor');
  if (actor) query.set('actor', actor);
  const res = await api(args, 'POST', `/plans${query.size ? `?${query}` : ''}`, {
    body,
    contentType: PLAN_CONTENT_TYPES[format][0],
  });
  const answer = (await res.json()) as ImportAnswer & ErrorAnswer;
  if (!res.ok) return refused(file, res.status, answer, io);
  printWarnings(file, answer.warnings ?? [], io);
  printReadings(file, answer.deadlines ?? [], io);
  if (answer.diff) for (const line of diffLines(answer.diff)) io.out(line);
  if (answer.outcome === 'dry_run') {
    if (answer.wouldRefuse) {
      io.err(
        `dry run: applying it would be refused (${answer.wouldRefuse.code}): ${answer.wouldRefuse.message}`,
      );
      return 1;
    }
    io.out(`plan ${answer.planCode}: dry run, nothing written; ${answer.measures} measures after applying`);
    return 0;
  }
  const w = answer.workflows;
  const effects = w
    ? `; workflows: ${w.started.running} followed, ${w.deadlinesChanged} deadline(s) moved, ${w.reassigned} reassigned, ${w.withdrawn} withdrawn` +
      (w.cadence ? `; reporting cadence ${w.cadence}` : '')
    : '';
  io.out(`plan ${answer.planCode}: ${answer.outcome}, ${answer.measures} measures${effects}`);
  return 0;
}

export async function exportLedgerCommand(args: readonly string[], io: CliIo = CONSOLE): Promise<number> {
  const plan = required(args[0], 'name a plan (code or id)');
  const asOf = option(args, '--as-of');
  const res = await api(
    args,
    'GET',
    `/plans/${encodeURIComponent(plan)}/ledger.xlsx${asOf ? `?asOf=${asOf}` : ''}`,
  );
  if (!res.ok) return refused(plan, res.status, (await res.json()) as ErrorAnswer, io);
  const named = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1];
  const out = option(args, '--out') ?? decodeURIComponent(named ?? `${plan}-ledger.xlsx`);
  fs.writeFileSync(out, Buffer.from(await res.arrayBuffer()));
  io.out(`ledger of ${plan} written to ${out}`);
  return 0;
}

export async function bulletinCommand(args: readonly string[], io: CliIo = CONSOLE): Promise<number> {
  const plan = required(args[0], 'name a plan (code or id)');
  const query = new URLSearchParams();
  for (const [flagName, param] of [
    ['--as-of', 'asOf'],
    ['--edition', 'edition'],
    ['--format', 'format'],
  ] as const) {
    const v = option(args, flagName);
    if (v) query.set(param, v);
  }
  const res = await api(
    args,
    'GET',
    `/plans/${encodeURIComponent(plan)}/bulletin${query.size ? `?${query}` : ''}`,
  );
  if (!res.ok) return refused(plan, res.status, (await res.json()) as ErrorAnswer, io);
  const text = await res.text();
  const out = option(args, '--out');
  if (out) {
    fs.writeFileSync(out, text);
    io.out(`bulletin of ${plan} written to ${out}`);
  } else io.out(text);
  return 0;
}

export async function templateCommand(args: readonly string[], io: CliIo = CONSOLE): Promise<number> {
  const out = option(args, '--out') ?? 'rectify-plan-template.xlsx';
  fs.writeFileSync(out, await planTemplateWorkbook());
  io.out(
    `template written to ${out}: fill in 基本信息, 责任单位 and 任务清单, then \`rectify validate ${out}\``,
  );
  return 0;
}

export async function schemaCommand(args: readonly string[], io: CliIo = CONSOLE): Promise<number> {
  const out = option(args, '--out') ?? path.join('docs', 'plan.schema.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, planJsonSchemaText());
  io.out(`JSON Schema of the plan format written to ${out}`);
  return 0;
}

interface ImportAnswer {
  planCode: string;
  outcome: 'created' | 'unchanged' | 'updated' | 'dry_run';
  measures: number;
  diff: PlanDiff | null;
  deadlines?: LocatedDeadlineReading[];
  warnings?: LocatedProblem[];
  workflows: {
    started: { running: number; closed: number };
    deadlinesChanged: number;
    reassigned: number;
    withdrawn: number;
    // The plan's reporting-cadence workflow; absent from older APIs.
    cadence?: 'running' | 'closed' | null;
  } | null;
  wouldRefuse?: { code: string; message: string } | null;
}

interface ErrorAnswer {
  code?: string;
  message?: string;
  details?: ErrorDetail[];
}

// The size is checked before the file is read.
async function readLocal(
  file: string | undefined,
  io: CliIo,
): Promise<{ bytes: Buffer; format: PlanFileFormat } | null> {
  if (!file) throw new Error('name a plan file');
  const format = formatOfFileName(file);
  if (!format) {
    io.err(`${file}: plan files end in ${PLAN_FILE_FORMATS.map((f) => `.${f}`).join(', ')} (or .yml)`);
    return null;
  }
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    io.err(`cannot read ${file}`);
    return null;
  }
  if (size > MAX_PLAN_FILE_BYTES) {
    const r = tooLarge(size);
    if (!r.ok) io.err(`${file}: ${r.problems[0].message}`);
    return null;
  }
  return { bytes: fs.readFileSync(file), format };
}

async function api(
  args: readonly string[],
  method: string,
  route: string,
  body?: { body: Uint8Array; contentType: string },
): Promise<Response> {
  const config = loadConfig();
  const base = option(args, '--api') ?? `http://${config.http.host}:${config.http.port}`;
  const token = option(args, '--token') ?? config.cli.apiToken;
  return fetch(`${base}${route}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': body.contentType } : {}),
    },
    body: body?.body,
  });
}

function refused(subject: string, status: number, body: ErrorAnswer, io: CliIo): number {
  io.err(`${subject}: refused (${status} ${String(body.code)}): ${String(body.message)}`);
  if (status === 401)
    io.err('  set RECTIFY_API_TOKEN or pass --token (rectify create-api-token --role office)');
  for (const d of body.details ?? [])
    io.err(`  ${d.location ? `${d.location}: ` : ''}${d.path}: ${d.message}`);
  return 1;
}

function problemLine(file: string, p: LocatedProblem): string {
  return `${file}${p.location ? `:${p.location}` : ''}: ${p.path === '(file)' ? '' : `${p.path}: `}${p.message}`;
}

function printWarnings(file: string, warnings: readonly LocatedProblem[], io: CliIo): void {
  for (const w of warnings) io.err(`warning: ${problemLine(file, w)}`);
}

function printReadings(file: string, readings: readonly LocatedDeadlineReading[], io: CliIo): void {
  for (const d of readings)
    io.out(
      `${file}${d.location ? `:${d.location}` : ''}: ${d.milestoneCode ?? d.measureCode}: ${d.explanation}`,
    );
}

// One line per change, marked + added, - removed, ~ changed, > deadline moved.
export function diffLines(d: PlanDiff): string[] {
  const out: string[] = [];
  for (const f of d.plan) out.push(`~ ${f.field}: ${show(f.before)} → ${show(f.after)}`);
  const sets = [
    ['unit', d.units],
    ['category', d.categories],
    ['aspect', d.aspects],
    ['problem', d.problems],
    ['measure', d.measures],
  ] as const;
  for (const [kind, set] of sets) {
    for (const code of set.added) out.push(`+ ${kind} ${code}`);
    for (const code of set.removed) out.push(`- ${kind} ${code}`);
    for (const c of set.changed) out.push(`~ ${kind} ${c.code}: ${c.changes.map((f) => f.field).join(', ')}`);
  }
  for (const m of d.deadlines)
    out.push(
      `> deadline ${m.measureCode}: ${m.before.written} → ${m.after.written} (${m.before.dueAt} → ${m.after.dueAt})`,
    );
  return out.length ? out : ['no change against the plan as last applied'];
}

function show(v: unknown): string {
  return v === undefined ? '(none)' : typeof v === 'string' ? v : JSON.stringify(v);
}

function required(v: string | undefined, message: string): string {
  if (!v) throw new Error(message);
  return v;
}
