import type { Client } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry';
import { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import {
  AfterCommitHook,
  MeasureActivities,
  measureActivityFunctions,
} from '../../../activities/measure.activities';
import {
  AfterSentHook,
  DeliveryActivities,
  deliveryActivityFunctions,
  NoticeChannels,
} from '../../../activities/delivery.activities';
import { CadenceActivities, cadenceActivityFunctions } from '../../../activities/cadence.activities';
import { CaseActivities, caseActivityFunctions } from '../../../activities/case.activities';
import {
  InstructionActivities,
  instructionActivityFunctions,
} from '../../../activities/instruction.activities';
import {
  ProblemLeadActivities,
  problemLeadActivityFunctions,
} from '../../../activities/problem-lead.activities';
import { ProblemLeadRepository } from '../../../libs/persistence/src/repositories/problem-lead.repository';
import { AccountabilityRepository } from '../../../libs/persistence/src/repositories/accountability.repository';
import { LeaderInstructionRepository } from '../../../libs/persistence/src/repositories/leader-instruction.repository';
import { PlanRepository } from '../../../libs/persistence/src/repositories/plan.repository';
import { UnitRepository } from '../../../libs/persistence/src/repositories/unit.repository';
import { AccountabilityCaseGateway } from '../../../libs/temporal/src/accountability-case.gateway';
import { CadenceRepository } from '../../../libs/persistence/src/repositories/cadence.repository';
import { DeliveryRepository } from '../../../libs/persistence/src/repositories/delivery.repository';
import { DeliveryPlanner } from '../../../libs/notifications/src/delivery-planner';
import { DeliveryWorkflowGateway } from '../../../libs/temporal/src/delivery-workflow.gateway';
import { MeasureEventRepository } from '../../../libs/persistence/src/repositories/measure-event.repository';
import { MeasureRepository } from '../../../libs/persistence/src/repositories/measure.repository';
import { WORKFLOW_INTERCEPTOR_MODULES, WorkflowSource } from '../../../libs/temporal/src/workflow-source';
import type { LadderMetrics } from '../../../libs/observability/src/ladder-metrics';
import { Tracing, workflowSpanTarget } from '../../../libs/observability/src/tracing';
import {
  DEFAULT_HEAP_GROWING_PERCENT,
  DEFAULT_WORKFLOW_STACK_FRAMES,
} from '../../../libs/config/src/rectify-config';
import { limitHeapGrowth } from './heap-growth';
import { limitWorkflowStackFrames } from './workflow-stack-frames';

// Polls a worker keeps open on one kind of task queue: at most N at once, or as many as the
// server's hints ask for (the SDK's autoscaling poller, 1 to 100).
export type Pollers = number | 'autoscaling';

// The worker's concurrency; each unset one is the SDK's default. A new workflow's first task waits
// on the task queue itself, every later one on the worker's sticky queue while it stays cached.
export interface WorkerConcurrency {
  // Workflow task polls open at once, both queues together (SDK: at most 10).
  readonly workflowTaskPollers?: Pollers;
  // The share of a fixed number of workflow task polls kept on the task queue itself (SDK: 0.2,
  // i.e. 2 of 10); autoscaling pollers scale each queue on its own.
  readonly nonStickyToStickyPollRatio?: number;
  // Workflow tasks run at once (SDK: 40), at most the workflow cache.
  readonly workflowTaskSlots?: number;
  readonly activityTaskPollers?: Pollers;
  // Activities run at once (SDK: 100).
  readonly activityTaskSlots?: number;
}

function pollerBehavior(p: Pollers | undefined): WorkerOptions['workflowTaskPollerBehavior'] {
  if (p === undefined) return undefined;
  return p === 'autoscaling' ? { type: 'autoscaling' } : { type: 'simple-maximum', maximum: p };
}

// The SDK's options for `c` (its own `maxConcurrentWorkflowTaskPolls` is no longer read by this
// SDK version: the poller behaviours are).
export function concurrencyOptions(c: WorkerConcurrency = {}): Partial<WorkerOptions> {
  return {
    workflowTaskPollerBehavior: pollerBehavior(c.workflowTaskPollers),
    nonStickyToStickyPollRatio: c.nonStickyToStickyPollRatio,
    maxConcurrentWorkflowTaskExecutions: c.workflowTaskSlots,
    activityTaskPollerBehavior: pollerBehavior(c.activityTaskPollers),
    maxConcurrentActivityTaskExecutions: c.activityTaskSlots,
  };
}

export interface MeasureWorkerOptions {
  readonly connection: NativeConnection;
  readonly namespace: string;
  readonly taskQueue: string;
  // Payload encryption (temporalDataConverter); none: the SDK's default converter.
  readonly dataConverter?: DataConverter;
  readonly dataSource: DataSource;
  readonly workflows: WorkflowSource;
  // 0 turns off the workflow cache (and sticky queues): every task replays its history.
  readonly maxCachedWorkflows?: number;
  // Threads running workflow code (the SDK's default with a reused V8 context: one).
  readonly workflowThreads?: number;
  // Frames of each stack in workflow code: the stack trace query's and a failure's (V8's default:
  // 10). See workflow-stack-frames.ts.
  readonly workflowStackFrames?: number;
  // How far a V8 heap grows past its live data before a full collection, in percent (0: V8's own
  // choice). Process-wide; see heap-growth.ts.
  readonly heapGrowingPercent?: number;
  readonly concurrency?: WorkerConcurrency;
  // Crash tests: SIGKILL this process after the first event of this kind committed (a measure
  // event's kind, or `case_opened` for an accountability case's row, before its clock starts).
  readonly killAfterCommit?: string | null;
  // Crash tests: SIGKILL this process after the first delivery on this channel was marked sent.
  readonly killAfterDelivery?: 'email' | 'webhook' | null;
  // Delivery of notification requests: a client to start delivery workflows with, the channels
  // to send on, the link base and the retry policy.
  readonly delivery: {
    readonly client: Client;
    readonly channels: NoticeChannels;
    readonly publicUrl: string;
    readonly attempts: number;
    readonly backoffMs: number;
  };
  // Where recorded ladder steps are counted (the worker's /metrics); none: not counted.
  readonly ladderMetrics?: LadderMetrics;
  // Where workflow spans go; none: dropped (activity spans follow the global tracer provider).
  readonly tracing?: Tracing | null;
}

// One place that assembles a worker: the worker app and the tests build it the same way.
export function createMeasureWorker(o: MeasureWorkerOptions): Promise<Worker> {
  const kind = o.killAfterCommit;
  const afterCommit: AfterCommitHook | undefined = kind
    ? (input) => {
        if (input.kind === kind) process.kill(process.pid, 'SIGKILL');
      }
    : undefined;
  const channel = o.killAfterDelivery;
  const afterSent: AfterSentHook | undefined = channel
    ? (delivery) => {
        if (delivery.channel === channel) process.kill(process.pid, 'SIGKILL');
      }
    : undefined;
  const deliveries = new DeliveryRepository(o.dataSource);
  const dispatcher = new DeliveryWorkflowGateway(
    o.delivery.client,
    o.taskQueue,
    { attempts: o.delivery.attempts, backoffMs: o.delivery.backoffMs },
    new DeliveryPlanner(deliveries),
  );
  const cases = new AccountabilityRepository(o.dataSource);
  const caseGateway = new AccountabilityCaseGateway(
    o.delivery.client,
    o.taskQueue,
    cases,
    new UnitRepository(o.dataSource),
    dispatcher,
    kind === 'case_opened' ? () => process.kill(process.pid, 'SIGKILL') : undefined,
  );
  const activities = {
    ...measureActivityFunctions(
      new MeasureActivities(new MeasureEventRepository(o.dataSource), new MeasureRepository(o.dataSource), {
        afterCommit,
        dispatcher,
        requestIdsOfEvent: (eventId) => deliveries.requestIdsOfEvent(eventId),
        cases: caseGateway,
        ladderMetrics: o.ladderMetrics,
      }),
    ),
    ...caseActivityFunctions(new CaseActivities(cases, dispatcher)),
    ...problemLeadActivityFunctions(
      new ProblemLeadActivities(new ProblemLeadRepository(o.dataSource), cases),
    ),
    ...deliveryActivityFunctions(
      new DeliveryActivities(deliveries, o.delivery.channels, o.delivery.publicUrl, afterSent),
    ),
    ...cadenceActivityFunctions(new CadenceActivities(new CadenceRepository(o.dataSource), dispatcher)),
    ...instructionActivityFunctions(
      new InstructionActivities(
        new LeaderInstructionRepository(o.dataSource),
        new PlanRepository(o.dataSource),
        dispatcher,
      ),
    ),
  };
  const spans = workflowSpanTarget(o.tracing);
  limitWorkflowStackFrames(o.workflowStackFrames ?? DEFAULT_WORKFLOW_STACK_FRAMES);
  limitHeapGrowth(o.heapGrowingPercent ?? DEFAULT_HEAP_GROWING_PERCENT);
  return Worker.create({
    connection: o.connection,
    namespace: o.namespace,
    taskQueue: o.taskQueue,
    dataConverter: o.dataConverter,
    activities,
    maxCachedWorkflows: o.maxCachedWorkflows,
    workflowThreadPoolSize: o.workflowThreads,
    ...concurrencyOptions(o.concurrency),
    ...o.workflows,
    // Traces: activities continue the workflow's span; workflow spans leave through the sink.
    interceptors: {
      activity: [
        (ctx) => ({
          inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
          outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
        }),
      ],
      // A prebuilt bundle has them built in (scripts/build-workflow-bundle.ts).
      ...('workflowsPath' in o.workflows ? { workflowModules: [...WORKFLOW_INTERCEPTOR_MODULES] } : {}),
    },
    sinks: { exporter: makeWorkflowExporter(spans.spanProcessor, spans.resource) },
  });
}
