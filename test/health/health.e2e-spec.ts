import { Connection } from '@temporalio/client';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { eventually } from '../support/eventually';
import { aPlanDocument } from '../support/plan-fixtures';
import { RectifyHarness, startRectify } from '../support/rectify-harness';
import { devServerAddress } from '../support/temporal-test-env';
import { freshNamespace } from '../support/temporal-namespace';
import { testEngine } from '../support/test-database';
import { uniqueCode } from '../support/unique';

const up = (extra: Record<string, unknown> = {}) => ({
  status: 'up',
  responseTime: expect.any(Number),
  ...extra,
});

describe(`liveness and readiness (${testEngine()})`, () => {
  describe('a healthy installation', () => {
    let rectify: RectifyHarness;

    beforeAll(async () => {
      rectify = await startRectify();
    });
    afterAll(() => rectify?.stop());

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

    const readinessWith = async (env: Record<string, string>) => {
      const rectify = await startRectify({ env });
      try {
        return {
          ready: await rectify.anonymous.request('GET', '/health/ready'),
          live: await rectify.anonymous.request('GET', '/health/live'),
        };
      } finally {
        await rectify.stop();
      }
    };

    it('with less free space than RECTIFY_EVIDENCE_MIN_FREE_BYTES makes the API not ready, still live', async () => {
      const evidenceDir = path.join(dir, 'evidence');
      const { ready, live } = await readinessWith({
        RECTIFY_EVIDENCE_DIR: evidenceDir,
        RECTIFY_EVIDENCE_MIN_FREE_BYTES: String(Number.MAX_SAFE_INTEGER),
      });
      expect(ready.status).toBe(503);
      expect(ready.body.status).toBe('error');
      expect(ready.body.error).toEqual({
        evidence: {
          status: 'down',
          message: expect.stringMatching(
            new RegExp(
              `^\\d+ bytes free at ${evidenceDir}, below RECTIFY_EVIDENCE_MIN_FREE_BYTES \\(${Number.MAX_SAFE_INTEGER}\\)$`,
            ),
          ),
          responseTime: expect.any(Number),
        },
      });
      expect(Object.keys(ready.body.info)).toEqual(['database', 'temporal', 'workflowTasks']);
      expect(live.status).toBe(200);
    });

    it('that cannot be written makes the API not ready', async () => {
      const file = path.join(dir, 'a-file');
      fs.writeFileSync(file, '');
      const { ready } = await readinessWith({ RECTIFY_EVIDENCE_DIR: path.join(file, 'evidence') });
      expect(ready.status).toBe(503);
      expect(ready.body.error.evidence).toEqual({
        status: 'down',
        message: expect.stringContaining('ENOTDIR'),
        responseTime: expect.any(Number),
      });
    });
  });

  describe('measures whose workflow tasks keep failing', () => {
    let rectify: RectifyHarness;
    let connection: Connection;

    beforeAll(async () => {
      connection = await Connection.connect({ address: devServerAddress() });
      // The failure of the issue: a namespace without the Rectify* search attributes (the test
      // worker does not run the start-up check that would register them).
      rectify = await startRectify({ env: { TEMPORAL_NAMESPACE: await freshNamespace(connection) } });
    });
    afterAll(async () => {
      await rectify?.stop();
      await connection?.close();
    });

    it('make the API not ready, naming the workflows and the reason', async () => {
      const doc = aPlanDocument({ planCode: uniqueCode('GS'), measures: 2 });
      expect((await rectify.request('POST', '/plans', doc)).status).toBe(201);
      const ready = await eventually(
        async () => {
          const r = await rectify.anonymous.request('GET', '/health/ready');
          expect(r.status).toBe(503);
          return r;
        },
        { timeoutMs: 150_000, intervalMs: 1_000 },
      );
      expect(Object.keys(ready.body.error)).toEqual(['workflowTasks']);
      const { message } = ready.body.error.workflowTasks;
      expect(message).toMatch(
        new RegExp(
          `^2 of the 2 newest running workflows on task queue ${rectify.config.temporal.taskQueue} keep failing their workflow task, e\\.g\\. measure:${doc.plan.code}:P01-M[12] \\(attempt \\d+\\)`,
        ),
      );
      expect(message).toContain('BAD_SEARCH_ATTRIBUTES: BadSearchAttributes');
      expect(message).toMatch(/no mapping defined for search attribute Rectify\w+/);
      expect((await rectify.anonymous.request('GET', '/health/live')).status).toBe(200);
    });
  });
});
