import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * External Temporal tools set up by `npm run setup` (scripts/setup-tools.mjs) and recorded in
 * `.tools/tools.json`. A `null` entry means the tool could not be set up on this machine.
 */
export interface TemporalTools {
  /** Temporal CLI executable, used to run the dev server (`temporal server start-dev`). */
  temporalCli: string | null;
  /** Wrapper that starts the Java time-skipping test server: `<testServer> <port>`. */
  testServer: string | null;
}

/** Reads `<repoRoot>/.tools/tools.json`; throws if setup has not been run. */
export function loadTemporalTools(repoRoot: string): TemporalTools {
  const file = join(repoRoot, '.tools', 'tools.json');
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch {
    throw new Error(`Temporal tools are not set up (${file} is missing): run npm run setup.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error(`Temporal tools file ${file} is not valid JSON: run npm run setup.`);
  }
  const record = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  return {
    temporalCli: typeof record.temporalCli === 'string' ? record.temporalCli : null,
    testServer: typeof record.testServer === 'string' ? record.testServer : null,
  };
}

export interface DevServerArgsOptions {
  /** Frontend gRPC port. */
  port: number;
  /** Web UI port; the CLI defaults to `port + 1000`. Ignored when `headless`. */
  uiPort?: number;
  /** SQLite file to persist state in; in-memory when omitted. */
  dbFile?: string;
  /** Namespace created at start (the `default` namespace always exists). */
  namespace?: string;
  /** Disable the Web UI. */
  headless?: boolean;
}

/**
 * Arguments for `temporal server start-dev` (Temporal CLI v1.5.1, as scripts/setup-tools.mjs builds it), bound to 127.0.0.1.
 * Usage: `spawn(tools.temporalCli, devServerArgs({ port: 7233 }))`.
 */
export function devServerArgs(opts: DevServerArgsOptions): string[] {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(opts.port)];
  if (opts.namespace) args.push('--namespace', opts.namespace);
  if (opts.dbFile) {
    // This file is the only copy of every workflow's history. synchronous=OFF lets a power loss or an
    // OS crash lose or corrupt committed transactions; under WAL, NORMAL keeps the database consistent
    // and loses at most the last commits before the crash, at little cost in speed.
    args.push(
      '--db-filename',
      opts.dbFile,
      '--sqlite-pragma',
      'journal_mode=WAL',
      '--sqlite-pragma',
      'synchronous=NORMAL',
    );
  }
  if (opts.headless) args.push('--headless');
  else if (opts.uiPort !== undefined) args.push('--ui-port', String(opts.uiPort));
  args.push('--log-level', 'warn');
  return args;
}
