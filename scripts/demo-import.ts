// The demo that `npm start` loads into an empty database (plans/demo): contacts, discipline
// bodies, the Gansu 2019 plan with its timetable moved, a spot-inspection round, problem leads and
// the public bulletin, and the history the seed reports as done by its reporting date (补录). Everything goes through the API like any client, with a one-day office token
// minted for the purpose and revoked whatever happens: a failed import must not leave a valid
// office credential behind. Built to dist/ and loaded by scripts/start.mjs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { daysBetween } from '../libs/domain/src/plan-rebase';
import { applyDemoHistory, demoReporterUnits } from './demo-history';

const DEMO_PLAN_FILE = 'plans/demo/gansu-2019.plan.json';
const LEADS_FILE = 'plans/demo/p30-leads.json';
// The demo replays the 2019 timetable as if the inspection feedback came this many days ago.
const DEMO_FEEDBACK_DAYS_AGO = 180;

export interface DemoOptions {
  // The API's base URL, e.g. http://127.0.0.1:3000.
  readonly api: string;
  // The repository, where plans/demo is.
  readonly root: string;
  // A fresh office API token, valid one day.
  readonly mintToken: () => Promise<string>;
  // A fresh unit API token for these units, valid one day: the history's progress and claims.
  readonly mintUnitToken: (units: readonly string[]) => Promise<string>;
  // Imports the plan file through the API with the token, its timetable moved so that the
  // inspection feedback was on `feedbackOn`; rejects when the import fails.
  readonly importPlan: (file: string, token: string, feedbackOn: string) => Promise<void>;
  readonly say: (message: string) => void;
}

interface Demo {
  readonly api: string;
  readonly auth: Record<string, string>;
  readonly root: string;
  readonly say: (message: string) => void;
}

// What the demo reads of its plan document.
interface DemoPlan {
  readonly inspection: { readonly feedbackDate: string };
  readonly plan: { readonly code: string; readonly timeZone: string };
  readonly units: readonly { readonly code: string; readonly name: string; readonly parent?: string }[];
  readonly categories: readonly {
    readonly aspects: readonly {
      readonly problems: readonly { readonly measures: readonly { readonly leadLeader: string }[] }[];
    }[];
  }[];
}

interface LeadLedger {
  readonly planCode: string;
  readonly body: { readonly code: string };
  readonly leads: readonly {
    readonly ref: string;
    readonly problemCode: string;
    readonly summary: string;
    readonly items: number;
    readonly daysAfterFeedback: number;
    readonly bodies: unknown;
  }[];
}

/** Loads the demo when the database has no plan; `loaded` false when it had one. */
export async function loadDemoIfEmpty(o: DemoOptions): Promise<{ loaded: boolean }> {
  const token = await o.mintToken();
  const demo: Demo = { api: o.api, auth: { authorization: `Bearer ${token}` }, root: o.root, say: o.say };
  try {
    const plans = (await (await fetch(`${o.api}/plans`, { headers: demo.auth })).json()) as {
      items: unknown[];
    };
    if (plans.items.length > 0) return { loaded: false };
    const feedbackOn = new Date(Date.now() - DEMO_FEEDBACK_DAYS_AGO * 86_400_000).toISOString().slice(0, 10);
    o.say(
      `empty database: loading the demo plan (Gansu 2019, timetable moved so feedback was on ${feedbackOn})`,
    );
    await demoContacts(demo);
    await demoBodies(demo);
    await o.importPlan(DEMO_PLAN_FILE, token, feedbackOn);
    await demoHistory(demo, feedbackOn, o.mintUnitToken);
    await demoSpotRound(demo);
    await demoLeads(demo, feedbackOn);
    await demoPublish(demo);
    return { loaded: true };
  } finally {
    await revoke(demo);
  }
}

// 补录: what the seed reports as done by 2019-04-18, its dates moved with the timetable, so the
// bulletin as of the feedback date + 90 days says what the seed's section 三 says.
// Progress and claims go with a unit token of the plan's top units (the office may not report for
// a unit), verifications with the office's; the unit token is revoked whatever happens.
async function demoHistory(
  { api, auth, root, say }: Demo,
  feedbackOn: string,
  mintUnitToken: DemoOptions['mintUnitToken'],
): Promise<void> {
  const plan = readPlan(root);
  const shiftDays = daysBetween(plan.inspection.feedbackDate, feedbackOn);
  const reporterAuth = { authorization: `Bearer ${await mintUnitToken(demoReporterUnits(plan))}` };
  let entries: number;
  try {
    ({ entries } = await applyDemoHistory({ api, auth, reporterAuth, root, shiftDays }));
  } finally {
    await revoke({ api, auth, root, say }, reporterAuth);
  }
  const asOf = new Date(Date.parse('2019-04-18') + shiftDays * 86_400_000).toISOString().slice(0, 10);
  say(`demo history: ${entries} entries entered later (补录), GET /plans/GS-2019/bulletin?asOf=${asOf}`);
}

// Never throws: a revocation that fails must not hide why the demo failed, so it is said instead.
// The token of `whose` (default: the demo's own office token) is revoked with the office's.
async function revoke({ api, auth, say }: Demo, whose: Record<string, string> = auth): Promise<void> {
  try {
    const me = await fetch(`${api}/auth/me`, { headers: whose });
    if (me.status !== 200) throw new Error(`GET /auth/me: ${me.status}`);
    const id = ((await me.json()) as { principal: { id: string } }).principal.id;
    const r = await fetch(`${api}/auth/api-tokens/${id}`, { method: 'DELETE', headers: auth });
    if (r.status !== 204) throw new Error(`DELETE /auth/api-tokens/${id}: ${r.status}`);
  } catch (e) {
    say(
      `could not revoke a token of the demo import (named "npm start: demo import" or "npm start: demo history", valid one day): ` +
        `revoke it with DELETE /auth/api-tokens/<id> (${e instanceof Error ? e.message : String(e)})`,
    );
  }
}

function readPlan(root: string): DemoPlan {
  return JSON.parse(fs.readFileSync(path.join(root, DEMO_PLAN_FILE), 'utf8')) as DemoPlan;
}

// Who the demo's reminders reach: a contact per unit and a person per leader post, each with a
// mailbox at the reserved example.org domain, so the first reminders land in the mail catcher.
async function demoContacts({ api, auth, root, say }: Demo): Promise<void> {
  const plan = readPlan(root);
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
async function demoSpotRound({ api, auth, say }: Demo): Promise<void> {
  const day = (msAgo: number) =>
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
  const county = (code: string, name: string, parent: string) => ({ code, name, level: 'county', parent });
  const post = async <T = unknown>(url: string, body: unknown): Promise<T> => {
    const r = await fetch(`${api}${url}`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (r.status !== 201) throw new Error(`demo spot round: POST ${url}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };
  const round = await post<{ groups: { places: string[] }[] }>('/spot-rounds', {
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
  const find = (
    group: string,
    place: string,
    description: string,
    link?: { planCode: string; problemCode: string },
  ) =>
    post<{ id: string }>(`/spot-rounds/${code}/findings`, {
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
async function demoPublish({ api, auth, root, say }: Demo): Promise<void> {
  const plan = readPlan(root);
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
async function demoBodies({ api, auth, root, say }: Demo): Promise<void> {
  const plan = readPlan(root);
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
async function demoLeads({ api, auth, root, say }: Demo, feedbackOn: string): Promise<void> {
  const ledger = JSON.parse(fs.readFileSync(path.join(root, LEADS_FILE), 'utf8')) as LeadLedger;
  const send = (method: string, url: string, body: unknown) =>
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
