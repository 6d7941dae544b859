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

// Runs `body` with DATABASE_URL naming the PostgreSQL the run needs: the full server's own when
// DATABASE_URL names none; the dev server's runs keep their SQLite read model unless it is set.
export async function withDatabase<T>(
  repo: string,
  server: TemporalServerKind,
  body: () => Promise<T>,
): Promise<T> {
  if (server !== 'full' || process.env.DATABASE_URL) return body();
  const own = await startOwnPostgres(repo);
  console.error(`PostgreSQL ${own.version} of the bench's own at ${own.url}`);
  process.env.DATABASE_URL = own.url;
  try {
    return await body();
  } finally {
    delete process.env.DATABASE_URL;
    await own.stop();
  }
}
