import type { LoggerService } from '@nestjs/common';
import { Connection } from '@temporalio/client';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseConfig } from '../../libs/config/src/rectify-config';
import { eventually } from '../support/eventually';
import { startApiReplica } from '../support/api-replica';
import { aPlanDocument } from '../support/plan-fixtures';
import { client, RectifyHarness, startRectify } from '../support/rectify-harness';
import { devServerAddress } from '../support/temporal-test-env';
import { freshNamespace } from '../support/temporal-namespace';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

const up = (extra: Record<string, unknown> = {}) => ({
  status: 'up',
  responseTime: expect.any(Number),
  ...extra,
});

// What the API logs, line by line: where the details of a check that is down must go instead.
class CapturedLog implements LoggerService {
  readonly lines: string[] = [];
  log = (...parts: unknown[]) => void this.lines.push(parts.map(String).join(' '));
  error = this.log;
  warn = this.log;
  debug = this.log;
  verbose = this.log;
}

// A port that nothing listens on.
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const down = (code: string, message: string) => ({
  status: 'down',
  code,
  message,
  responseTime: expect.any(Number),
});

describe(`liveness and readiness (${testEngine()})`, () => {
  // One installation for the file. Readiness is the API's own answer, so a case that needs other
  // API settings (an evidence directory, a Temporal address) is an API replica on its database
  // (test/support/api-replica.ts) rather than a boot of its own. Only the failing workflow
  // tasks need a worker of their own, on a namespace of their own.
  let rectify: RectifyHarness;

  beforeAll(async () => {
    rectify = await startRectify();
  });
  afterAll(() => rectify?.stop());

  // First in the file: its readiness counts no running workflows (`checked: 0`) before the
  // cases below import plans into the same installation.
  describe('a healthy installation', () => {
    it('is live, to anyone, without looking at anything else', async () => {
      const r = await rectify.anonymous.request('GET', '/health/live');
      expect(r).toEqual({
        status: 200,
        body: {
          status: 'ok',
          info: { process: { status: 'up', pid: process.pid } },
          error: {},
          details: { process: { status: 'up', pid: process.pid } },
        },
      });
      expect(r.headers.get('cache-control')).toBe('no-cache, no-store, must-revalidate');
    });

    it('is ready: database, Temporal namespace, workflow tasks and evidence directory each up', async () => {
      const r = await rectify.anonymous.request('GET', '/health/ready');
      const checks = {
        database: up(),
        temporal: up({ namespace: 'default' }),
        workflowTasks: up({ taskQueue: rectify.config.temporal.taskQueue, checked: 0 }),
        evidence: up({ freeBytes: expect.any(Number) }),
      };
      expect(r).toEqual({ status: 200, body: { status: 'ok', info: checks, error: {}, details: checks } });
    });

    it('answers GET /health with the readiness answer, for existing callers', async () => {
      const r = await rectify.anonymous.request('GET', '/health');
      expect(r.status).toBe(200);
      expect(Object.keys(r.body.details)).toEqual(['database', 'temporal', 'workflowTasks', 'evidence']);
    });
  });

  describe('an evidence directory', () => {
    let dir: string;

    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rectify-health-'));
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    // The evidence settings parsed from `env` as a deployment's are, on an API replica.
    const readinessWith = async (env: Record<string, string>) => {
      const log = new CapturedLog();
      const { evidence, health } = parseConfig(env);
      const api = await startApiReplica(rectify, {
        config: { ...rectify.config, evidence, health },
        logger: log,
      });
      try {
        return {
          ready: await api.anonymous.request('GET', '/health/ready'),
          live: await api.anonymous.request('GET', '/health/live'),
          log: log.lines,
        };
      } finally {
        await api.stop();
      }
    };

    it('with less free space than RECTIFY_EVIDENCE_MIN_FREE_BYTES makes the API not ready, still live', async () => {
      const evidenceDir = path.join(dir, 'evidence');
      const { ready, live, log } = await readinessWith({
        RECTIFY_EVIDENCE_DIR: evidenceDir,
        RECTIFY_EVIDENCE_MIN_FREE_BYTES: String(Number.MAX_SAFE_INTEGER),
      });
      expect(ready.status).toBe(503);
      expect(ready.body.status).toBe('error');
      expect(ready.body.error).toEqual({
        evidence: down(
          'EVIDENCE_STORE_UNAVAILABLE',
          'the evidence directory cannot be written or is short of space',
        ),
      });
      expect(Object.keys(ready.body.info)).toEqual(['database', 'temporal', 'workflowTasks']);
      expect(live.status).toBe(200);
      // The path is for the log only.
      expect(JSON.stringify(ready.body)).not.toContain(evidenceDir);
      expect(log).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `^evidence is down \\(EVIDENCE_STORE_UNAVAILABLE\\): \\d+ bytes free at ${evidenceDir}, below RECTIFY_EVIDENCE_MIN_FREE_BYTES \\(${Number.MAX_SAFE_INTEGER}\\)`,
          ),
        ),
      );
    });

    it('that cannot be written makes the API not ready', async () => {
      const file = path.join(dir, 'a-file');
      fs.writeFileSync(file, '');
      const { ready, log } = await readinessWith({ RECTIFY_EVIDENCE_DIR: path.join(file, 'evidence') });
      expect(ready.status).toBe(503);
      expect(ready.body.error.evidence).toEqual(
        down('EVIDENCE_STORE_UNAVAILABLE', 'the evidence directory cannot be written or is short of space'),
      );
      expect(JSON.stringify(ready.body)).not.toContain('ENOTDIR');
      expect(log).toContainEqual(
        expect.stringMatching(/^evidence is down \(EVIDENCE_STORE_UNAVAILABLE\): ENOTDIR/),
      );
    });
  });

  describe('measures whose workflow tasks keep failing', () => {
    let rectify: RectifyHarness;
    let connection: Connection;
    const log = new CapturedLog();

    beforeAll(async () => {
      connection = await Connection.connect({ address: devServerAddress() });
      // The failure of the issue: a namespace without the Rectify* search attributes (the test
      // worker does not run the start-up check that would register them).
      rectify = await startRectify({
        env: { TEMPORAL_NAMESPACE: await freshNamespace(connection) },
        logger: log,
      });
    });
    afterAll(async () => {
      await rectify?.stop();
      await connection?.close();
    });

    it('make the API not ready, naming the workflows and the reason in the log only', async () => {
      // Due ahead: measures past due would record their catch-up step (a local activity, run before
      // the failing task completes) and open its 问责移送 case, whose workflow runs fine beside them.
      const doc = aPlanDocument({ planCode: uniqueCode('GS'), due: '2031-06-30', measures: 2 });
      expect((await rectify.request('POST', '/plans', doc)).status).toBe(201);
      const ready = await eventually(
        async () => {
          const r = await rectify.anonymous.request('GET', '/health/ready');
          expect(r.status).toBe(503);
          return r;
        },
        { timeoutMs: 150_000, intervalMs: 1_000 },
      );
      expect(ready.body.error).toEqual({
        workflowTasks: down('WORKFLOW_TASKS_FAILING', 'running workflows keep failing their workflow task'),
      });
      expect(JSON.stringify(ready.body)).not.toContain(doc.plan.code);
      const message = log.lines.find((l) => l.startsWith('workflowTasks is down (WORKFLOW_TASKS_FAILING): '));
      expect(message).toMatch(
        new RegExp(
          `: 2 of the 2 newest running workflows on task queue ${rectify.config.temporal.taskQueue} keep failing their workflow task, e\\.g\\. measure:${doc.plan.code}:P01-M[12] \\(attempt \\d+\\)`,
        ),
      );
      expect(message).toContain('BAD_SEARCH_ATTRIBUTES: BadSearchAttributes');
      expect(message).toMatch(/no mapping defined for search attribute Rectify\w+/);
      expect((await rectify.anonymous.request('GET', '/health/live')).status).toBe(200);
    });
  });
  describe('a Temporal address that nothing answers on', () => {
    let replica: Awaited<ReturnType<typeof startApiReplica>>;
    let address: string;
    const log = new CapturedLog();

    beforeAll(async () => {
      address = `127.0.0.1:${await closedPort()}`;
      // A second API on the same database whose Temporal client points nowhere.
      replica = await startApiReplica(rectify, {
        config: { ...rectify.config, temporal: { ...rectify.config.temporal, address } },
        logger: log,
      });
    });
    afterAll(() => replica?.stop());

    it('makes the API not ready with a code, and keeps the error text to the log', async () => {
      const r = await replica.anonymous.request('GET', '/health/ready');
      expect(r.status).toBe(503);
      expect(r.body.error).toEqual({
        temporal: down('TEMPORAL_UNAVAILABLE', 'the workflow service or its namespace does not answer'),
        workflowTasks: down('TEMPORAL_UNAVAILABLE', 'the workflow service or its namespace does not answer'),
      });
      expect(Object.keys(r.body.info)).toEqual(['database', 'evidence']);
      // The port as a number of its own: the disk's free bytes may hold its digits (CI once had
      // 70443630592 free against port 36305).
      const port = address.split(':')[1];
      expect(JSON.stringify(r.body)).not.toMatch(new RegExp(`(?<![0-9])${port}(?![0-9])`));
      expect(JSON.stringify(r.body)).not.toContain('127.0.0.1');
      expect(log.lines).toContainEqual(
        expect.stringMatching(/^temporal is down \(TEMPORAL_UNAVAILABLE\): ./),
      );
    });

    it('answers a measure read from the record, with a code for the live state it could not read', async () => {
      const doc = aPlanDocument({ planCode: uniqueCode('GS'), measures: 1 });
      const imported = await rectify.request('POST', '/plans', doc);
      expect(imported.status).toBe(201);
      const measure = (await rectify.request('GET', `/measures?plan=${imported.body.planId}`)).body.items[0];
      const token = (await rectify.anonymous.request('POST', '/auth/login', rectify.admin)).body.accessToken;
      const r = await client(replica.url, async () => token).request('GET', `/measures/${measure.id}`);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ id: measure.id, code: 'P01-M1', workflow: null });
      expect(r.body.workflowError).toEqual({
        code: 'MEASURE_STATE_UNAVAILABLE',
        message: expect.stringMatching(
          /^the live state of the measure's workflow could not be read \(error [0-9a-f-]{36}\)$/,
        ),
      });
      const errorId = r.body.workflowError.message.match(/error ([0-9a-f-]{36})/)[1];
      expect(log.lines).toContainEqual(
        expect.stringContaining(`error ${errorId}: state of measure:${doc.plan.code}:P01-M1 unavailable: `),
      );
    });
  });
});
