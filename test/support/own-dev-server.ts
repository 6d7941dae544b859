// A Temporal dev server of a test's own, which the test may kill and start again: state in a
// SQLite file, on one port chosen once, so the restarted server is the same cluster at the same
// address. The shared server of the global setup is never stopped.
import { Client, Connection } from '@temporalio/client';
import { tsToMs } from '@temporalio/common/lib/time';
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { SEARCH_ATTRIBUTE_TYPES } from '../../libs/temporal/src/ensure-search-attributes';
import { devServerArgs, loadTemporalTools } from '../../libs/temporal/src/temporal-tools';
import { MEASURE_SEARCH_ATTRIBUTES } from '../../workflows/measure/measure.contract';
import { eventually } from './eventually';
import { uniqueCode } from './unique';

const REPO = path.resolve(__dirname, '../..');

export class OwnDevServer {
  private process: ChildProcess | null = null;
  private output = '';

  private constructor(
    private readonly cli: string,
    private readonly dir: string,
    readonly port: number,
  ) {}

  static async create(): Promise<OwnDevServer> {
    const { temporalCli } = loadTemporalTools(REPO);
    if (!temporalCli) throw new Error('no Temporal CLI: run npm run setup');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-own-temporal-'));
    return new OwnDevServer(temporalCli, dir, await freePort());
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  get dbFile(): string {
    return path.join(this.dir, 'temporal.sqlite');
  }

  // Starts the server on its file and port and waits until the default namespace answers.
  async start(): Promise<void> {
    if (this.process) throw new Error('the server is already running');
    const args = [
      ...devServerArgs({ port: this.port, dbFile: this.dbFile, headless: true }),
      ...MEASURE_SEARCH_ATTRIBUTES.flatMap((k) => [
        '--search-attribute',
        `${k.name}=${SEARCH_ATTRIBUTE_TYPES[k.type].cli}`,
      ]),
    ];
    const child = spawn(this.cli, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (d: Buffer) => (this.output += d.toString());
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.process = child;
    await eventually(
      async () => {
        if (child.exitCode !== null)
          throw new Error(`the dev server exited ${child.exitCode}:\n${this.output}`);
        const connection = await Connection.connect({ address: this.address, connectTimeout: '1 second' });
        try {
          await connection.workflowService.describeNamespace({ namespace: 'default' });
          const listed = await connection.operatorService.listSearchAttributes({ namespace: 'default' });
          for (const k of MEASURE_SEARCH_ATTRIBUTES) expect(listed.customAttributes).toHaveProperty(k.name);
        } finally {
          await connection.close();
        }
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
  }

  // SIGKILL, as a crashed host or an OOM kill would: the server writes nothing more.
  async kill(): Promise<void> {
    const child = this.process;
    if (!child) return;
    this.process = null;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async remove(): Promise<void> {
    await this.kill();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

// The server's clock: the time it stamps on the start of a probe workflow no worker runs (then
// terminated). Test timetables are built on it, not on this process's clock.
export async function serverNow(client: Client): Promise<number> {
  const handle = await client.workflow.start('clockProbe', {
    workflowId: uniqueCode('clock-probe'),
    taskQueue: uniqueCode('clock-probe'),
  });
  try {
    const { events } = await handle.fetchHistory();
    return tsToMs(events![0].eventTime);
  } finally {
    await handle.terminate('clock read');
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
