// API latency on a large plan: the filtered measure page (as the office filters it, and as the unit
// sees its own desk), the plan tree, the overview, the bulletin and the ledger export, each loaded
// by a few concurrent clients over loopback, bounded in time and count.
// Measured with Node's own HTTP client (keep-alive agent), not autocannon, which is not among the
// project's dependencies: each connection sends its next request as soon as the last one's whole
// body has arrived, as autocannon does, and each sample is the time from sending to the last byte.
// The connections run on a worker thread of their own (harness/load-client.ts).
import * as http from 'node:http';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { get } from './harness/http-get';
import type { LoadDone, LoadOrder } from './harness/load-client';
import { DESK_UNIT, type Stack } from './harness/stack';
import { quantile } from './harness/stats';

export interface LatencyBounds {
  readonly seconds: number;
  readonly requests: number;
  readonly connections: number;
}

export interface EndpointLatency {
  readonly name: string;
  readonly path: string;
  readonly requests: number;
  readonly errors: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly bytes: number;
  // The request sent first, alone and outside the samples: it pays for the cold paths (a ledger's
  // first rendering is written; those after it may answer the kept file).
  readonly firstMs: number;
  // Whole-plan renderings the API started for these requests (requests arriving together share
  // one: RECTIFY_REPORT_GATHER), from its /metrics; null for the endpoints that render nothing.
  readonly renderings?: number | null;
  // Of those, the ledger's that answered the file kept from the last (RECTIFY_REPORT_KEEP); null for
  // the other endpoints.
  readonly kept?: number | null;
  // `beside`: the ledgers the one more client had answered while the page was loaded.
  readonly ledgersBeside?: number;
}

export interface LatencyFigures {
  readonly planId: string;
  readonly measures: number;
  readonly client: string;
  readonly bounds: LatencyBounds;
  readonly endpoints: EndpointLatency[];
}

// The connections' loop on a worker thread (load-client.ts): what it answered, or its error.
function loadOnItsThread(order: LoadOrder): Promise<LoadDone> {
  return new Promise((resolve, reject) => {
    const thread = new Worker(join(__dirname, 'harness', 'load-client.js'), { workerData: order });
    thread.once('message', (done: LoadDone) => resolve(done));
    thread.once('error', reject);
    thread.once('exit', (code) => reject(new Error(`the load's thread exited (${code}) before it answered`)));
  });
}

// Also the scale-out phase's loop, there through a proxy: `stack` needs only a URL and a token.
export async function load(
  stack: Pick<Stack, 'url' | 'token'>,
  name: string,
  path: string,
  bounds: LatencyBounds,
  // Called once the first request is answered, before the samples.
  afterFirst: () => Promise<void> = async () => undefined,
): Promise<EndpointLatency> {
  const url = new URL(path, stack.url);
  if (url.hostname !== '127.0.0.1') throw new Error(`the latency bench loads loopback only, not ${url.host}`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: bounds.connections });
  try {
    // One request first, outside the samples: it must succeed, and it pays for cold paths.
    const first = await get(agent, url, stack.token);
    if (first.status !== 200) throw new Error(`GET ${path} answered ${first.status}`);
    await afterFirst();
    const { samples, sent, errors, bytes, elapsedMs } = await loadOnItsThread({
      url: url.href,
      token: stack.token,
      ...bounds,
    });
    return {
      name,
      path,
      requests: sent,
      errors,
      perSecond: (samples.length / elapsedMs) * 1000,
      p50Ms: quantile(samples, 0.5),
      p95Ms: quantile(samples, 0.95),
      p99Ms: quantile(samples, 0.99),
      maxMs: Math.max(...samples),
      bytes,
      firstMs: first.ms,
    };
  } finally {
    agent.destroy();
  }
}

// A counter of one report (rectify_report_renderings_total, …_kept_total), from the API's /metrics.
async function counted(
  stack: Pick<Stack, 'url'>,
  series: string,
  report: 'ledger' | 'bulletin',
): Promise<number> {
  const text = await (await fetch(new URL('/metrics', stack.url))).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series}{report="${report}"}`));
  if (!line) throw new Error(`the API's /metrics has no ${series} for ${report}`);
  return Number(line.split(' ').at(-1));
}

// The endpoints loaded, by the keys `--latency-only` names them with.
export const LATENCY_ENDPOINT_KEYS = [
  'page',
  'desk',
  'tree',
  'overview',
  'bulletin',
  'ledger',
  'beside',
] as const;
export type LatencyEndpoint = (typeof LATENCY_ENDPOINT_KEYS)[number];

// Each endpoint's name in the report, its path, and whose token asks (the admin's unless `unit`).
const ENDPOINTS: Record<LatencyEndpoint, (planId: string) => [string, string, 'unit'?]> = {
  // The office's board filtered to a unit's desk: one plan, one unit (lead or co-unit), one status,
  // 50 rows.
  page: (planId) => [
    'filtered measure page',
    `/measures?plan=${planId}&unit=${DESK_UNIT}&status=assigned&limit=50`,
  ],
  // The same desk as the unit itself sees it: its scope (the unit and the units below it) decides.
  desk: (planId) => ["the unit's own desk", `/measures?plan=${planId}&status=assigned&limit=50`, 'unit'],
  tree: (planId) => ['plan tree', `/plans/${planId}`],
  // The manager's screen of a plan (apps/web's overview): counts, ageing, scorecard, indicators.
  overview: (planId) => ['plan overview', `/plans/${planId}/overview`],
  bulletin: (planId) => [
    'bulletin (internal, HTML)',
    `/plans/${planId}/bulletin?edition=internal&format=html`,
  ],
  ledger: (planId) => ['ledger export (XLSX)', `/plans/${planId}/ledger.xlsx`],
  // The office's filtered page while one more client asks for ledgers (besideLedgers, below).
  beside: (planId) => [
    'filtered measure page beside ledgers being written',
    `/measures?plan=${planId}&unit=${DESK_UNIT}&status=assigned&limit=50`,
  ],
};

// One more client asking for the plan's ledger as of one day after another, each answered before
// the next is asked, until `stop`: each day's is a ledger of its own (written anew, not kept), so
// the API writes a workbook all along. Days from tomorrow on: every one has the plan's whole
// content in force. Answers the ledgers answered.
function besideLedgers(stack: Pick<Stack, 'url' | 'token'>, planId: string): { stop: () => Promise<number> } {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  let stopped = false;
  let answered = 0;
  const asking = (async () => {
    for (let day = 1; !stopped; day++) {
      const asOf = new Date(Date.now() + day * 86_400_000).toISOString().slice(0, 10);
      const r = await get(
        agent,
        new URL(`/plans/${planId}/ledger.xlsx?asOf=${asOf}`, stack.url),
        stack.token,
      );
      if (r.status !== 200) throw new Error(`a ledger as of ${asOf} answered ${r.status}`);
      answered++;
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await asking.finally(() => agent.destroy());
      return answered;
    },
  };
}

// `planId`: a plan of `measures` measures already imported (the largest of the run); `only`: the
// endpoints to load, in this order (all by default).
export async function latencyBench(
  stack: Pick<Stack, 'url' | 'token' | 'unitToken'>,
  planId: string,
  measures: number,
  bounds: LatencyBounds,
  only: readonly LatencyEndpoint[] = LATENCY_ENDPOINT_KEYS,
): Promise<LatencyFigures> {
  const figures: EndpointLatency[] = [];
  for (const key of only) {
    const [name, path, as] = ENDPOINTS[key](planId);
    const rendered = key === 'ledger' || key === 'bulletin' ? key : null;
    const renderings = 'rectify_report_renderings_total';
    const keptSeries = 'rectify_report_renderings_kept_total';
    const before = rendered && (await counted(stack, renderings, rendered));
    const beside = key === 'beside' ? besideLedgers(stack, planId) : null;
    let keptBefore: number | null = null;
    const loaded = await load(
      { url: stack.url, token: as === 'unit' ? stack.unitToken : stack.token },
      name,
      path,
      bounds,
      // Counted after the first request, which may have written the file the others answer.
      async () => {
        if (key === 'ledger') keptBefore = await counted(stack, keptSeries, key);
      },
    );
    const ledgersBeside = beside ? await beside.stop() : undefined;
    const f: EndpointLatency = {
      ...loaded,
      ...(ledgersBeside === undefined ? {} : { ledgersBeside }),
      // Less the one request `load` sends first, outside the samples.
      renderings: rendered && (await counted(stack, renderings, rendered)) - before! - 1,
      kept: keptBefore === null ? null : (await counted(stack, keptSeries, 'ledger')) - keptBefore,
    };
    console.error(
      `latency ${name}: first ${f.firstMs.toFixed(0)} ms, ${f.requests} requests, p50 ${f.p50Ms.toFixed(1)} ms, p95 ${f.p95Ms.toFixed(1)} ms, p99 ${f.p99Ms.toFixed(1)} ms` +
        (f.renderings === null ? '' : `, ${f.renderings} renderings`) +
        (f.kept == null ? '' : ` (${f.kept} answered the kept file)`) +
        (f.ledgersBeside === undefined
          ? ''
          : `, ${f.ledgersBeside} ledgers answered beside, max ${f.maxMs.toFixed(0)} ms`),
    );
    figures.push(f);
  }
  return {
    planId,
    measures,
    client: 'node:http keep-alive, on a worker thread of its own',
    bounds,
    endpoints: figures,
  };
}
