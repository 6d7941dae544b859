#!/usr/bin/env node
// Sets up the external tools Rectify needs and caches them under <repo>/.tools/:
//   - the Temporal CLI (dev server), used by `npm start` and by createLocal() tests;
//   - the Java time-skipping test server, used by workflow tests.
// Writes .tools/tools.json, which libs/temporal/src/temporal-tools.ts reads.
//
// Runs before node_modules exists, so it uses Node built-ins only. Idempotent: when
// everything is cached it only stats a few files and prints one line.

import { spawn, spawnSync } from 'node:child_process';
import {
  accessSync,
  chmodSync,
  constants as fsConstants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './lib.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TOOLS = join(REPO, '.tools');
const BIN = join(TOOLS, 'bin');
const TOOLS_JSON = join(TOOLS, 'tools.json');
const TS_DIR = join(TOOLS, 'test-server');
const TS_LIB = join(TS_DIR, 'lib');
const TS_WRAPPER = join(TS_DIR, 'temporal-test-server');
const TS_JSA = join(TS_DIR, 'app.jsa');
const TS_POM = join(REPO, 'tools', 'test-server', 'pom.xml');

const CLI_VERSION = '1.5.1';
const CLI_MODULE = 'github.com/temporalio/cli';
// The dev server's SQLite driver. CLI 1.5.1 (server 1.29.1) ships modernc.org/sqlite v1.34.1, whose
// connection can stay interrupted after a cancelled query ("interrupted (9)" on every later call,
// modernc issue 241): under load the in-memory dev server then fails for good. The server moved to
// v1.44.3 for exactly this (temporalio/temporal#9198); the CLI is built with it.
const SQLITE_MODULE = 'modernc.org/sqlite';
const SQLITE_VERSION = '1.44.3';
// What `temporal --version` says of a CLI built here; another build (a plain 1.5.1) is rebuilt.
const CLI_BUILD = `${CLI_VERSION}+sqlite.${SQLITE_VERSION}`;
const IS_WINDOWS = process.platform === 'win32';
const EXE = IS_WINDOWS ? '.exe' : '';

// Maven prints stray colour resets even with -q -B
const ANSI_SGR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

const log = (msg) => process.stderr.write(`${msg}\n`);
const warn = (msg) => process.stderr.write(`warning: ${msg}\n`);

class SetupError extends Error {}

// ---------------------------------------------------------------- helpers

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function writeAtomic(file, content, mode) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, content, mode === undefined ? undefined : { mode });
  renameSync(tmp, file);
}

function isExecutable(file) {
  try {
    accessSync(file, fsConstants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Absolute path of `name` on PATH, without spawning anything. */
function onPath(name) {
  const exts = IS_WINDOWS ? (process.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = join(dir, name + ext);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return null;
}

/** Runs `<exe> --version` and returns the version it reports, or null if it does not run. */
function cliVersion(exe) {
  const res = spawnSync(exe, ['--version'], { encoding: 'utf8', timeout: 15_000 });
  if (res.status !== 0) return null;
  const match = /version\s+(\S+)/.exec(res.stdout ?? '');
  return match ? match[1] : 'unknown';
}

/** `java` to use: $JAVA_HOME/bin/java if present, else the one on PATH (real path, so the CDS archive matches). */
function findJava() {
  const fromHome = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', `java${EXE}`) : null;
  const java = fromHome && isExecutable(fromHome) ? fromHome : onPath('java');
  return java ? realpathSync(java) : null;
}

/** Cheap identity of a Java install: a CDS archive is only valid for the JVM build that wrote it. */
function javaFingerprint(java) {
  const st = statSync(java);
  return `${java}:${st.size}:${Math.trunc(st.mtimeMs)}`;
}

function pomVersion() {
  const pom = readFileSync(TS_POM, 'utf8');
  const match = /<temporal\.test-server\.version>([^<]+)</.exec(pom);
  if (!match) throw new SetupError(`${TS_POM} does not define <temporal.test-server.version>.`);
  return match[1].trim();
}

function canConnect(port) {
  return new Promise((res) => {
    const sock = connect({ host: '127.0.0.1', port });
    sock.once('connect', () => {
      sock.destroy();
      res(true);
    });
    sock.once('error', () => res(false));
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Spawns a server and resolves with the child and startup time once it accepts TCP connections. */
async function startAndWaitListening(cmd, args, port, timeoutMs) {
  const t0 = performance.now();
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  let exited = false;
  const exit = new Promise((r) => {
    child.once('exit', (code, signal) => ((exited = true), r({ code, signal })));
    child.once('error', (error) => ((exited = true), r({ error })));
  });
  while (!exited && performance.now() - t0 < timeoutMs) {
    if (await canConnect(port)) return { child, exit, startMs: performance.now() - t0, output: () => output };
    await sleep(50);
  }
  if (!exited) child.kill('SIGKILL');
  await exit;
  throw new Error(`did not listen on port ${port} within ${timeoutMs} ms\n${output.trim()}`);
}

// The timer is cleared once the child has exited: a pending one kept the setup's process alive
// for its whole length (a minute after preparing the test server) when it had nothing left to do.
async function stopChild(handle, signal, timeoutMs) {
  handle.child.kill(signal);
  let timer;
  const timeout = new Promise((r) => {
    timer = setTimeout(() => r(null), timeoutMs);
  });
  const res = await Promise.race([handle.exit, timeout]);
  clearTimeout(timer);
  if (res === null) {
    handle.child.kill('SIGKILL');
    await handle.exit;
    return false;
  }
  return true;
}

// ------------------------------------------------------------ Temporal CLI

function platformArch() {
  const platform = { linux: 'linux', darwin: 'darwin', win32: 'windows' }[process.platform];
  const arch = { x64: 'amd64', arm64: 'arm64' }[process.arch];
  return platform && arch ? { platform, arch } : null;
}

/**
 * Builds the pinned CLI into .tools/bin from a throwaway module that requires it beside the fixed
 * SQLite driver (minimal version selection takes the newer one), condensing the output into
 * progress lines.
 */
function goInstallCli(go) {
  log('building the Temporal CLI from the Go module proxy (first run only, takes several minutes)');
  mkdirSync(BIN, { recursive: true });
  const mod = join(TOOLS, 'cli-build');
  rmSync(mod, { recursive: true, force: true });
  mkdirSync(mod, { recursive: true });
  writeFileSync(
    join(mod, 'go.mod'),
    [
      'module rectify.local/temporal-cli-build',
      '',
      'go 1.24',
      '',
      `require ${CLI_MODULE} v${CLI_VERSION}`,
      `require ${SQLITE_MODULE} v${SQLITE_VERSION}`,
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(mod, 'tools.go'),
    `//go:build tools\n\npackage tools\n\nimport _ "${CLI_MODULE}/cmd/temporal"\n`,
  );
  const env = { ...process.env, CGO_ENABLED: '0' };
  const tidy = spawnSync(go, ['mod', 'tidy'], { cwd: mod, env, encoding: 'utf8' });
  if (tidy.status !== 0) {
    log(
      `  go mod tidy failed (exit ${tidy.status}):\n  ${`${tidy.stderr ?? ''}`.trim().split('\n').slice(-20).join('\n  ')}`,
    );
    return Promise.resolve(false);
  }
  const args = [
    'build',
    '-v',
    '-o',
    join(BIN, `temporal${EXE}`),
    `-ldflags=-s -w -X ${CLI_MODULE}/temporalcli.Version=${CLI_BUILD}`,
    `${CLI_MODULE}/cmd/temporal`,
  ];
  const child = spawn(go, args, { cwd: mod, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let downloads = 0;
  let packages = 0;
  const tail = [];
  const tty = process.stderr.isTTY;
  let lastReport = performance.now();
  const progress = () => `  ${downloads} modules downloaded, ${packages} packages compiled`;
  const onLine = (line) => {
    if (!line) return;
    tail.push(line);
    if (tail.length > 30) tail.shift();
    if (line.startsWith('go: downloading ')) downloads++;
    else if (/^[\w.~-]+(\/[\w.~+-]+)*$/.test(line)) packages++;
    else process.stderr.write(`${tty ? '\n' : ''}  ${line}\n`);
    const now = performance.now();
    if (tty && now - lastReport > 250) {
      process.stderr.write(`\r${progress()}`);
      lastReport = now;
    } else if (!tty && now - lastReport > 30_000) {
      log(`${progress()} …`);
      lastReport = now;
    }
  };
  const split = (stream) => {
    let buf = '';
    stream.setEncoding('utf8');
    stream.on('data', (d) => {
      buf += d;
      const lines = buf.split('\n');
      buf = lines.pop();
      lines.forEach((l) => onLine(l.trim()));
    });
    stream.on('end', () => onLine(buf.trim()));
  };
  split(child.stdout);
  split(child.stderr);
  return new Promise((res) => {
    child.once('error', () => res(false));
    child.once('close', (code) => {
      if (tty) process.stderr.write(`\r${progress()}\n`);
      if (code !== 0) log(`  go install failed (exit ${code}); last output:\n  ${tail.join('\n  ')}`);
      res(code === 0);
    });
  });
}

/** Downloads the official release archive (needs internet) and extracts the binary into .tools/bin. */
function downloadCli() {
  const pa = platformArch();
  if (!pa) return false;
  const url = `https://temporal.download/cli/archive/v${CLI_VERSION}?platform=${pa.platform}&arch=${pa.arch}`;
  log(`downloading the Temporal CLI from ${url}`);
  mkdirSync(BIN, { recursive: true });
  const tmp = mkdtempSync(join(TOOLS, 'cli-download-'));
  try {
    const archive = join(tmp, 'temporal-cli-archive');
    const curl = spawnSync(
      'curl',
      ['-fsSL', '--connect-timeout', '15', '--max-time', '600', '-o', archive, url],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    if (curl.status !== 0) return false;
    const tar = spawnSync('tar', ['-xf', archive, '-C', tmp], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (tar.status !== 0) return false;
    const extracted = join(tmp, `temporal${EXE}`);
    if (!existsSync(extracted)) return false;
    chmodSync(extracted, 0o755);
    renameSync(extracted, join(BIN, `temporal${EXE}`));
    return true;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Resolves the Temporal CLI: TEMPORAL_CLI_PATH → `temporal` on PATH → cached .tools/bin/temporal →
 * go install → official download. Returns { path, version } or { path: null, reason }.
 */
async function resolveCli({ optional }) {
  const fromEnv = process.env.TEMPORAL_CLI_PATH;
  if (fromEnv) {
    const path = resolve(fromEnv);
    const version = cliVersion(path);
    if (version) return { path, version };
    throw new SetupError(`TEMPORAL_CLI_PATH is set to ${fromEnv}, but running it with --version fails.`);
  }

  const fromPath = onPath('temporal');
  if (fromPath) {
    const version = cliVersion(fromPath);
    if (version && /^v?[1-9]\d*\./.test(version)) return { path: fromPath, version };
  }

  const cached = join(BIN, `temporal${EXE}`);
  if (isExecutable(cached) && cliVersion(cached) === CLI_BUILD) return { path: cached, version: CLI_BUILD };

  if (optional) {
    return {
      path: null,
      reason: 'no Temporal CLI on PATH or in .tools/bin (not built because TEMPORAL_ADDRESS is set)',
    };
  }

  const go = onPath('go');
  let goFailed = false;
  if (go) {
    if ((await goInstallCli(go)) && cliVersion(cached) === CLI_BUILD)
      return { path: cached, version: CLI_BUILD };
    goFailed = true;
  }
  if (downloadCli() && cliVersion(cached)) return { path: cached, version: cliVersion(cached) };

  const goPart = goFailed ? 'building it with Go failed' : 'no Go toolchain to build it';
  return {
    path: null,
    reason: `Rectify needs the Temporal CLI: none on PATH, ${goPart}, and the download failed — install Go or the Temporal CLI (or set TEMPORAL_CLI_PATH) and run npm run setup again.`,
  };
}

// ------------------------------------------------------------ test server

const shq = (s) => `'${s.replaceAll("'", `'\\''`)}'`;

function wrapperScript(java, withCds) {
  const flags = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xshare:auto'];
  if (withCds) flags.push(shq(`-XX:SharedArchiveFile=${TS_JSA}`));
  return [
    '#!/usr/bin/env bash',
    '# Generated by scripts/setup-tools.mjs: the Temporal time-skipping test server (Java).',
    '# Usage: temporal-test-server <port>. Must exec java so that killing this PID kills the server.',
    `exec ${shq(java)} ${flags.join(' ')} -cp ${shq(`${TS_LIB}/*`)} io.temporal.testserver.TestServer "$@"`,
    '',
  ].join('\n');
}

/** Starts the server once with -XX:ArchiveClassesAtExit so later starts load classes from a CDS archive. */
async function createCdsArchive(java) {
  const tmpJsa = `${TS_JSA}.${process.pid}.tmp`;
  rmSync(tmpJsa, { force: true });
  const port = await freePort();
  const args = [
    '-XX:TieredStopAtLevel=1',
    '-XX:+UseSerialGC',
    `-XX:ArchiveClassesAtExit=${tmpJsa}`,
    '-cp',
    `${TS_LIB}/*`,
    'io.temporal.testserver.TestServer',
    String(port),
  ];
  try {
    const handle = await startAndWaitListening(java, args, port, 60_000);
    await sleep(300);
    const stopped = await stopChild(handle, 'SIGTERM', 60_000);
    if (!stopped || !existsSync(tmpJsa)) return false;
    renameSync(tmpJsa, TS_JSA);
    return true;
  } catch {
    return false;
  } finally {
    rmSync(tmpJsa, { force: true });
  }
}

/**
 * Starts the wrapper the way the Temporal SDK does (then SIGKILL), proving it listens and that the
 * kill reaches the JVM (i.e. the wrapper really exec's java).
 */
async function verifyWrapper() {
  const port = await freePort();
  const handle = await startAndWaitListening(TS_WRAPPER, [String(port)], port, 30_000);
  await stopChild(handle, 'SIGKILL', 10_000);
  await sleep(100);
  if (await canConnect(port)) throw new Error('the server kept running after its wrapper was killed');
  return handle.startMs;
}

/** Returns { path, reason } for the test server wrapper; path is null when Java or Maven is missing. */
async function setupTestServer(version, cachedJson) {
  const java = findJava();
  const mvn = onPath('mvn');
  if (!java || !mvn) {
    const missing = [!java && 'Java (JDK 17+)', !mvn && 'Maven'].filter(Boolean);
    return {
      path: null,
      reason: `no ${missing.join(' or ')} found, so the time-skipping test server is not set up and workflow tests cannot run — install ${missing.join(' and ')} and run npm run setup again`,
    };
  }
  const fingerprint = javaFingerprint(java);
  const jar = join(TS_LIB, `temporal-test-server-${version}.jar`);

  const downloaded = !existsSync(jar);
  if (downloaded) {
    log(`fetching the Temporal test server ${version} from Maven Central (first run only)`);
    rmSync(TS_LIB, { recursive: true, force: true });
    mkdirSync(TS_LIB, { recursive: true });
    const res = spawnSync(
      mvn,
      [
        '-q',
        '-B',
        '-f',
        TS_POM,
        'dependency:copy-dependencies',
        `-DoutputDirectory=${TS_LIB}`,
        '-DincludeScope=runtime',
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], cwd: REPO, maxBuffer: 64 * 1024 * 1024 },
    );
    // -q leaves only errors (and stray ANSI resets from Maven's console library)
    const out = `${res.stdout ?? ''}${res.stderr ?? ''}`.replace(ANSI_SGR, '').trim();
    if (out) log(out);
    if (res.status !== 0 || !existsSync(jar)) {
      rmSync(TS_LIB, { recursive: true, force: true });
      throw new SetupError(
        `Maven could not fetch io.temporal:temporal-test-server:${version} (see the output above); check access to Maven Central and run npm run setup again.`,
      );
    }
  }

  // Fresh when nothing changed since the wrapper was written (a failed CDS attempt is not retried).
  let current = null;
  try {
    current = readFileSync(TS_WRAPPER, 'utf8');
  } catch {
    /* not written yet */
  }
  const fresh =
    !downloaded &&
    cachedJson?.testServer === TS_WRAPPER &&
    cachedJson?.testServerVersion === version &&
    cachedJson?.javaFingerprint === fingerprint &&
    isExecutable(TS_WRAPPER) &&
    (current === wrapperScript(java, true) ? existsSync(TS_JSA) : current === wrapperScript(java, false));
  if (fresh) return { path: TS_WRAPPER, reason: null };

  log('preparing the test server (class-data sharing archive for fast starts)');
  rmSync(TS_JSA, { force: true });
  const withCds = await createCdsArchive(java);
  if (!withCds) warn('could not create the CDS archive; the test server will start without it (slower)');
  writeAtomic(TS_WRAPPER, wrapperScript(java, withCds), 0o755);
  try {
    const ms = await verifyWrapper();
    log(`  test server starts in ${Math.round(ms)} ms${withCds ? ' (with CDS)' : ''}`);
  } catch (err) {
    if (!withCds)
      throw new SetupError(`The test server wrapper ${TS_WRAPPER} does not start: ${err.message}`);
    warn('the test server does not start with its CDS archive; falling back to a plain start');
    rmSync(TS_JSA, { force: true });
    writeAtomic(TS_WRAPPER, wrapperScript(java, false), 0o755);
    await verifyWrapper().catch((e) => {
      throw new SetupError(`The test server wrapper ${TS_WRAPPER} does not start: ${e.message}`);
    });
  }
  return { path: TS_WRAPPER, reason: null, javaFingerprint: fingerprint };
}

// ------------------------------------------------------------------ main

async function main() {
  mkdirSync(TOOLS, { recursive: true });
  const cached = readJson(TOOLS_JSON);
  const tsVersion = pomVersion();
  const address = process.env.TEMPORAL_ADDRESS;

  // Temporal CLI: reuse the cached answer unless TEMPORAL_CLI_PATH changed or the file vanished.
  let cli;
  const envCli = process.env.TEMPORAL_CLI_PATH ? resolve(process.env.TEMPORAL_CLI_PATH) : null;
  const cachedCliOk =
    cached?.temporalCli &&
    isExecutable(cached.temporalCli) &&
    (envCli ? envCli === cached.temporalCli : true) &&
    // a CLI we built ourselves must match the pinned version (bumping CLI_VERSION rebuilds it)
    (cached.temporalCli !== join(BIN, `temporal${EXE}`) || cached.temporalCliVersion === CLI_BUILD);
  if (cachedCliOk) {
    cli = { path: cached.temporalCli, version: cached.temporalCliVersion };
  } else {
    cli = await resolveCli({ optional: Boolean(address) });
  }
  if (address)
    log(`note: TEMPORAL_ADDRESS=${address} is set, so the app uses that cluster instead of a dev server.`);

  // `--cli`: only the Temporal CLI (`npm run bench` starts no test server); what is known of the
  // test server is kept as it was.
  const cliOnly = process.argv.includes('--cli');
  const ts = cliOnly
    ? {
        path: cached?.testServer ?? null,
        reason: 'the test server was not set up (setup-tools --cli); run npm run setup',
        javaFingerprint: cached?.javaFingerprint ?? null,
      }
    : await setupTestServer(tsVersion, cached);

  const missing = [];
  if (!cli.path) missing.push(cli.reason);
  if (!ts.path) missing.push(ts.reason);
  const json = {
    temporalCli: cli.path,
    testServer: ts.path,
    temporalCliVersion: cli.path ? cli.version : null,
    testServerVersion: cliOnly ? (cached?.testServerVersion ?? null) : tsVersion,
    javaFingerprint: ts.path ? (ts.javaFingerprint ?? cached?.javaFingerprint ?? null) : null,
    missing,
  };
  const text = `${JSON.stringify(json, null, 2)}\n`;
  if (!existsSync(TOOLS_JSON) || readFileSync(TOOLS_JSON, 'utf8') !== text) writeAtomic(TOOLS_JSON, text);

  if (!ts.path && !cliOnly) warn(ts.reason);
  if (!cli.path && !address) throw new SetupError(cli.reason);
  if (!cli.path) log(`note: ${cli.reason}.`);

  const cliPart = cli.path ? `temporal ${cli.version}` : 'temporal CLI not installed';
  const tsPart = cliOnly
    ? 'test server not checked (--cli)'
    : ts.path
      ? `test server ${tsVersion}`
      : 'test server MISSING';
  process.stdout.write(`tools ready: ${cliPart}, ${tsPart}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof SetupError ? err.message : (err?.stack ?? String(err))}\n`);
  process.exit(1);
});
