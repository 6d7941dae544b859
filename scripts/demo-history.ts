// The demo's history (plans/demo/gansu-2019.history.json): what the seed bulletin reports as done by
// its reporting date (截至4月18日), entered as 补录 through the API like any office would enter it
// from paper: progress reports with the indicator values the seed gives, and completion claims with
// their sign-offs (销号) where the seed says a measure was done. `npm start` applies it after loading
// the demo plan, its dates moved with the plan's timetable; the demo's bulletin test applies it as
// written. Each entry goes with its own Idempotency-Key, so applying the file again changes nothing.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const DEMO_HISTORY_FILE = 'plans/demo/gansu-2019.history.json';

interface HistoryEntry {
  readonly measure: string;
  readonly kind: 'progress' | 'claim' | 'verification';
  readonly occurredAt: string;
  readonly note?: string;
  readonly indicators?: readonly { readonly code: string; readonly current: number }[];
  readonly milestonesReached?: readonly string[];
  readonly evidence?: readonly { readonly kind: string; readonly description: string }[];
  readonly decision?: 'accept' | 'reject';
  // The seed's own words the entry rests on (kept in the file for the reader, not sent).
  readonly seed: string;
}

export interface DemoHistory {
  readonly planCode: string;
  readonly source: string;
  readonly reportingDate: string;
  readonly actor: string;
  readonly entries: readonly HistoryEntry[];
}

export interface ApplyDemoHistoryOptions {
  readonly api: string;
  // The office's credential ({ authorization: 'Bearer …' }): it reads the plan and verifies.
  readonly auth: Record<string, string>;
  // A unit credential reaching every lead unit: progress and claims are the units' word.
  readonly reporterAuth: Record<string, string>;
  // The repository, where plans/demo is.
  readonly root: string;
  // The plan's timetable moved by this many days (0: the original 2019 dates).
  readonly shiftDays: number;
  // The plan the history goes to, when the demo was imported under another code (tests).
  readonly planCode?: string;
}

const PATHS: Record<HistoryEntry['kind'], string> = {
  progress: 'progress-reports',
  claim: 'completion-claims',
  verification: 'verification',
};

// The units a reporter's credential needs: the plan's top units (each reaches the units below it).
export function demoReporterUnits(plan: { units: readonly { code: string; parent?: string }[] }): string[] {
  return plan.units.filter((u) => !u.parent).map((u) => u.code);
}

export function readDemoHistory(root: string): DemoHistory {
  return JSON.parse(fs.readFileSync(path.join(root, DEMO_HISTORY_FILE), 'utf8')) as DemoHistory;
}

/** Sends every entry of the history file in order; throws on the first refusal. */
export async function applyDemoHistory(o: ApplyDemoHistoryOptions): Promise<{ entries: number }> {
  const history = readDemoHistory(o.root);
  const planCode = o.planCode ?? history.planCode;
  const plan = await fetch(`${o.api}/plans/${encodeURIComponent(planCode)}`, { headers: o.auth });
  if (plan.status !== 200) throw new Error(`demo history: GET /plans/${planCode}: ${plan.status}`);
  const ids = measureIds((await plan.json()) as PlanTree);
  for (const [i, e] of history.entries.entries()) {
    const id = ids.get(e.measure);
    if (!id) throw new Error(`demo history: entry ${i}: no measure ${e.measure} in ${planCode}`);
    const occurredAt = new Date(Date.parse(e.occurredAt) + o.shiftDays * 86_400_000).toISOString();
    const body =
      e.kind === 'progress'
        ? { note: e.note, indicators: e.indicators, milestonesReached: e.milestonesReached }
        : e.kind === 'claim'
          ? { evidence: e.evidence, indicators: e.indicators }
          : { decision: e.decision };
    const r = await fetch(`${o.api}/measures/${id}/${PATHS[e.kind]}`, {
      method: 'POST',
      headers: {
        ...(e.kind === 'verification' ? o.auth : o.reporterAuth),
        'content-type': 'application/json',
        'idempotency-key': `demo-history:${i}:${e.measure}:${e.kind}`,
      },
      body: JSON.stringify({ ...body, actor: history.actor, occurredAt }),
    });
    if (r.status !== 200)
      throw new Error(`demo history: entry ${i} (${e.kind} on ${e.measure}): ${r.status} ${await r.text()}`);
  }
  return { entries: history.entries.length };
}

interface PlanTree {
  readonly categories: readonly {
    readonly aspects: readonly {
      readonly problems: readonly {
        readonly measures: readonly { readonly id: string; readonly code: string }[];
      }[];
    }[];
  }[];
}

function measureIds(tree: PlanTree): Map<string, string> {
  return new Map(
    tree.categories.flatMap((c) =>
      c.aspects.flatMap((a) => a.problems.flatMap((p) => p.measures.map((m) => [m.code, m.id] as const))),
    ),
  );
}
