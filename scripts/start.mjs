// `npm start`: set up, build, start the Temporal dev server (persistent file under .data/), run
// migrations, start the worker and the API, load the demo plan into an empty database, print the
// URLs. Ctrl-C stops everything it started; the next `npm start` resumes with the same data.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ensureDependencies, ensureTools, ROOT, runOrExit, say, spawn } from './lib.mjs';

const DATA = path.join(ROOT, '.data');
const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = Number(process.env.PORT ?? 3000);
const external = Boolean(process.env.TEMPORAL_ADDRESS);
const TEMPORAL_ADDRESS = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
const UI_PORT = Number(process.env.TEMPORAL_UI_PORT ?? 8233);

const children = [];
let stopping = false;
// Where the API writes the one-time setup token when no account exists yet (docs/security.md);
// the API runs in ROOT, so a relative path means the same file here.
const SETUP_TOKEN_FILE = path.resolve(ROOT, process.env.RECTIFY_SETUP_TOKEN_FILE ?? '.data/setup-token');

function start(name, command, args, env = {}) {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = (stream, out) =>
    stream.on('data', (chunk) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim()) continue;
        out.write(`[${name}] ${line}\n`);
      }
    });
  prefix(child.stdout, process.stdout);
  prefix(child.stderr, process.stderr);
  child.on('exit', (code, signal) => {
    if (!stopping) {
      say(`${name} stopped unexpectedly (${signal ?? `exit ${code}`}); stopping everything`);
      stop(1);
    }
  });
  children.push({ name, child });
  return child;
}

async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  // Reverse order: API and worker before the server they talk to.
  for (const { child } of [...children].reverse()) {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => {
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          resolve();
        }, 15_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
  process.exit(code);
}

// A failing step after servers started must stop them too, not leave them orphaned.
// Asynchronous, so the servers' piped output keeps flowing while the step runs.
async function step(label, command, args, options = {}) {
  const code = await exitCode(command, args, options);
  if (code !== 0) {
    say(`${label} failed (exit ${code}); stopping everything`);
    await stop(code);
  }
}

function exitCode(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
    child.on('error', () => resolve(1));
    child.on('exit', (c) => resolve(c ?? 1));
  });
}

// Runs a step and returns what it printed on stdout (trimmed); stderr passes through.
async function capture(label, command, args) {
  let out = '';
  const code = await new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (chunk) => (out += chunk.toString()));
    child.on('error', () => resolve(1));
    child.on('exit', (c) => resolve(c ?? 1));
  });
  if (code !== 0) {
    say(`${label} failed (exit ${code}); stopping everything`);
    await stop(code);
  }
  return out.trim();
}

function portOpen(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

// `explain`: what to say about the last failed check (e.g. which readiness check is down).
async function waitFor(label, check, timeoutMs = 120_000, explain = async () => null) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (stopping) return;
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  const why = await explain().catch(() => null);
  say(`${label} did not come up within ${timeoutMs / 1000} s${why ? `: ${why}` : ''}`);
  await stop(1);
}

async function main() {
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));

  ensureDependencies();
  ensureTools();
  say('building');
  runOrExit('build', 'npm', ['run', '--silent', 'build']);
  fs.mkdirSync(DATA, { recursive: true });

  // Mail goes to a local catcher unless RECTIFY_SMTP_URL names a real server. Imported only now:
  // the catcher needs smtp-server, which ensureDependencies has just installed.
  const mailCatcher = process.env.RECTIFY_SMTP_URL
    ? null
    : await (await import('./mail-catcher.mjs')).startMailCatcher(path.join(DATA, 'mail'));
  const mailTo = mailCatcher ? `${mailCatcher} → .data/mail/` : 'the server in RECTIFY_SMTP_URL';
  if (mailCatcher) say(`mail: ${mailTo}`);

  const [tHost, tPort] = TEMPORAL_ADDRESS.split(':');
  if (!external) {
    if (await portOpen(tHost, Number(tPort))) {
      say(
        `port ${tPort} is taken by another process: stop it, or set TEMPORAL_ADDRESS to use it as the Temporal server`,
      );
      process.exit(1);
    }
    const tools = JSON.parse(fs.readFileSync(path.join(ROOT, '.tools', 'tools.json'), 'utf8'));
    if (!tools.temporalCli) {
      say(
        'no Temporal CLI could be set up (see npm run setup); set TEMPORAL_ADDRESS to use a running server',
      );
      process.exit(1);
    }
    const { devServerArgs } = await import(path.join(ROOT, 'dist/libs/temporal/src/temporal-tools.js'));
    // The Rectify* search attributes measures upsert, so the Web UI and `temporal workflow list` can filter.
    const searchAttributes = [
      'RectifyPlan=Keyword',
      'RectifyUnit=Keyword',
      'RectifyStatus=Keyword',
      'RectifyTrack=Keyword',
      'RectifyOverdueLevel=Int',
      'RectifyDueAt=Datetime',
      'RectifyLight=Keyword',
    ].flatMap((a) => ['--search-attribute', a]);
    start('temporal', tools.temporalCli, [
      ...devServerArgs({ port: Number(tPort), uiPort: UI_PORT, dbFile: path.join(DATA, 'temporal.sqlite') }),
      ...searchAttributes,
    ]);
    await waitFor('Temporal dev server', () => portOpen(tHost, Number(tPort)));
  }

  const env = {
    TEMPORAL_ADDRESS,
    HOST,
    PORT: String(PORT),
    RECTIFY_WORKFLOW_BUNDLE: 'dist/workflow-bundle.js',
    // As the images set it (deploy/*.Dockerfile): two malloc arenas keep less freed native memory.
    MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2',
  };
  await checkNamespace({ ...process.env, ...env });
  await step('migrations', process.execPath, ['dist/apps/cli/src/main.js', 'migrate'], {
    env: { ...process.env, ...env },
  });
  start('worker', process.execPath, ['dist/apps/worker/src/main.js'], {
    ...env,
    ...(mailCatcher && {
      RECTIFY_SMTP_URL: mailCatcher,
      RECTIFY_MAIL_FROM: process.env.RECTIFY_MAIL_FROM ?? 'Rectify <rectify@localhost>',
    }),
  });
  start('api', process.execPath, ['dist/apps/api/src/main.js'], env);

  const api = `http://${HOST}:${PORT}`;
  await waitFor(
    'API',
    async () => {
      try {
        return (await fetch(`${api}/health`)).ok;
      } catch {
        return false;
      }
    },
    120_000,
    async () => `not ready: ${JSON.stringify((await (await fetch(`${api}/health/ready`)).json()).error)}`,
  );

  // The demo import goes through the API like any client: with a one-day office token written
  // straight into the database by the CLI, and revoked once the demo is loaded or has failed.
  const { loadDemoIfEmpty } = await import(path.join(ROOT, 'dist/scripts/demo-import.js'));
  await loadDemoIfEmpty({
    api,
    root: ROOT,
    say,
    mintToken: () =>
      capture('API token for the demo import', process.execPath, [
        'dist/apps/cli/src/main.js',
        'create-api-token',
        '--role',
        'office',
        '--name',
        'npm start: demo import',
        '--days',
        '1',
      ]),
    mintUnitToken: (units) =>
      capture('API token for the demo history', process.execPath, [
        'dist/apps/cli/src/main.js',
        'create-api-token',
        '--role',
        'unit',
        '--units',
        units.join(','),
        '--name',
        'npm start: demo history',
        '--days',
        '1',
      ]),
    importPlan: async (file, token, feedbackOn) => {
      const code = await exitCode(
        process.execPath,
        ['dist/apps/cli/src/main.js', 'import', file, '--api', api, '--feedback-on', feedbackOn],
        { env: { ...process.env, ...env, RECTIFY_API_TOKEN: token } },
      );
      if (code !== 0) throw new Error(`demo import failed (exit ${code}); stopping everything`);
    },
  });
  const { setupRequired } = await (await fetch(`${api}/auth/setup`)).json();
  const setupToken = setupRequired ? readSetupToken() : null;

  const ui = external
    ? (process.env.TEMPORAL_UI_URL ?? '(your cluster’s UI)')
    : `http://127.0.0.1:${UI_PORT}`;
  console.log(
    [
      '',
      'Rectify is running:',
      `  Web app      ${api}/`,
      `  API          ${api}`,
      `  OpenAPI docs ${api}/docs`,
      `  Health       ${api}/health`,
      `  Temporal UI  ${ui}`,
      `  Mail         ${mailTo}`,
      '',
      ...(setupRequired
        ? [
            `No account exists yet. Open ${api}/ and create the first admin with the one-time setup token` +
              (setupToken ? `\n  ${setupToken}\nor with curl:` : ` in ${SETUP_TOKEN_FILE}, or with curl:`),
            `  curl -X POST ${api}/auth/setup -H 'content-type: application/json' \\`,
            `    -d '{"setupToken":"${setupToken ?? '<setup token>'}","email":"you@example.org","password":"<12+ characters>","displayName":"<your name>"}'`,
            'or restart with RECTIFY_ADMIN_EMAIL and RECTIFY_ADMIN_PASSWORD set.',
          ]
        : [
            `Sign in at ${api}/, or POST ${api}/auth/login {"email", "password"} and send "Authorization: Bearer <accessToken>".`,
          ]),
      '',
      'Ctrl-C stops everything; data stays in .data/ for the next npm start.',
      '',
    ].join('\n'),
  );
}

main().catch((e) => {
  say(e instanceof Error ? e.message : String(e));
  stop(1);
});

// The namespace must exist and have the Rectify* search attributes, or every measure's workflow
// task fails while the API looks healthy: registered here where allowed, else stop with the commands.
async function checkNamespace(env) {
  const dist = (file) => import(path.join(ROOT, 'dist', file));
  const { parseConfig } = await dist('libs/config/src/rectify-config.js');
  const { temporalConnectionOptions } = await dist('libs/temporal/src/temporal-connection-options.js');
  const { ensureSearchAttributesAt } = await dist('libs/temporal/src/ensure-search-attributes.js');
  try {
    const t = parseConfig(env).temporal;
    const { registered } = await ensureSearchAttributesAt(temporalConnectionOptions(t), t);
    if (registered.length) say(`registered search attributes on ${t.namespace}: ${registered.join(', ')}`);
  } catch (e) {
    say(e instanceof Error ? e.message : String(e));
    await stop(1);
  }
}

// The token from the API's file, or null when this replica did not write it (the file is elsewhere).
function readSetupToken() {
  try {
    return fs.readFileSync(SETUP_TOKEN_FILE, 'utf8').trim() || null;
  } catch {
    return null;
  }
}
