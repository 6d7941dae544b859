// The worker and the API as processes of their own, the way production runs them: `node
// apps/<app>/src/main.js` from the bench's own build (dist-bench compiles the apps beside the
// bench), configured only through the environment, against the stack's servers and database.
// The workers load one prebuilt workflow bundle (RECTIFY_WORKFLOW_BUNDLE, as `npm run build`
// ships it) instead of each bundling the sources at start.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { WORKFLOW_INTERCEPTOR_MODULES } from '../../libs/temporal/src/workflow-source';
import { bundleWorkflows, Stack } from './stack';

// The compiled apps, from dist-bench/bench/harness.
const APPS = path.resolve(__dirname, '../../apps');
const START_MS = 120_000;
const STOP_MS = 30_000;

export interface AppProcess {
  readonly pid: number;
  // The API's base URL; null for a worker.
  readonly url: string | null;
  stop(): Promise<void>;
}

export async function writeWorkflowBundle(file: string): Promise<string> {
  fs.writeFileSync(
    file,
    await bundleWorkflows(require.resolve('../../workflows'), WORKFLOW_INTERCEPTOR_MODULES),
  );
  return file;
}

// Starts `node <app>/src/main.js` with the stack's environment plus `env`; its output is kept and
// shown only if it stops before it is stopped.
function spawnApp(stack: Stack, app: 'worker' | 'api', label: string, env: Record<string, string>) {
  const child = spawn(process.execPath, [path.join(APPS, app, 'src/main.js')], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...stack.environment, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (d: Buffer) => (output = (output + d.toString()).slice(-20_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let stopping = false;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      if (!stopping) console.error(`${label} (pid ${child.pid}) stopped: ${code ?? signal}\n${output}`);
      resolve();
    }),
  );
  const alive = () => {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${label} stopped while starting (${child.exitCode ?? child.signalCode}):\n${output}`);
  };
  const stop = async () => {
    stopping = true;
    if (child.exitCode !== null || child.signalCode !== null) return;
    // SIGTERM as a supervisor sends it: the app shuts down its worker or server and exits.
    child.kill('SIGTERM');
    const late = new Promise<'late'>((r) => setTimeout(() => r('late'), STOP_MS).unref());
    if ((await Promise.race([exited, late])) === 'late') {
      child.kill('SIGKILL');
      await exited;
    }
  };
  return { child, alive, stop };
}

async function until(what: string, alive: () => void, ready: () => Promise<boolean>): Promise<void> {
  const start = Date.now();
  for (;;) {
    alive();
    if (await ready().catch(() => false)) return;
    if (Date.now() - start > START_MS) throw new Error(`${what} was not ready in ${START_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

// A measure worker on the stack's task queue, loading `bundle` (writeWorkflowBundle); ready once the server lists its identity (pid@host)
// among the pollers of both the workflow and the activity queue.
export async function startWorkerProcess(stack: Stack, label: string, bundle: string): Promise<AppProcess> {
  const { child, alive, stop } = spawnApp(stack, 'worker', label, { RECTIFY_WORKFLOW_BUNDLE: bundle });
  const pid = child.pid!;
  const polling = async () => {
    for (const taskQueueType of [1, 2]) {
      const { pollers } = await stack.client.workflowService.describeTaskQueue({
        namespace: 'default',
        taskQueue: { name: stack.taskQueue },
        taskQueueType,
      });
      if (!(pollers ?? []).some((p) => p.identity?.split('@')[0] === String(pid))) return false;
    }
    return true;
  };
  await until(label, alive, polling).catch(async (e) => {
    await stop();
    throw e;
  });
  return { pid, url: null, stop };
}

// The stack with its measure worker as a process of its own (a stack started without one), the
// way production runs it: the worker's memory and CPU apart from the API's and the imports'. A
// restart stops the process and starts another on the same bundle.
export async function withMeasureWorkerProcess(stack: Stack): Promise<Stack> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-bench-worker-'));
  try {
    const bundle = await writeWorkflowBundle(path.join(dir, 'workflow-bundle.js'));
    let worker = await startWorkerProcess(stack, 'measure worker', bundle);
    return {
      ...stack,
      measureWorkerPid: () => worker.pid,
      async restartMeasureWorker() {
        await worker.stop();
        worker = await startWorkerProcess(stack, 'measure worker', bundle);
      },
      async close() {
        await worker.stop();
        await stack.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await stack.close();
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

// An API replica on a loopback port of its own; ready once GET /health/ready answers 200
// (database and Temporal reachable).
export async function startApiProcess(stack: Stack, label: string): Promise<AppProcess> {
  const port = await freePort();
  const { child, alive, stop } = spawnApp(stack, 'api', label, { HOST: '127.0.0.1', PORT: String(port) });
  const url = `http://127.0.0.1:${port}`;
  await until(label, alive, async () => (await fetch(`${url}/health/ready`)).status === 200).catch(
    async (e) => {
      await stop();
      throw e;
    },
  );
  return { pid: child.pid!, url, stop };
}
