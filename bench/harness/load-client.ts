// The latency bench's load, run as a worker thread of its own (latency.bench.ts `load`): the
// clients' requests and their parsing on an event loop apart from the API's, as a load generator
// in a process of its own (autocannon, which #14 names) would be. Until 2026-12-07 the connections
// ran on the API's own main thread, and every sample waited behind the clients' work too.
import * as http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { get } from './http-get';

export interface LoadOrder {
  readonly url: string;
  readonly token: string;
  readonly seconds: number;
  readonly requests: number;
  readonly connections: number;
}

export interface LoadDone {
  // Milliseconds of each request answered 200, from sending to its last byte.
  readonly samples: number[];
  readonly sent: number;
  readonly errors: number;
  // The last answer's size.
  readonly bytes: number;
  readonly elapsedMs: number;
}

// Each connection sends its next request as soon as the last one's whole body has arrived, until
// the count or the time is spent.
async function run(order: LoadOrder): Promise<LoadDone> {
  const url = new URL(order.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: order.connections });
  try {
    const samples: number[] = [];
    let sent = 0;
    let errors = 0;
    let bytes = 0;
    const until = Date.now() + order.seconds * 1000;
    const started = process.hrtime.bigint();
    const connection = async () => {
      while (sent < order.requests && Date.now() < until) {
        sent++;
        const r = await get(agent, url, order.token);
        if (r.status === 200) samples.push(r.ms);
        else errors++;
        bytes = r.bytes;
      }
    };
    await Promise.all(Array.from({ length: order.connections }, connection));
    return { samples, sent, errors, bytes, elapsedMs: Number(process.hrtime.bigint() - started) / 1e6 };
  } finally {
    agent.destroy();
  }
}

if (!parentPort) throw new Error('load-client.js runs as a worker thread of the latency bench');
const port = parentPort;
void run(workerData as LoadOrder).then((done) => port.postMessage(done));
