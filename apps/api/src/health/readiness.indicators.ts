import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Client } from '@temporalio/client';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { RECTIFY_CONFIG } from '../../../../libs/config/src/config.module';
import type { RectifyConfig } from '../../../../libs/config/src/rectify-config';
import type { ErrorCode } from '../../../../libs/domain/src/domain-error';
import { failingWorkflowTasks } from '../../../../libs/temporal/src/failing-workflow-tasks';

const TIMEOUT_MS = 5_000;
// The workflow-task check makes a call per sampled workflow: probes every few seconds share one.
const WORKFLOW_TASKS_CACHE_MS = 15_000;

// What the API needs to serve: the read model, the workflow service, running workflows that
// make progress, and room to store evidence.
@Injectable()
export class ReadinessIndicators {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(Client) private readonly client: Client,
    @Inject(RECTIFY_CONFIG) private readonly config: RectifyConfig,
  ) {}

  all() {
    return [() => this.database(), () => this.temporal(), () => this.workflowTasks(), () => this.evidence()];
  }

  // Down, it carries the code a command would be refused with, so a probe's log says why.
  async database() {
    const result = await this.indicators
      .check('database')
      .attempt(async () => {
        await this.ds.query('SELECT 1');
      })
      .withTimeout(TIMEOUT_MS);
    const { status, ...data } = result.database;
    if (status === 'up') return result;
    const code: ErrorCode = 'DATABASE_UNAVAILABLE';
    return this.indicators.check('database').down({ code, ...data });
  }

  // Reachable, and the namespace exists.
  temporal() {
    const namespace = this.config.temporal.namespace;
    return this.indicators
      .check('temporal')
      .attempt(async () => {
        await this.client.workflowService.describeNamespace({ namespace });
        return { namespace };
      })
      .withTimeout(TIMEOUT_MS);
  }

  workflowTasks() {
    const taskQueue = this.config.temporal.taskQueue;
    return this.indicators
      .check('workflowTasks')
      .attempt(async () => {
        const { checked, failing, reason } = await failingWorkflowTasks(this.client, taskQueue);
        if (failing.length) {
          const examples = failing.slice(0, 3).map((f) => `${f.workflowId} (attempt ${f.attempt})`);
          throw new Error(
            `${failing.length} of the ${checked} newest running workflows on task queue ${taskQueue} keep failing their workflow task, e.g. ${examples.join(', ')}${reason ? `: ${reason}` : ''}`,
          );
        }
        return { taskQueue, checked };
      })
      .withTimeout(TIMEOUT_MS)
      .cacheFor(WORKFLOW_TASKS_CACHE_MS);
  }

  // Writable, with more free space than RECTIFY_EVIDENCE_MIN_FREE_BYTES.
  evidence() {
    const { dir } = this.config.evidence;
    const minFree = this.config.health.evidenceMinFreeBytes;
    return this.indicators
      .check('evidence')
      .attempt(async () => {
        await fs.promises.mkdir(dir, { recursive: true, mode: 0o750 });
        const probe = path.join(dir, `.ready-${randomBytes(6).toString('hex')}`);
        await fs.promises.writeFile(probe, '');
        await fs.promises.rm(probe);
        const { bavail, bsize } = await fs.promises.statfs(dir);
        const freeBytes = bavail * bsize;
        if (freeBytes < minFree)
          throw new Error(
            `${freeBytes} bytes free at ${dir}, below RECTIFY_EVIDENCE_MIN_FREE_BYTES (${minFree})`,
          );
        return { freeBytes };
      })
      .withTimeout(TIMEOUT_MS);
  }
}
