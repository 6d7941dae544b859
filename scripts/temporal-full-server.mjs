#!/usr/bin/env node
// The full Temporal server (go.temporal.io/server, all services in one process) on PostgreSQL: the
// production shape, where the dev server's single SQLite file is no longer the limit. Used by
// `npm run bench -- --server full` and by hand (README "Deploying beyond one machine"):
//
//   node scripts/temporal-full-server.mjs build            builds server and sql tool into .tools/
//   node scripts/temporal-full-server.mjs start [options]  build, databases, start, namespace and
//                                                          search attributes; runs until Ctrl-C
//   options: --port N (frontend, default 7233; the other services take the next ports, see
//   deploy/temporal/config/rectify-postgres.yaml), --namespace NAME (default), --database NAME
//   (temporal), --visibility-database NAME (temporal_visibility), --fresh (drop both databases
//   first), --log FILE (the server's output; default .data/temporal-full/server.log)
//
// The PostgreSQL server is DATABASE_URL's (its role must be allowed to CREATE DATABASE); Rectify's
// own database there is not touched. Prints `Temporal server VERSION ready at HOST:PORT` on stdout once the
// namespace answers with its search attributes; SIGINT or SIGTERM stops the server. Node built-ins
// only, like the other scripts: it runs before anything is built.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ROOT, say } from './lib.mjs';

const SERVER_VERSION = '1.29.1';
const MODULE = 'go.temporal.io/server';
const HOME = path.join(ROOT, '.tools', 'temporal-server', SERVER_VERSION);
const SERVER = path.join(HOME, 'bin', 'server');
const SQL_TOOL = path.join(HOME, 'bin', 'sql');
const SCHEMA = path.join(HOME, 'schema');
const SERVER_ROOT = path.join(ROOT, 'deploy', 'temporal');
// deploy/temporal/config/<env>.yaml
const CONFIG_ENV = 'rectify-postgres';

// The measure workflow's search attributes (workflows/measure/measure.contract.ts,
// MEASURE_SEARCH_ATTRIBUTES); the worker checks them at start and names any that differ.
const SEARCH_ATTRIBUTES = [
  ['RectifyPlan', 'Keyword'],
  ['RectifyUnit', 'Keyword'],
  ['RectifyStatus', 'Keyword'],
  ['RectifyTrack', 'Keyword'],
  ['RectifyOverdueLevel', 'Int'],
  ['RectifyDueAt', 'Datetime'],
  ['RectifyLight', 'Keyword'],
];

class FullServerError extends Error {}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function built() {
  return [SERVER, SQL_TOOL].every((f) => fs.existsSync(f)) && fs.existsSync(path.join(SCHEMA, 'temporal'));
}

// `go install` of the server and its sql tool at the pinned version (no replace directive in its
// go.mod, so module@version installs), into a scratch GOBIN first so a broken build leaves no half
// tool behind; the PostgreSQL schema files come from the same module in the Go module cache.
function build() {
  if (built()) return;
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.status !== 0)
    throw new FullServerError(
      'the full Temporal server is built with Go (1.23 or later): install Go, then run again',
    );
  say(
    `building the Temporal server ${SERVER_VERSION} and its sql tool with Go (first run only, several minutes)`,
  );
  const t0 = performance.now();
  fs.mkdirSync(path.dirname(HOME), { recursive: true });
  const scratch = fs.mkdtempSync(path.join(path.dirname(HOME), `build-${SERVER_VERSION}-`));
  try {
    const env = { ...process.env, GOBIN: path.join(scratch, 'bin'), GOFLAGS: '-mod=mod' };
    for (const pkg of ['cmd/server', 'cmd/tools/sql']) {
      const r = spawnSync('go', ['install', `${MODULE}/${pkg}@v${SERVER_VERSION}`], {
        cwd: os.tmpdir(),
        env,
        stdio: ['ignore', 'ignore', 'pipe'],
        encoding: 'utf8',
      });
      if (r.status !== 0)
        throw new FullServerError(
          `go install ${MODULE}/${pkg}@v${SERVER_VERSION} failed:\n${r.stderr.trim().split('\n').slice(-20).join('\n')}`,
        );
    }
    const info = spawnSync('go', ['mod', 'download', '-json', `${MODULE}@v${SERVER_VERSION}`], {
      cwd: os.tmpdir(),
      env,
      encoding: 'utf8',
    });
    if (info.status !== 0)
      throw new FullServerError(`go mod download ${MODULE}@v${SERVER_VERSION} failed:\n${info.stderr}`);
    const moduleDir = JSON.parse(info.stdout).Dir;
    for (const schema of ['temporal', 'visibility'])
      fs.cpSync(
        path.join(moduleDir, 'schema', 'postgresql', 'v12', schema),
        path.join(scratch, 'schema', schema),
        {
          recursive: true,
        },
      );
    // The module cache is read-only; the copies need not be.
    spawnSync('chmod', ['-R', 'u+w', path.join(scratch, 'schema')]);
    fs.rmSync(HOME, { recursive: true, force: true });
    fs.renameSync(scratch, HOME);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  say(
    `built the Temporal server into ${path.relative(ROOT, HOME)} in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );
}

function database() {
  const raw = process.env.DATABASE_URL;
  if (!raw)
    throw new FullServerError('set DATABASE_URL: the full server keeps its state on that PostgreSQL server');
  const url = new URL(raw);
  if (!/^postgres(ql)?:$/.test(url.protocol))
    throw new FullServerError(`DATABASE_URL is not a PostgreSQL URL (${url.protocol})`);
  return {
    host: url.hostname || '127.0.0.1',
    port: url.port || '5432',
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  };
}

function sqlTool(db, name, args) {
  const r = spawnSync(
    SQL_TOOL,
    ['--plugin', 'postgres12', '--ep', db.host, '-p', db.port, '-u', db.user, '--db', name, ...args],
    // The password through the environment, not the command line other users' `ps` shows.
    { env: { ...process.env, SQL_PASSWORD: db.password }, encoding: 'utf8' },
  );
  return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() };
}

// Creates both databases with their schema, or brings an existing one's schema up to date (the sql
// tool's update-schema applies only the versions a database lacks). --fresh drops them first.
function setupDatabases(db, names, fresh) {
  for (const [name, schema] of [
    [names.database, 'temporal'],
    [names.visibility, 'visibility'],
  ]) {
    if (fresh) sqlTool(db, name, ['drop-database', '--force']);
    const created = sqlTool(db, name, ['create-database']);
    if (created.ok) {
      const setup = sqlTool(db, name, ['setup-schema', '-v', '0.0']);
      if (!setup.ok) throw new FullServerError(`setup-schema of ${name} failed:\n${setup.output}`);
    } else if (!/already exists/.test(created.output)) {
      throw new FullServerError(`create-database ${name} failed:\n${created.output}`);
    }
    const update = sqlTool(db, name, ['update-schema', '-d', path.join(SCHEMA, schema, 'versioned')]);
    if (!update.ok) throw new FullServerError(`update-schema of ${name} failed:\n${update.output}`);
  }
}

function temporalCli() {
  try {
    const tools = JSON.parse(fs.readFileSync(path.join(ROOT, '.tools', 'tools.json'), 'utf8'));
    if (tools.temporalCli) return tools.temporalCli;
  } catch {
    // no tools.json yet: the CLI on PATH, if any
  }
  return 'temporal';
}

function cli(args) {
  const r = spawnSync(temporalCli(), args, { encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() };
}

// Retries `attempt` (answers null when done, else what it last said) until it is done or the time is up.
async function until(what, timeoutMs, attempt) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const said = attempt();
    if (said === null) return;
    if (Date.now() > deadline) throw new FullServerError(`${what} in ${timeoutMs / 1000} s:\n${said}`);
    await sleep(500);
  }
}

// The namespace and the search attributes, which the full server has neither of until told.
async function prepareNamespace(address, namespace) {
  await until('the server did not answer', 120_000, () => {
    const r = cli(['operator', 'cluster', 'health', '--address', address]);
    return r.ok && /SERVING/.test(r.output) ? null : r.output;
  });
  if (!cli(['operator', 'namespace', 'describe', '--address', address, '--namespace', namespace]).ok) {
    const r = cli([
      'operator',
      'namespace',
      'create',
      '--address',
      address,
      '--namespace',
      namespace,
      '--retention',
      '72h',
    ]);
    if (!r.ok && !/already/i.test(r.output))
      throw new FullServerError(`namespace create ${namespace} failed:\n${r.output}`);
  }
  // A new namespace reaches every service's namespace cache within about ten seconds; until then
  // registering answers that it does not exist.
  await until(`the search attributes could not be registered on ${namespace}`, 60_000, () => {
    const listed = cli([
      'operator',
      'search-attribute',
      'list',
      '--address',
      address,
      '--namespace',
      namespace,
    ]);
    const missing = SEARCH_ATTRIBUTES.filter(([name]) => !listed.output.includes(name));
    if (listed.ok && !missing.length) return null;
    if (!listed.ok) return listed.output;
    const args = missing.flatMap(([name, type]) => ['--name', name, '--type', type]);
    const r = cli([
      'operator',
      'search-attribute',
      'create',
      '--address',
      address,
      '--namespace',
      namespace,
      ...args,
    ]);
    return r.output || 'registered; checking';
  });
  // Visibility answers too: listing is what the API's measure queries use.
  await until(`workflow list on ${namespace} did not answer`, 60_000, () => {
    const r = cli(['workflow', 'list', '--address', address, '--namespace', namespace, '--limit', '1']);
    return r.ok ? null : r.output;
  });
}

// Starts the server with the project's config; answers the child and how to wait for its end.
function startServer(db, names, port, logFile) {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.openSync(logFile, 'a');
  const child = spawn(
    SERVER,
    ['--root', '.', '--config', 'config', '--env', CONFIG_ENV, '--allow-no-auth', 'start'],
    {
      cwd: SERVER_ROOT,
      env: {
        ...process.env,
        TEMPORAL_PORT_BASE: String(port),
        TEMPORAL_DB_HOST: db.host,
        TEMPORAL_DB_PORT: db.port,
        TEMPORAL_DB_USER: db.user,
        TEMPORAL_DB_PASSWORD: db.password,
        TEMPORAL_DB: names.database,
        TEMPORAL_VISIBILITY_DB: names.visibility,
      },
      stdio: ['ignore', log, log],
    },
  );
  fs.closeSync(log);
  const exited = new Promise((r) => child.once('exit', (code, signal) => r({ code, signal })));
  return { child, exited };
}

function option(argv, flag, fallback) {
  const i = argv.indexOf(flag);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
}

async function main(argv) {
  const command = argv[0];
  if (command === 'build') return build();
  if (command !== 'start')
    throw new FullServerError('usage: temporal-full-server.mjs build | start [--port N] [--fresh] …');
  const port = Number(option(argv, '--port', '7233'));
  // The membership ports go up to --port + 13, which Temporal's PostgreSQL schema stores as a
  // smallint (cluster_membership.rpc_port): the server would stop at start above 32,767.
  if (!Number.isInteger(port) || port < 1 || port > 32_767 - 13)
    throw new FullServerError(`--port takes a port number up to ${32_767 - 13} (got ${port})`);
  const namespace = option(argv, '--namespace', 'default');
  const names = {
    database: option(argv, '--database', 'temporal'),
    visibility: option(argv, '--visibility-database', 'temporal_visibility'),
  };
  const logFile = path.resolve(
    option(argv, '--log', path.join(ROOT, '.data', 'temporal-full', 'server.log')),
  );
  const db = database();
  build();
  setupDatabases(db, names, argv.includes('--fresh'));
  const address = `127.0.0.1:${port}`;
  const server = startServer(db, names, port, logFile);
  let stopping = false;
  const stop = () => {
    stopping = true;
    server.child.kill('SIGTERM');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const died = server.exited.then(({ code, signal }) => {
    if (!stopping)
      throw new FullServerError(`the Temporal server stopped (${signal ?? `exit ${code}`}); see ${logFile}`);
  });
  try {
    await Promise.race([prepareNamespace(address, namespace), died]);
  } catch (e) {
    stop();
    await server.exited;
    throw e;
  }
  process.stdout.write(
    `Temporal server ${SERVER_VERSION} ready at ${address} (namespace ${namespace}; log ${logFile})\n`,
  );
  await died;
}

main(process.argv.slice(2)).catch((e) => {
  say(e instanceof FullServerError ? e.message : (e?.stack ?? String(e)));
  process.exitCode = 1;
});
