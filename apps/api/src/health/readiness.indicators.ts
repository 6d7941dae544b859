import { Inject, Injectable, Logger } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Client } from '@temporalio/client';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { RECTIFY_CONFIG } from '../../../../libs/config/src/config.module';
import type { RectifyConfig } from '../../../../libs/config/src/rectify-config';
import type { ErrorCode } from '../../../../libs/domain/src/domain-error';
import { failingWorkflowTasks } from '../../../../libs/temporal/src/failing-workflow-tasks';

const TIMEOUT_MS = 5_000;
// The workflow-task check makes a call per sampled workflow: probes every few seconds share one.
const WORKFLOW_TASKS_CACHE_MS = 15_000;

type ReadinessCode = Extract<
  ErrorCode,
  'DATABASE_UNAVAILABLE' | 'TEMPORAL_UNAVAILABLE' | 'WORKFLOW_TASKS_FAILING' | 'EVIDENCE_STORE_UNAVAILABLE'
>;

// What anyone reading /health learns of a check that is down.
const PUBLIC_MESSAGES: Record<ReadinessCode, string> = {
  DATABASE_UNAVAILABLE: 'the database does not answer',
  TEMPORAL_UNAVAILABLE: 'the workflow service or its namespace does not answer',
  WORKFLOW_TASKS_FAILING: 'running workflows keep failing their workflow task',
  EVIDENCE_STORE_UNAVAILABLE: 'the evidence directory cannot be written or is short of space',
};

// A check that is down, with what only the log may say (hosts, paths, workflow ids, the server's
// own error text).
class Down extends Error {
  constructor(
    readonly code: ReadinessCode,
    detail: string,
  ) {
    super(detail);
  }
}

type Up = Record<string, unknown>;

// What the API needs to serve: the read model, the workflow service, running workflows that
// make progress, and room to store evidence. /health is public, so a check that is down answers
// with a code and a fixed sentence, and its details go to the log.
@Injectable()
export class ReadinessIndicators {
  private readonly logger = new Logger('Readiness');
  private workflowTasksCache: { expiresAt: number; outcome: Promise<Up> } | null = null;

  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(Client) private readonly client: Client,
    @Inject(RECTIFY_CONFIG) private readonly config: RectifyConfig,
  ) {}

  all() {
    return [() => this.database(), () => this.temporal(), () => this.workflowTasks(), () => this.evidence()];
  }

  database() {
    return this.probe('database', 'DATABASE_UNAVAILABLE', async () => {
      await this.ds.query('SELECT 1');
      return {};
    });
  }

  // Reachable, and the namespace exists.
  temporal() {
    const namespace = this.config.temporal.namespace;
    return this.probe('temporal', 'TEMPORAL_UNAVAILABLE', async () => {
      await this.client.workflowService.describeNamespace({ namespace });
      return { namespace };
    });
  }

  workflowTasks() {
    return this.probe('workflowTasks', 'TEMPORAL_UNAVAILABLE', () => {
      const now = Date.now();
      if (!this.workflowTasksCache || this.workflowTasksCache.expiresAt <= now)
        this.workflowTasksCache = {
          expiresAt: now + WORKFLOW_TASKS_CACHE_MS,
          outcome: this.checkWorkflowTasks(),
        };
      return this.workflowTasksCache.outcome;
    });
  }

  private async checkWorkflowTasks(): Promise<Up> {
    const taskQueue = this.config.temporal.taskQueue;
    const { checked, failing, reason } = await failingWorkflowTasks(this.client, taskQueue);
    if (failing.length) {
      const examples = failing.slice(0, 3).map((f) => `${f.workflowId} (attempt ${f.attempt})`);
      throw new Down(
        'WORKFLOW_TASKS_FAILING',
        `${failing.length} of the ${checked} newest running workflows on task queue ${taskQueue} keep failing their workflow task, e.g. ${examples.join(', ')}${reason ? `: ${reason}` : ''}`,
      );
    }
    return { taskQueue, checked };
  }

  // Writable, with more free space than RECTIFY_EVIDENCE_MIN_FREE_BYTES.
  evidence() {
    const { dir } = this.config.evidence;
    const minFree = this.config.health.evidenceMinFreeBytes;
    return this.probe('evidence', 'EVIDENCE_STORE_UNAVAILABLE', async () => {
      await fs.promises.mkdir(dir, { recursive: true, mode: 0o750 });
      const probe = path.join(dir, `.ready-${randomBytes(6).toString('hex')}`);
      await fs.promises.writeFile(probe, '');
      await fs.promises.rm(probe);
      const { bavail, bsize } = await fs.promises.statfs(dir);
      const freeBytes = bavail * bsize;
      if (freeBytes < minFree)
        throw new Down(
          'EVIDENCE_STORE_UNAVAILABLE',
          `${freeBytes} bytes free at ${dir}, below RECTIFY_EVIDENCE_MIN_FREE_BYTES (${minFree})`,
        );
      return { freeBytes };
    });
  }

  // Up with the check's data, or down with its code; either within TIMEOUT_MS.
  private async probe<const Key extends string>(key: Key, code: ReadinessCode, check: () => Promise<Up>) {
    const session = this.indicators.check(key);
    const started = performance.now();
    const responseTime = () => Math.round(performance.now() - started);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Down(code, `no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    });
    try {
      const data = await Promise.race([check(), timeout]);
      return session.up({ ...data, responseTime: responseTime() });
    } catch (e) {
      const down = e instanceof Down ? e : new Down(code, errorText(e));
      this.logger.warn(`${key} is down (${down.code}): ${down.message}`);
      return session.down({
        code: down.code,
        message: PUBLIC_MESSAGES[down.code],
        responseTime: responseTime(),
      });
    } finally {
      clearTimeout(timer);
    }
  }
}

// Errors of Node's own modules are not always `instanceof Error` of this realm (e.g. under Jest).
function errorText(e: unknown): string {
  const message = (e as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(e);
}
