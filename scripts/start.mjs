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
// The demo replays the 2019 timetable as if the inspection feedback came this many days ago.
const DEMO_FEEDBACK_DAYS_AGO = 180;

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
  const code = await new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
    child.on('error', () => resolve(1));
    child.on('exit', (c) => resolve(c ?? 1));
  });
  if (code !== 0) {
    say(`${label} failed (exit ${code}); stopping everything`);
    await stop(code);
  }
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

  // The demo import goes through the API like any client: with a short-lived office token written
  // straight into the database by the CLI, and revoked as soon as the import is done.
  const token = await capture('API token for the demo import', process.execPath, [
    'dist/apps/cli/src/main.js',
    'create-api-token',
    '--role',
    'office',
    '--name',
    'npm start: demo import',
    '--days',
    '1',
  ]);
  const auth = { authorization: `Bearer ${token}` };
  const plans = await (await fetch(`${api}/plans`, { headers: auth })).json();
  if (plans.items.length === 0) {
    const feedbackOn = new Date(Date.now() - DEMO_FEEDBACK_DAYS_AGO * 86_400_000).toISOString().slice(0, 10);
    say(
      `empty database: loading the demo plan (Gansu 2019, timetable moved so feedback was on ${feedbackOn})`,
    );
    await demoContacts(api, auth);
    await demoBodies(api, auth);
    await step(
      'demo import',
      process.execPath,
      [
        'dist/apps/cli/src/main.js',
        'import',
        'plans/demo/gansu-2019.plan.json',
        '--api',
        api,
        '--feedback-on',
        feedbackOn,
      ],
      { env: { ...process.env, ...env, RECTIFY_API_TOKEN: token } },
    );
    await demoSpotRound(api, auth);
    await demoLeads(api, auth, feedbackOn);
    await demoPublish(api, auth);
  }
  const me = await (await fetch(`${api}/auth/me`, { headers: auth })).json();
  await fetch(`${api}/auth/api-tokens/${me.principal.id}`, { method: 'DELETE', headers: auth });
  const { setupRequired } = await (await fetch(`${api}/auth/setup`)).json();
  const setupToken = setupRequired ? readSetupToken() : null;

  const ui = external
    ? (process.env.TEMPORAL_UI_URL ?? '(your cluster’s UI)')
    : `http://127.0.0.1:${UI_PORT}`;
  console.log(
    [
      '',
      'Rectify is running:',
      `  API          ${api}`,
      `  OpenAPI docs ${api}/docs`,
      `  Health       ${api}/health`,
      `  Temporal UI  ${ui}`,
      `  Mail         ${mailTo}`,
      '',
      ...(setupRequired
        ? [
            'No account exists yet. Create the first admin with the one-time setup token' +
              (setupToken ? ':' : ` in ${SETUP_TOKEN_FILE}:`),
            `  curl -X POST ${api}/auth/setup -H 'content-type: application/json' \\`,
            `    -d '{"setupToken":"${setupToken ?? '<setup token>'}","email":"you@example.org","password":"<12+ characters>","displayName":"<your name>"}'`,
            'or restart with RECTIFY_ADMIN_EMAIL and RECTIFY_ADMIN_PASSWORD set.',
          ]
        : [
            `Sign in: POST ${api}/auth/login {"email", "password"}, then send "Authorization: Bearer <accessToken>".`,
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

// Who the demo's reminders reach: a contact per unit and a person per leader post, each with a
// mailbox at the reserved example.org domain, so the first reminders land in the mail catcher.
async function demoContacts(api, auth) {
  const plan = JSON.parse(fs.readFileSync(path.join(ROOT, 'plans/demo/gansu-2019.plan.json'), 'utf8'));
  const leaders = new Set(
    plan.categories.flatMap((c) =>
      c.aspects.flatMap((a) => a.problems.flatMap((p) => p.measures.map((m) => m.leadLeader))),
    ),
  );
  const people = [
    ...plan.units.map((u) => ({
      name: `${u.name}联络员`,
      unitCodes: [u.code],
      duties: ['unit_contact'],
      channels: [{ kind: 'email', address: `${u.code.toLowerCase()}@demo.example.org` }],
    })),
    ...[...leaders].map((name, i) => ({
      name,
      channels: [{ kind: 'email', address: `leader-${i + 1}@demo.example.org` }],
    })),
    {
      name: '整改办',
      duties: ['office', 'verifier'],
      channels: [{ kind: 'email', address: 'office@demo.example.org' }],
    },
    {
      name: '省纪委监委案件监督管理室',
      duties: ['discipline'],
      channels: [{ kind: 'email', address: 'discipline@demo.example.org' }],
    },
  ];
  for (const person of people) {
    const r = await fetch(`${api}/persons`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify(person),
    });
    if (r.status !== 201) throw new Error(`demo contact ${person.name}: ${r.status} ${await r.text()}`);
  }
  say(`demo contacts: ${people.length} persons, mail to *@demo.example.org`);
}

// One spot-inspection round (暗访督查) of the past week, its places drawn by a sampling rule, with
// three findings: one issues a task notice (整改任务通知书, due in five days), one a supervision
// letter (督办函, due in 48 hours); each is a measure of the round's own plan with its own ladder.
async function demoSpotRound(api, auth) {
  const day = (msAgo) =>
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(new Date(Date.now() - msAgo));
  const endsOn = day(86_400_000);
  // Within one month, as the rule's period asks.
  const weekAgo = day(7 * 86_400_000);
  const startsOn = weekAgo.slice(0, 7) === endsOn.slice(0, 7) ? weekAgo : `${endsOn.slice(0, 7)}-01`;
  const code = `AF-${endsOn.slice(0, 4)}-1`;
  const county = (code, name, parent) => ({ code, name, level: 'county', parent });
  const post = async (url, body) => {
    const r = await fetch(`${api}${url}`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (r.status !== 201) throw new Error(`demo spot round: POST ${url}: ${r.status} ${await r.text()}`);
    return r.json();
  };
  const round = await post('/spot-rounds', {
    code,
    title: '脱贫攻坚暗访督查（第一轮）',
    organiser: '省脱贫攻坚领导小组办公室',
    inspectedOrganisation: '甘南州、临夏州、定西市有关县',
    startsOn,
    endsOn,
    units: [
      { code: 'GS-GANNAN', name: '甘南州', level: 'city' },
      { code: 'GS-LINXIA', name: '临夏州', level: 'city' },
      { code: 'GS-DINGXI', name: '定西市', level: 'city' },
      county('GS-LINTAN', '临潭县', 'GS-GANNAN'),
      county('GS-DIEBU', '迭部县', 'GS-GANNAN'),
      county('GS-ZHUOXI', '卓尼县', 'GS-GANNAN'),
      county('GS-DONGXIANG', '东乡县', 'GS-LINXIA'),
      county('GS-JISHISHAN', '积石山县', 'GS-LINXIA'),
      county('GS-MINXIAN', '岷县', 'GS-DINGXI'),
      county('GS-TONGWEI', '通渭县', 'GS-DINGXI'),
    ],
    candidateLevels: ['county'],
    groups: [
      { code: 'G1', name: '第一暗访组' },
      { code: 'G2', name: '第二暗访组' },
    ],
    samplingRule: { placesPerGroup: 2, householdsPerPlace: { 建档立卡户: 3, 边缘户: 2 }, period: 'month' },
    seed: `${code} 抽签`,
  });
  const [g1, g2] = round.groups;
  const find = (group, place, description, link) =>
    post(`/spot-rounds/${code}/findings`, {
      group,
      place,
      description,
      foundOn: endsOn,
      ...(link && { link }),
    });
  const water = await find('G1', g1.places[0], '有的农户饮用水窖水，水质未经检测', {
    planCode: 'GS-2019',
    problemCode: 'P12',
  });
  const exit = await find('G2', g2.places[0], '个别已退出贫困户收入不稳定，返贫风险大', {
    planCode: 'GS-2019',
    problemCode: 'P08',
  });
  await find('G1', g1.places[1], '村级档案资料与实际不符');
  await post(`/spot-rounds/${code}/findings/${water.id}/notice`, {
    kind: 'task_notice',
    number: `甘脱贫督〔${endsOn.slice(0, 4)}〕1号`,
    leadLeader: '县委书记',
    due: day(-5 * 86_400_000),
  });
  await post(`/spot-rounds/${code}/findings/${exit.id}/notice`, {
    kind: 'supervision_letter',
    number: `甘脱贫督函〔${endsOn.slice(0, 4)}〕1号`,
    leadLeader: '县长',
    due: new Date(Date.now() + 48 * 3_600_000).toISOString(),
  });
  say(
    `demo spot-inspection round ${code}: 3 findings, a task notice and a supervision letter (GET /spot-rounds/${code})`,
  );
}

// The demo plan's public bulletin (公开), as of today: anonymous readers see nothing of an
// unpublished plan.
async function demoPublish(api, auth) {
  const plan = JSON.parse(fs.readFileSync(path.join(ROOT, 'plans/demo/gansu-2019.plan.json'), 'utf8'));
  const asOf = new Intl.DateTimeFormat('en-CA', { timeZone: plan.plan.timeZone }).format(new Date());
  const r = await fetch(`${api}/plans/${encodeURIComponent(plan.plan.code)}/publication`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ asOf }),
  });
  if (r.status !== 200) throw new Error(`demo publication: ${r.status} ${await r.text()}`);
  say(`demo plan published as of ${asOf} (GET /plans/${plan.plan.code}/bulletin?edition=public)`);
}

// The discipline bodies the demo's 问责移送 reach, stored before the import so the cases the import
// opens at once (deadlines long past) go to the provincial commission; 组织处理 beside it.
async function demoBodies(api, auth) {
  const plan = JSON.parse(fs.readFileSync(path.join(ROOT, 'plans/demo/gansu-2019.plan.json'), 'utf8'));
  const jurisdiction = plan.units.filter((u) => !u.parent).map((u) => u.code);
  const bodies = {
    'GS-JW': { name: '甘肃省纪委监委', kind: 'discipline_commission', level: 'province', jurisdiction },
    'GS-ZZB': { name: '甘肃省委组织部', kind: 'organisation_department', level: 'province', jurisdiction },
  };
  for (const [code, body] of Object.entries(bodies)) {
    const r = await fetch(`${api}/discipline-bodies/${code}`, {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (r.status !== 200) throw new Error(`demo body ${code}: ${r.status} ${await r.text()}`);
  }
  say(`demo discipline bodies: ${Object.keys(bodies).join(', ')}`);
}

// The demo plan's problem leads (问题线索台账, plans/demo/p30-leads.json), registered through the API
// at the provincial discipline body after the import, their receipt dates moved with the timetable.
async function demoLeads(api, auth, feedbackOn) {
  const ledger = JSON.parse(fs.readFileSync(path.join(ROOT, 'plans/demo/p30-leads.json'), 'utf8'));
  const send = (method, url, body) =>
    fetch(`${api}${url}`, {
      method,
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  // The body itself is stored before the import, by demoBodies.
  const { code } = ledger.body;
  for (const lead of ledger.leads) {
    const receivedOn = new Date(Date.parse(feedbackOn) + lead.daysAfterFeedback * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const r = await send('POST', '/leads', {
      ref: lead.ref,
      planCode: ledger.planCode,
      problemCode: lead.problemCode,
      summary: lead.summary,
      items: lead.items,
      receivedOn,
      bodies: lead.bodies,
    });
    if (r.status !== 201) throw new Error(`demo lead ${lead.ref}: ${r.status} ${await r.text()}`);
  }
  const items = ledger.leads.reduce((n, l) => n + l.items, 0);
  say(`demo leads: ${ledger.leads.length} ledger lines (${items} items) at ${code}, GET /leads`);
}

// The token from the API's file, or null when this replica did not write it (the file is elsewhere).
function readSetupToken() {
  try {
    return fs.readFileSync(SETUP_TOKEN_FILE, 'utf8').trim() || null;
  } catch {
    return null;
  }
}
