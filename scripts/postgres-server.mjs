#!/usr/bin/env node
// A PostgreSQL server of the project's own, in a directory: what `npm run bench -- --server full`
// starts for the full Temporal server and the read model when DATABASE_URL names no server, and
// what a developer can start by hand to try the full server without a system database:
//
//   node scripts/postgres-server.mjs start --dir DIR [--port N] [--log FILE]
//
// On first use it creates a cluster in DIR/data (initdb, UTF-8, C locale), then starts it listening
// on 127.0.0.1:N only (default: a free port) with its socket in DIR, and makes the role `rectify`
// (password `rectify`, may CREATE DATABASE) and its database `rectify`. Prints
// `PostgreSQL VERSION ready at postgres://rectify:rectify@127.0.0.1:N/rectify` on stdout, then runs
// until SIGINT or SIGTERM, which stop the server (fast shutdown: open sessions are ended) before it
// exits 0; one that comes while the server is still being made or started is acted on when the
// step under way ends, and leaves no server running either. The same DIR again keeps its data.
// Socket connections need no password (the directory is its owner's alone); TCP ones do
// (scram-sha-256).
//
// PostgreSQL refuses to run as root: run as root (CI, a container), the server runs as the
// `postgres` user that Debian's package creates, DIR given to it. The binaries are those of the
// newest /usr/lib/postgresql/*/bin (Debian's layout), else initdb and pg_ctl on PATH. Node built-ins
// only, like the other scripts.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { freePort, say } from './lib.mjs';

const ROLE = 'rectify';
const PASSWORD = 'rectify';
const DATABASE = 'rectify';
// The cluster's superuser, whatever the OS user: the role the script itself connects as.
const SUPERUSER = 'postgres';
const START_TIMEOUT_S = 120;

class PostgresServerError extends Error {}

// Debian installs each major version's server binaries under /usr/lib/postgresql/<major>/bin and
// puts none of them on PATH; elsewhere (a source build, Homebrew) they are on PATH.
function binaries() {
  const debian = '/usr/lib/postgresql';
  const majors = fs.existsSync(debian)
    ? fs
        .readdirSync(debian)
        .filter((v) => fs.existsSync(path.join(debian, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (majors.length) return path.join(debian, majors[0], 'bin');
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'))) return dir;
  }
  throw new PostgresServerError(
    "PostgreSQL's server programs (initdb, pg_ctl) were not found: install PostgreSQL " +
      '(Debian: apt-get install postgresql), or point DATABASE_URL at a running server instead',
  );
}

// As root, every program of the server runs as `postgres`; otherwise as the caller.
function account() {
  if (process.getuid?.() !== 0) return null;
  const id = (flag) => spawnSync('id', [flag, SUPERUSER], { encoding: 'utf8' });
  const uid = id('-u');
  const gid = id('-g');
  if (uid.status !== 0 || gid.status !== 0)
    throw new PostgresServerError(
      `PostgreSQL will not run as root, and there is no user "${SUPERUSER}" to run it as: create one ` +
        "(Debian's postgresql package does) or run this script as an ordinary user",
    );
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

// Run without blocking, so that a signal arriving meanwhile is seen (see main).
function program(bin, as, name, args) {
  const file = path.join(bin, name);
  const [command, argv] = as ? ['runuser', ['-u', SUPERUSER, '--', file, ...args]] : [file, args];
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (output += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (output += d));
    child.once('error', (e) => reject(new PostgresServerError(`${name} could not be run: ${e.message}`)));
    child.once('close', (code) => resolve({ ok: code === 0, output: output.trim() }));
  });
}

function must(result, what) {
  if (!result.ok) throw new PostgresServerError(`${what} failed:\n${result.output}`);
  return result.output;
}

// The directory is made (or checked) and, as root, handed to the server's user, who must also be
// able to reach it: under a parent only root may enter, initdb would fail. Checked before anything
// is made, so a refused directory leaves nothing behind.
function prepareDirectory(dir, as) {
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory())
    throw new PostgresServerError(`--dir ${dir} is not a directory`);
  if (as) {
    let reach = path.dirname(dir);
    while (!fs.existsSync(reach)) reach = path.dirname(reach);
    if (spawnSync('runuser', ['-u', SUPERUSER, '--', 'test', '-x', reach]).status !== 0)
      throw new PostgresServerError(
        `--dir ${dir}: the "${SUPERUSER}" user, which runs the server, may not enter ${reach}: ` +
          'choose a directory it can reach, such as one under /tmp',
      );
  }
  // Directories made on the way stay enterable; the cluster's own is its owner's alone.
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  fs.chmodSync(dir, 0o700);
  if (!as) return;
  fs.chownSync(dir, as.uid, as.gid);
  const data = path.join(dir, 'data');
  if (fs.existsSync(data)) fs.chownSync(data, as.uid, as.gid);
}

function portTaken(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(true));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(false)));
  });
}

function option(argv, flag) {
  const i = argv.indexOf(flag);
  return i >= 0 ? argv[i + 1] : undefined;
}

const sqlLiteral = (s) => `'${s.replaceAll("'", "''")}'`;

async function main(argv) {
  // A SIGINT or SIGTERM at any time ends the script with exit 0 and no server left running: while
  // it starts one, the step under way finishes and the server, if it was started, is stopped;
  // once it is ready, the server is stopped at once.
  let signalled = false;
  let onSignal = () => undefined;
  const signal = () => {
    signalled = true;
    onSignal();
  };
  process.on('SIGINT', signal);
  process.on('SIGTERM', signal);
  if (argv[0] !== 'start')
    throw new PostgresServerError('usage: postgres-server.mjs start --dir DIR [--port N] [--log FILE]');
  const given = option(argv, '--dir');
  if (!given) throw new PostgresServerError('--dir DIR is required: the directory the cluster lives in');
  const dir = path.resolve(given);
  // The server's socket is DIR/.s.PGSQL.PORT, and a socket's path is at most 107 bytes; the
  // directory goes into the server's command line in single quotes.
  if (Buffer.byteLength(dir) > 90 || dir.includes("'"))
    throw new PostgresServerError(
      `--dir ${dir}: take a path of at most 90 bytes, without a quote (it holds the socket)`,
    );
  const portText = option(argv, '--port');
  const port = portText === undefined ? await freePort() : Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    throw new PostgresServerError(`--port takes a port number (got ${portText})`);
  if (await portTaken(port)) throw new PostgresServerError(`port ${port} on 127.0.0.1 is taken`);
  const log = path.resolve(option(argv, '--log') ?? path.join(dir, 'server.log'));

  const bin = binaries();
  const as = account();
  prepareDirectory(dir, as);
  const data = path.join(dir, 'data');
  if (!fs.existsSync(path.join(data, 'PG_VERSION'))) {
    // initdb refuses a directory that is not empty: one it left half made would block every
    // later start in DIR, so it goes (a directory that was there before is left as it was).
    const fresh = !fs.existsSync(data);
    const made = await program(bin, as, 'initdb', [
      '--pgdata',
      data,
      '--username',
      SUPERUSER,
      '--encoding',
      'UTF8',
      '--no-locale',
      '--auth-local',
      'trust',
      '--auth-host',
      'scram-sha-256',
    ]);
    if (!made.ok && fresh) fs.rmSync(data, { recursive: true, force: true });
    must(made, `initdb in ${data}`);
  }
  if (signalled) return;
  if (as && !fs.existsSync(log)) {
    fs.mkdirSync(path.dirname(log), { recursive: true });
    fs.writeFileSync(log, '');
    fs.chownSync(log, as.uid, as.gid);
  }
  const serverOptions = `-p ${port} -k '${dir}' -c listen_addresses=127.0.0.1`;
  // Once, however often it is asked for; nothing to do when the server has already gone.
  let stopping = null;
  const stop = () =>
    (stopping ??= (async () => {
      if (!fs.existsSync(path.join(data, 'postmaster.pid'))) return;
      const r = await program(bin, as, 'pg_ctl', ['--pgdata', data, '--mode', 'fast', '--wait', 'stop']);
      if (!r.ok) say(`stopping PostgreSQL in ${data} failed:\n${r.output}`);
    })());
  // A start that fails stops nothing: the server in DATA may be another run's.
  must(
    await program(bin, as, 'pg_ctl', [
      '--pgdata',
      data,
      '--log',
      log,
      '--options',
      serverOptions,
      '--wait',
      '--timeout',
      String(START_TIMEOUT_S),
      'start',
    ]),
    `starting PostgreSQL (its log: ${log})`,
  );
  try {
    if (signalled) return await stop();
    const psql = async (sql) =>
      must(
        await program(bin, as, 'psql', [
          '-h',
          dir,
          '-p',
          String(port),
          '-U',
          SUPERUSER,
          '-d',
          'postgres',
          '-XAtq',
          '-v',
          'ON_ERROR_STOP=1',
          '-c',
          sql,
        ]),
        `psql (${sql.split(' ').slice(0, 3).join(' ')} …)`,
      );
    if ((await psql(`SELECT 1 FROM pg_roles WHERE rolname = ${sqlLiteral(ROLE)}`)) !== '1')
      await psql(`CREATE ROLE ${ROLE} LOGIN CREATEDB PASSWORD ${sqlLiteral(PASSWORD)}`);
    if ((await psql(`SELECT 1 FROM pg_database WHERE datname = ${sqlLiteral(DATABASE)}`)) !== '1')
      await psql(`CREATE DATABASE ${DATABASE} OWNER ${ROLE}`);
    const version = (await psql('SHOW server_version')).split(' ')[0];
    if (signalled) return await stop();
    process.stdout.write(
      `PostgreSQL ${version} ready at postgres://${ROLE}:${PASSWORD}@127.0.0.1:${port}/${DATABASE} (data ${data}; log ${log})\n`,
    );
  } catch (e) {
    await stop();
    throw e;
  }
  // Signal handlers keep nothing alive: the watch does, and says so if the server ends on its own.
  await new Promise((resolve, reject) => {
    const watch = setInterval(() => {
      if (fs.existsSync(path.join(data, 'postmaster.pid'))) return;
      clearInterval(watch);
      stopping = Promise.resolve();
      reject(new PostgresServerError(`PostgreSQL in ${data} stopped on its own; see ${log}`));
    }, 2_000);
    onSignal = () => {
      clearInterval(watch);
      stop().then(resolve, reject);
    };
  });
}

main(process.argv.slice(2)).catch((e) => {
  say(e instanceof PostgresServerError ? e.message : (e?.stack ?? String(e)));
  process.exitCode = 1;
});
