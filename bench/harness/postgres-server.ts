// The PostgreSQL that `--server full` runs on: DATABASE_URL's when it names one, else a server of
// the harness's own (scripts/postgres-server.mjs) in a temporary directory, started before the
// run and stopped, its directory removed, after it, so that the production shape's bench needs no
// database set up beforehand. The read model goes to the same server, as in production.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TemporalServerKind } from './temporal-server';

const READY_MS = 3 * 60_000;
const STOP_MS = 60_000;

export interface OwnPostgres {
  readonly url: string;
  readonly version: string;
  stop(): Promise<void>;
}

export async function startOwnPostgres(repo: string): Promise<OwnPostgres> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-bench-postgres-'));
  const script = path.join(repo, 'scripts', 'postgres-server.mjs');
  // The script's own lines (failures) show as they come; stdout carries the ready line.
  const child = spawn(process.execPath, [script, 'start', '--dir', dir], {
    cwd: repo,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async () => {
    child.kill('SIGTERM');
    const late = new Promise<'late'>((r) => setTimeout(() => r('late'), STOP_MS).unref());
    if ((await Promise.race([exited, late])) === 'late') {
      child.kill('SIGKILL');
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const { version, url } = await new Promise<{ version: string; url: string }>((resolve, reject) => {
      let out = '';
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (d: string) => {
        out += d;
        const m = /PostgreSQL (\S+) ready at (\S+)/.exec(out);
        if (m) resolve({ version: m[1], url: m[2] });
      });
      void exited.then((code) => reject(new Error(`scripts/postgres-server.mjs stopped (exit ${code})`)));
      setTimeout(
        () => reject(new Error(`PostgreSQL was not ready in ${READY_MS / 60_000} min`)),
        READY_MS,
      ).unref();
    });
    return { url, version, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

// Whether the run needs a PostgreSQL the harness starts: the full server's, when DATABASE_URL
// names none (the dev server's runs keep their SQLite read model unless it is set).
export function needsOwnPostgres(server: TemporalServerKind): boolean {
  return server === 'full' && !process.env.DATABASE_URL;
}

// The run again as a child process with DATABASE_URL naming a PostgreSQL of the harness's own, which
// is stopped when the child ends; answers the child's exit code. A child, not this process: the
// entities choose their column types from the configuration when their modules load, which in this
// process happened before any server was started.
export async function benchOnOwnPostgres(repo: string): Promise<number> {
  const own = await startOwnPostgres(repo);
  console.error(`PostgreSQL ${own.version} of the bench's own at ${own.url}`);
  try {
    const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_URL: own.url },
      stdio: 'inherit',
    });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    const code = await new Promise<number>((resolve) =>
      child.once('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))),
    );
    process.off('SIGINT', forward);
    process.off('SIGTERM', forward);
    return code;
  } finally {
    await own.stop();
  }
}
