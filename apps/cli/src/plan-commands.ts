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
  strictReading,
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
import { NDJSON } from '../../api/src/plans/import-progress.stream';
import { CONSOLE, type CliIo } from './cli-io';
import { bytes } from './progress-reporter';

// Where API commands go, and as whom; the defaults come from the configuration.
export interface ApiOptions {
  readonly api?: string;
  readonly token?: string;
}

export interface ImportOptions extends ApiOptions {
  readonly dryRun?: boolean;
  // Warnings (a deadline before the feedback date, …) refuse the plan.
  readonly strict?: boolean;
  readonly withdrawRemoved?: boolean;
  readonly actor?: string;
  readonly feedbackOn?: string;
}

export interface LedgerOptions extends ApiOptions {
  readonly asOf?: string;
  readonly out?: string;
}

export interface BulletinOptions extends ApiOptions {
  readonly asOf?: string;
  readonly edition?: string;
  readonly format?: string;
  readonly out?: string;
}

export async function validateCommand(
  file: string,
  io: CliIo = CONSOLE,
  o: { readonly strict?: boolean } = {},
): Promise<number> {
  const read = await readLocal(file, io);
  if (!read) return 1;
  const reading = await readPlanFile(read.bytes, read.format);
  const r = o.strict ? strictReading(reading) : reading;
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

export async function importCommand(file: string, o: ImportOptions, io: CliIo = CONSOLE): Promise<number> {
  const read = await readLocal(file, io);
  if (!read) return 1;
  let body: Uint8Array = read.bytes;
  let format = read.format;
  if (o.feedbackOn) {
    // Re-dating needs the document: read it here, send it on as JSON.
    const r = await readPlanFile(read.bytes, read.format);
    if (!r.ok) {
      for (const p of r.problems) io.err(problemLine(file, p));
      return 1;
    }
    const moved = shiftPlanDates(r.plan, daysBetween(r.plan.inspection.feedbackDate, o.feedbackOn));
    body = Buffer.from(JSON.stringify(moved));
    format = 'json';
  }
  const query = new URLSearchParams();
  if (o.dryRun) query.set('dryRun', 'true');
  if (o.strict) query.set('strict', 'true');
  if (o.withdrawRemoved) query.set('withdrawRemoved', 'true');
  if (o.actor) query.set('actor', o.actor);
  const res = await api(o, 'POST', `/plans${query.size ? `?${query}` : ''}`, {
    body,
    contentType: PLAN_CONTENT_TYPES[format][0],
    // The API streams progress lines to a client that accepts them (once workflows start). Asked
    // for without a progress bar too: a plan of tens of thousands of measures takes longer to
    // start than fetch waits for a response's headers (five minutes), a stream answers at once.
    accept: `${NDJSON}, application/json`,
  });
  const reply = isNdjson(res) ? await streamedImport(res, io) : await importReply(res);
  if (!reply.ok) return refused(file, reply.status, reply.error, io);
  const answer = reply.answer;
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

export async function exportLedgerCommand(
  plan: string,
  o: LedgerOptions,
  io: CliIo = CONSOLE,
): Promise<number> {
  const res = await api(
    o,
    'GET',
    `/plans/${encodeURIComponent(plan)}/ledger.xlsx${o.asOf ? `?asOf=${o.asOf}` : ''}`,
  );
  if (!res.ok) return refused(plan, res.status, (await res.json()) as ErrorAnswer, io);
  const named = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1];
  const out = o.out ?? decodeURIComponent(named ?? `${plan}-ledger.xlsx`);
  fs.writeFileSync(out, await download(res, `ledger of ${plan}`, io));
  io.out(`ledger of ${plan} written to ${out}`);
  return 0;
}

export async function bulletinCommand(
  plan: string,
  o: BulletinOptions,
  io: CliIo = CONSOLE,
): Promise<number> {
  const query = new URLSearchParams();
  if (o.asOf) query.set('asOf', o.asOf);
  if (o.edition) query.set('edition', o.edition);
  if (o.format) query.set('format', o.format);
  const res = await api(
    o,
    'GET',
    `/plans/${encodeURIComponent(plan)}/bulletin${query.size ? `?${query}` : ''}`,
  );
  if (!res.ok) return refused(plan, res.status, (await res.json()) as ErrorAnswer, io);
  const text = await res.text();
  if (o.out) {
    fs.writeFileSync(o.out, text);
    io.out(`bulletin of ${plan} written to ${o.out}`);
  } else io.out(text);
  return 0;
}

export async function templateCommand(out: string, io: CliIo = CONSOLE): Promise<number> {
  fs.writeFileSync(out, await planTemplateWorkbook());
  io.out(
    `template written to ${out}: fill in 基本信息, 责任单位 and 任务清单, then \`rectify validate ${out}\``,
  );
  return 0;
}

export async function schemaCommand(out: string, io: CliIo = CONSOLE): Promise<number> {
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

export interface ErrorAnswer {
  code?: string;
  message?: string;
  details?: ErrorDetail[];
}

// The size is checked before the file is read.
async function readLocal(file: string, io: CliIo): Promise<{ bytes: Buffer; format: PlanFileFormat } | null> {
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

export async function api(
  o: ApiOptions,
  method: string,
  route: string,
  body?: { body: Uint8Array; contentType: string; accept: string },
): Promise<Response> {
  const config = loadConfig();
  const base = o.api ?? `http://${config.http.host}:${config.http.port}`;
  const token = o.token ?? config.cli.apiToken;
  return fetch(`${base}${route}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': body.contentType, accept: body.accept } : {}),
    },
    body: body?.body,
  });
}

const isNdjson = (res: Response) => (res.headers.get('content-type') ?? '').startsWith(NDJSON);

type ImportReply =
  | { readonly ok: true; readonly answer: ImportAnswer }
  | { readonly ok: false; readonly status: number; readonly error: ErrorAnswer };

// The lines of an import answered as a stream (ImportStreamLine of the API, as read here).
type StreamLine =
  | { readonly progress: { readonly done: number; readonly total: number } }
  | { readonly result: ImportAnswer }
  | { readonly error: ErrorAnswer & { readonly status: number } };

async function importReply(res: Response): Promise<ImportReply> {
  const body: unknown = await res.json();
  return res.ok
    ? { ok: true, answer: body as ImportAnswer }
    : { ok: false, status: res.status, error: body as ErrorAnswer };
}

// Progress lines drive the bar; the last line is the result, or the error with its status.
async function streamedImport(res: Response, io: CliIo): Promise<ImportReply> {
  const bar = io.progress?.('starting workflows');
  let reply: ImportReply | null = null;
  try {
    for await (const line of lines(res)) {
      const l = JSON.parse(line) as StreamLine;
      if ('progress' in l) bar?.update(l.progress.done, l.progress.total);
      else if ('result' in l) reply = { ok: true, answer: l.result };
      else reply = { ok: false, status: l.error.status, error: l.error };
    }
  } finally {
    bar?.end();
  }
  if (!reply) throw new Error('the API ended the import stream without a result; import the plan again');
  return reply;
}

async function* lines(res: Response): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let pending = '';
  for await (const chunk of res.body ?? []) {
    pending += decoder.decode(chunk as Uint8Array, { stream: true });
    const complete = pending.split('\n');
    pending = complete.pop() ?? '';
    for (const l of complete) if (l.trim()) yield l;
  }
  if (pending.trim()) yield pending;
}

// The body as it arrives, reported against its Content-Length.
async function download(res: Response, label: string, io: CliIo): Promise<Buffer> {
  const length = Number(res.headers.get('content-length'));
  const total = Number.isInteger(length) && length > 0 ? length : null;
  const bar = io.progress?.(label, bytes);
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    for await (const chunk of res.body ?? []) {
      chunks.push(chunk as Uint8Array);
      received += (chunk as Uint8Array).length;
      bar?.update(received, total);
    }
  } finally {
    bar?.end();
  }
  return Buffer.concat(chunks);
}

export function refused(subject: string, status: number, body: ErrorAnswer, io: CliIo): number {
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
  // The instant is absent from the answers of older APIs.
  for (const d of readings)
    io.out(
      `${file}${d.location ? `:${d.location}` : ''}: ${d.milestoneCode ?? d.measureCode}: ${d.explanation}` +
        `${(d.dueAt as string | undefined) ? ` (due at ${d.dueAt})` : ''}${d.assumed ? ' [assumed]' : ''}`,
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
    ['sub-measure', d.subMeasures],
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
