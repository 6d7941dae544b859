import { Client, Connection } from '@temporalio/client';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MeasureEventRepository } from '../../libs/persistence/src/repositories/measure-event.repository';
import { MeasureWorkflowGateway } from '../../libs/temporal/src/measure-workflow.gateway';
import { eventually } from '../support/eventually';
import { followPlan } from '../support/follow-plan';
import { aPlanDocument } from '../support/plan-fixtures';
import { devServerAddress, workflowBundlePath } from '../support/temporal-test-env';
import { createTestDatabase, TestDatabase, testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

const REPO = path.resolve(__dirname, '../..');

// The real worker app, built and started as its own process, killed with SIGKILL mid-ladder: the
// next worker continues from the history and no step is recorded twice or lost.
describe(`a worker process killed mid-ladder (${testEngine()})`, () => {
  let out: string;
  let db: TestDatabase;
  let client: Client;
  const taskQueue = uniqueCode('crash');
  const workers: ChildProcess[] = [];
  let workerOutput = '';

  beforeAll(async () => {
    // Inside the repo (an ignored folder), so the built files resolve node_modules.
    fs.mkdirSync(path.join(REPO, '.tools'), { recursive: true });
    out = fs.mkdtempSync(path.join(REPO, '.tools', 'test-build-'));
    execFileSync(path.join(REPO, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json', '--outDir', out], {
      cwd: REPO,
      stdio: 'inherit',
    });
    db = await createTestDatabase();
    client = new Client({ connection: await Connection.connect({ address: devServerAddress() }) });
  });
  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
    await client?.connection.close();
    await db?.close();
    fs.rmSync(out, { recursive: true, force: true });
  });

  function startWorker(): ChildProcess {
    const env = {
      ...process.env,
      TEMPORAL_ADDRESS: devServerAddress(),
      TEMPORAL_TASK_QUEUE: taskQueue,
      RECTIFY_WORKFLOW_BUNDLE: workflowBundlePath(),
      ...(db.config.kind === 'postgres'
        ? { DATABASE_URL: db.config.url }
        : { DATABASE_URL: '', RECTIFY_SQLITE_PATH: db.config.file }),
    };
    if (db.config.kind === 'sqlite') delete (env as Record<string, string | undefined>).DATABASE_URL;
    const child = spawn(process.execPath, [path.join(out, 'apps/worker/src/main.js')], {
      cwd: REPO,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    // Kept for the failure message: a worker that cannot start says why on stderr.
    child.stderr?.on('data', (d: Buffer) => (workerOutput += d.toString()));
    workers.push(child);
    return child;
  }

  it('records every step exactly once across the crash', async () => {
    const gateway = new MeasureWorkflowGateway(client, taskQueue, { searchAttributes: true });
    const due = new Date(Date.now() + 25_000).toISOString();
    const steps = [
      { kind: 'reminder', offset: '-PT15S' },
      { kind: 'reminder', offset: '-PT8S' },
      { kind: 'overdue_notice', offset: 'PT0S' },
      { kind: 'supervision_notice', offset: 'PT3S' },
    ];
    const [m] = await followPlan(
      aPlanDocument({ planCode: uniqueCode('GS'), due, steps, measures: 1 }),
      db.dataSource,
      gateway,
    );
    const events = new MeasureEventRepository(db.dataSource);
    const kinds = async () => (await events.listForMeasure(m.id)).map((e) => e.kind);

    const first = startWorker();
    await eventually(
      async () =>
        expect({ kinds: await kinds(), exit: first.exitCode }).toEqual({ kinds: ['reminder'], exit: null }),
      { timeoutMs: 60_000 },
    ).catch((e) => {
      throw new Error(`${(e as Error).message}\nworker output:\n${workerOutput}`);
    });
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));

    // While no worker runs, the other steps fall due; nothing can record them yet.
    await eventually(async () => expect(Date.now()).toBeGreaterThan(Date.parse(due) + 3_000), {
      timeoutMs: 60_000,
    });
    expect(await kinds()).toEqual(['reminder']);

    const second = startWorker();
    await eventually(async () => expect(await kinds()).toHaveLength(4), { timeoutMs: 90_000 });
    expect(await kinds()).toEqual(['reminder', 'reminder', 'overdue_notice', 'supervision_notice']);
    const state = await gateway.state(m.workflowId);
    expect(state?.firedSteps.map((s) => [s.key, s.catchUp])).toEqual([
      ['reminder@-PT15S', false],
      ['reminder@-PT8S', false],
      ['overdue_notice@PT0S', false],
      ['supervision_notice@PT3S', false],
    ]);
    second.kill('SIGTERM');
    await new Promise((r) => second.once('exit', r));
  });
});
