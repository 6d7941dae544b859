// scripts/postgres-server.mjs, which `npm run bench -- --server full` starts when DATABASE_URL
// names no server: a real PostgreSQL from the machine's own binaries, in a directory of its own.
// CI runs as root, so this is the path where the server runs as the `postgres` user; an ordinary
// user's path (the server as the caller) differs only in how each program is started.
import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';

const SCRIPT = path.resolve(__dirname, '../../scripts/postgres-server.mjs');
const READY = /^PostgreSQL (\S+) ready at (postgres:\/\/\S+) \(data (\S+); log (\S+)\)$/m;

interface Started {
  readonly child: ChildProcessWithoutNullStreams;
  readonly url: string;
  readonly data: string;
  readonly stderr: () => string;
}

// Servers a test started and has not stopped: stopped after it whatever it found, so a failing
// expectation leaves no server running.
const running = new Set<ChildProcessWithoutNullStreams>();

function start(args: readonly string[]): Promise<Started> {
  const child = spawn(process.execPath, [SCRIPT, 'start', ...args], { stdio: 'pipe' });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      const m = READY.exec(stdout);
      if (m) resolve({ child, url: m[2], data: m[3], stderr: () => stderr });
    });
    child.once('exit', (code) => reject(new Error(`exit ${code} before ready:\n${stderr}`)));
  });
}

// The script's whole run when it refuses: exit code and what it said.
function refused(args: readonly string[]): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const child = spawn(process.execPath, [SCRIPT, ...args], { stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr, stdout })));
}

// Data directories whose server a failing test may have left running, stopped after it by a signal
// to the postmaster (SIGINT: PostgreSQL's fast shutdown).
const orphans = new Set<string>();

async function stopOrphan(data: string): Promise<void> {
  const pidFile = path.join(data, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  process.kill(Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]), 'SIGINT');
  await until(() => !fs.existsSync(pidFile));
}

// Polls until `seen` holds, every 10 ms (a start-up step lasts a few hundred), for at most a minute.
async function until(seen: () => boolean): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!seen()) {
    if (Date.now() > deadline) throw new Error('waited a minute in vain');
    await new Promise((r) => setTimeout(r, 10));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function stop(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

async function query<T>(url: string, sql: string): Promise<T[]> {
  const ds = await new DataSource({ type: 'postgres', url }).initialize();
  try {
    return (await ds.query(sql)) as T[];
  } finally {
    await ds.destroy();
  }
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('a PostgreSQL server of the project’s own (scripts/postgres-server.mjs)', () => {
  let base: string;
  beforeAll(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-postgres-server-'));
    // As root the server runs as `postgres`, who must be able to enter the test's directory.
    fs.chmodSync(base, 0o755);
  });
  afterEach(async () => {
    await Promise.all([...running].map(stop));
    for (const data of orphans) await stopOrphan(data);
    orphans.clear();
  });
  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

  it('starts in a directory of its own, lets rectify in by password to create databases, and stops on SIGTERM', async () => {
    const dir = path.join(base, 'cluster');
    const server = await start(['--dir', dir]);
    const port = Number(new URL(server.url).port);
    const url = new URL(server.url);
    expect([url.hostname, url.username, url.pathname]).toEqual(['127.0.0.1', 'rectify', '/rectify']);
    expect(server.data).toBe(path.join(dir, 'data'));

    const [me] = await query<{ user: string; create: boolean }>(
      server.url,
      'SELECT current_user AS user, rolcreatedb AS create FROM pg_roles WHERE rolname = current_user',
    );
    expect(me).toEqual({ user: 'rectify', create: true });
    await query(server.url, 'CREATE DATABASE made_by_rectify');
    url.password = 'not-the-password';
    await expect(query(url.toString(), 'SELECT 1')).rejects.toThrow(/password authentication failed/);

    expect(await stop(server.child)).toBe(0);
    expect(await listening(port)).toBe(false);
    expect(fs.existsSync(path.join(server.data, 'postmaster.pid'))).toBe(false);

    // The same directory again: the cluster and what was made in it are still there.
    const again = await start(['--dir', dir]);
    try {
      const names = await query<{ datname: string }>(
        again.url,
        'SELECT datname FROM pg_database ORDER BY datname',
      );
      expect(names.map((n) => n.datname)).toEqual(expect.arrayContaining(['made_by_rectify', 'rectify']));
    } finally {
      expect(await stop(again.child)).toBe(0);
    }
  });

  // A signal that comes while the script is still making or starting its server: the harness sends
  // one when PostgreSQL is not ready in time, and a developer presses Ctrl-C.
  it.each([
    ['while initdb makes the cluster', 'data'],
    ['while the server comes up', 'data/postmaster.pid'],
  ])('exits 0 with no server left running on SIGTERM %s', async (_when, appears) => {
    const dir = fs.mkdtempSync(path.join(base, 'interrupted-'));
    fs.chmodSync(dir, 0o755);
    const data = path.join(dir, 'data');
    const port = await freePort();
    const child = spawn(process.execPath, [SCRIPT, 'start', '--dir', dir, '--port', String(port)], {
      stdio: 'pipe',
    });
    orphans.add(data);
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const gone = await Promise.race([
      exited.then(() => true),
      until(() => fs.existsSync(path.join(dir, appears))).then(() => false),
    ]);
    expect({ gone, stderr }).toEqual({ gone: false, stderr: '' });
    child.kill('SIGTERM');

    expect({ ...(await exited), stderr }).toEqual({ code: 0, signal: null, stderr: '' });
    expect(fs.existsSync(path.join(data, 'postmaster.pid'))).toBe(false);
    expect(await listening(port)).toBe(false);
  });

  it('names what is wrong with its arguments and leaves nothing behind', async () => {
    const here = fs.mkdtempSync(path.join(base, 'arguments-'));
    const file = path.join(here, 'a-file');
    fs.writeFileSync(file, '');
    const cases: [readonly string[], RegExp][] = [
      [['stop'], /usage: postgres-server\.mjs start --dir DIR/],
      [['start'], /--dir DIR is required/],
      [['start', '--dir', file], /--dir .*a-file is not a directory/],
      [
        ['start', '--dir', path.join(here, 'p'), '--port', 'seven'],
        /--port takes a port number \(got seven\)/,
      ],
      [['start', '--dir', path.join(here, 'x'.repeat(100))], /at most 90 bytes/],
    ];
    for (const [args, message] of cases) {
      const r = await refused(args);
      expect({ args, code: r.code, stdout: r.stdout }).toEqual({ args, code: 1, stdout: '' });
      expect(r.stderr).toMatch(message);
    }
    expect(fs.readdirSync(here)).toEqual(['a-file']);
  });

  it('leaves a data directory it did not make as it was when initdb refuses it', async () => {
    const dir = fs.mkdtempSync(path.join(base, 'occupied-'));
    fs.chmodSync(dir, 0o755);
    fs.mkdirSync(path.join(dir, 'data'));
    fs.writeFileSync(path.join(dir, 'data', 'notes.txt'), 'somebody else’s');
    const r = await refused(['start', '--dir', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`initdb in ${path.join(dir, 'data')} failed`);
    expect(fs.readFileSync(path.join(dir, 'data', 'notes.txt'), 'utf8')).toBe('somebody else’s');
  });

  it('refuses a port another program listens on, naming it', async () => {
    const other = net.createServer();
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const { port } = other.address() as net.AddressInfo;
    try {
      const r = await refused(['start', '--dir', path.join(base, 'taken'), '--port', String(port)]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`port ${port} on 127.0.0.1 is taken`);
      expect(fs.existsSync(path.join(base, 'taken'))).toBe(false);
    } finally {
      other.close();
    }
  });

  // As an ordinary user the server runs as the caller, who made the directory: nothing to refuse.
  (process.getuid?.() === 0 ? it : it.skip)(
    'refuses, as root, a directory the postgres user may not enter',
    async () => {
      const closed = fs.mkdtempSync(path.join(base, 'closed-'));
      fs.chmodSync(closed, 0o700);
      const r = await refused(['start', '--dir', path.join(closed, 'cluster')]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`the "postgres" user, which runs the server, may not enter ${closed}`);
      expect(fs.readdirSync(closed)).toEqual([]);
    },
  );
});
