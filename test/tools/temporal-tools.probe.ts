// Scratch verification of the tools from `npm run setup` against @temporalio/testing (not a Jest test).
// Run: npx tsc --outDir /tmp/probe --rootDir . --module commonjs --target es2022 --strict --esModuleInterop \
//        --skipLibCheck --types node test/tools/temporal-tools.probe.ts && \
//      NODE_PATH=$PWD/node_modules node /tmp/probe/test/tools/temporal-tools.probe.js $PWD
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import {
  InternalConnectionOptionsSymbol,
  type InternalConnectionOptions,
} from '@temporalio/client/lib/connection';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, NativeConnection, Runtime, Worker, bundleWorkflowCode } from '@temporalio/worker';
import { devServerArgs, loadTemporalTools } from '../../libs/temporal/src/temporal-tools';

const tools = loadTemporalTools(process.argv[2] ?? process.cwd());
const ms = (t0: number) => `${Math.round(performance.now() - t0)} ms`;

/** Connects a time-skipping environment to a test server someone else started (e.g. Jest globalSetup). */
class SharedTimeSkippingEnvironment extends TestWorkflowEnvironment {
  static async connectTo(address: string): Promise<TestWorkflowEnvironment> {
    const connectionOptions: InternalConnectionOptions = {
      address,
      [InternalConnectionOptionsSymbol]: { supportsTestService: true },
    };
    const connection = await Connection.connect(connectionOptions);
    const nativeConnection = await NativeConnection.connect({ address });
    const options = { server: { type: 'existing' as const }, client: {}, plugins: [] };
    return new this(
      Runtime.instance(),
      options,
      true,
      'existing',
      connection,
      nativeConnection,
      'default',
      address,
    );
  }
}

async function timeSkippingRuns(label: string, n: number): Promise<void> {
  const testServer = tools.testServer;
  if (!testServer) throw new Error('no test server in .tools/tools.json');
  for (let i = 1; i <= n; i++) {
    let t0 = performance.now();
    const env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: testServer } },
    });
    const start = ms(t0);
    await env.currentTimeMs();
    t0 = performance.now();
    await env.teardown();
    console.log(`time-skipping ${label} #${i}: start ${start}, teardown ${ms(t0)}`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function sharedServerProof(): Promise<void> {
  const port = await freePort();
  const jvm = spawn(tools.testServer as string, [String(port)], { stdio: 'inherit' });
  jvm.on('exit', (code, signal) => console.log(`shared test server exited: ${code ?? signal}`));
  try {
    await new Promise((r) => setTimeout(r, 1500));
    const plain = await TestWorkflowEnvironment.createFromExistingServer({ address: `127.0.0.1:${port}` });
    console.log(
      `createFromExistingServer: supportsTimeSkipping=${plain.supportsTimeSkipping}, testService=${plain.connection.testService !== undefined}`,
    );
    await plain.teardown();

    // A one-line workflow, bundled from a temp file so the probe needs no workflow file in the repo.
    const dir = mkdtempSync(join(tmpdir(), 'probe-wf-'));
    writeFileSync(
      join(dir, 'workflows.js'),
      "import { sleep } from '@temporalio/workflow';\nexport async function sleepADay() { await sleep('1 day'); return 'woke'; }\n",
    );
    const workflowBundle = await bundleWorkflowCode({
      workflowsPath: join(dir, 'workflows.js'),
      webpackConfigHook: (config) => {
        config.resolve?.modules?.push(
          join(__dirname, '../../node_modules'),
          join(process.cwd(), 'node_modules'),
        );
        return config;
      },
      logger: new DefaultLogger('WARN'),
    });
    for (const file of ['file-a', 'file-b']) {
      const env = await SharedTimeSkippingEnvironment.connectTo(`127.0.0.1:${port}`);
      const taskQueue = `probe-${file}`;
      const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle });
      const before = await env.currentTimeMs();
      const t0 = performance.now();
      const result = await worker.runUntil(
        env.client.workflow.execute('sleepADay', { taskQueue, workflowId: `${taskQueue}-${Date.now()}` }),
      );
      const skippedH = ((await env.currentTimeMs()) - before) / 3_600_000;
      console.log(
        `shared ${file}: result=${String(result)} after ${ms(t0)} real, ${skippedH.toFixed(1)} h skipped`,
      );
      await env.teardown();
    }
  } finally {
    jvm.kill('SIGKILL');
  }
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  if (process.argv[3] === 'shared') return sharedServerProof();
  await timeSkippingRuns('idle', 5);

  const hogs: ChildProcess[] = [0, 1].map(() =>
    spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }),
  );
  try {
    await new Promise((r) => setTimeout(r, 500));
    await timeSkippingRuns('under 2 CPU hogs', 3);
  } finally {
    hogs.forEach((h) => h.kill('SIGKILL'));
  }

  if (!tools.temporalCli) throw new Error('no Temporal CLI in .tools/tools.json');
  let t0 = performance.now();
  const local = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: tools.temporalCli },
      ip: '127.0.0.1',
      dbFilename: join(mkdtempSync(join(tmpdir(), 'probe-')), 'dev.db'),
      // the SDK itself passes --ip/--port/--namespace/--log-*/--headless/--db-filename
      extraArgs: ['--sqlite-pragma', 'journal_mode=WAL', '--sqlite-pragma', 'synchronous=OFF'],
    },
  });
  const start = ms(t0);
  const info = await local.client.workflowService.getSystemInfo({});
  t0 = performance.now();
  await local.teardown();
  console.log(
    `dev server: start ${start}, getSystemInfo ok (sdkMetadata=${String(info.capabilities?.sdkMetadata)}), teardown ${ms(t0)}`,
  );

  console.log(
    `devServerArgs: ${devServerArgs({ port: 7233, uiPort: 8233, dbFile: '.data/t.db', namespace: 'rectify' }).join(' ')}`,
  );
  await sharedServerProof();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
