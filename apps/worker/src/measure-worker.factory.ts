import { NativeConnection, Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import {
  AfterCommitHook,
  MeasureActivities,
  measureActivityFunctions,
} from '../../../activities/measure.activities';
import { MeasureEventRepository } from '../../../libs/persistence/src/repositories/measure-event.repository';
import { MeasureRepository } from '../../../libs/persistence/src/repositories/measure.repository';
import type { WorkflowSource } from '../../../libs/temporal/src/workflow-source';

export interface MeasureWorkerOptions {
  readonly connection: NativeConnection;
  readonly namespace: string;
  readonly taskQueue: string;
  readonly dataSource: DataSource;
  readonly workflows: WorkflowSource;
  // 0 turns off the workflow cache (and sticky queues): every task replays its history.
  readonly maxCachedWorkflows?: number;
  // Crash tests: SIGKILL this process after the first event of this kind committed.
  readonly killAfterCommit?: string | null;
}

// One place that assembles a worker: the worker app and the tests build it the same way.
export function createMeasureWorker(o: MeasureWorkerOptions): Promise<Worker> {
  const kind = o.killAfterCommit;
  const afterCommit: AfterCommitHook | undefined = kind
    ? (input) => {
        if (input.kind === kind) process.kill(process.pid, 'SIGKILL');
      }
    : undefined;
  const activities = measureActivityFunctions(
    new MeasureActivities(
      new MeasureEventRepository(o.dataSource),
      new MeasureRepository(o.dataSource),
      afterCommit,
    ),
  );
  return Worker.create({
    connection: o.connection,
    namespace: o.namespace,
    taskQueue: o.taskQueue,
    activities,
    maxCachedWorkflows: o.maxCachedWorkflows,
    ...o.workflows,
  });
}
