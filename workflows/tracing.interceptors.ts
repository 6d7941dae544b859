// Workflow interceptors the worker bundle carries (libs/temporal/src/workflow-source.ts):
// OpenTelemetry spans for the workflow, its updates, signals and the activities it schedules.
// Only in runs that started with them: the interceptors await around each activity, and those
// extra microtask turns reorder the commands of runs recorded without them (the replay test
// showed an update completing after a timer instead of before). So a run decides once, when
// the workflow function starts, through a patch marker; runs started before keep replaying
// exactly as recorded. Until that decision (messages in a run's first activation) nothing is
// intercepted.
import type { Payload } from '@temporalio/common';
import { defaultPayloadConverter, patched, WorkflowInterceptors } from '@temporalio/workflow';

// Runs marked with it were all traced, whether tracing was on or not.
export const TRACING_INTERCEPTORS_PATCH = 'rectify-tracing-interceptors';
// Runs marked with this are traced only if their start carried a trace context, that is if
// tracing was on where they were started (the client's interceptor always sends the header; its
// carrier is empty when no tracer provider is registered). Tracing off, a run used to create its
// spans anyway, only for the worker's sink to drop them: every cached workflow kept an
// AsyncLocalStorage of its own, which each promise created on its workflow thread is tagged with
// (temporalio/sdk-typescript#1432), and a step's spans crossed to the main thread. The header is
// part of the run's start event, so the decision replays. A run started untraced stays so, and
// so do the runs it continues as (no interceptor carries a context to them): turning tracing on
// traces the runs started from then on.
export const TRACED_STARTS_ONLY_PATCH = 'rectify-traced-starts-only';
// The OpenTelemetry interceptors' header (TRACE_HEADER of @temporalio/interceptors-opentelemetry).
const TRACE_HEADER = '_tracer-data';

function startedTraced(headers: Record<string, Payload> | undefined): boolean {
  const carried = headers?.[TRACE_HEADER];
  if (!carried) return false;
  let carrier: unknown;
  try {
    carrier = defaultPayloadConverter.fromPayload<unknown>(carried);
  } catch {
    // Not the interceptors' JSON (another client's header of that name): no context to continue.
    return false;
  }
  return typeof carrier === 'object' && carrier !== null && Object.keys(carrier).length > 0;
}

function tracedRun(headers: Record<string, Payload> | undefined): boolean {
  if (patched(TRACED_STARTS_ONLY_PATCH)) return startedTraced(headers);
  return patched(TRACING_INTERCEPTORS_PATCH);
}

// The OpenTelemetry interceptors, loaded only by a run that is traced. The worker evaluates its
// interceptor modules and what they import afresh for every workflow it creates, a replay after
// eviction included: imported at the top, the OpenTelemetry SDK's modules were about a tenth of a
// workflow thread's time in a burst of ladder steps, for runs that never trace.
function openTelemetryInterceptors(): WorkflowInterceptors {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const otel = require('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors') as {
    interceptors(): WorkflowInterceptors;
  };
  return otel.interceptors();
}

type Kind = 'inbound' | 'outbound' | 'internals';
type Methods = Record<string | symbol, unknown>;

export const interceptors = (): WorkflowInterceptors => {
  // undefined: not decided yet; null: this run is not traced.
  let traced: WorkflowInterceptors | null | undefined;
  const real = (kind: Kind) => traced?.[kind]?.[0] as Methods | undefined;
  const bound = (target: Methods | undefined, name: string | symbol) => {
    const method = target?.[name];
    return typeof method === 'function' ? method.bind(target) : undefined;
  };
  // Has a method only while this run is traced: the SDK skips interceptors that lack the method,
  // so an untraced run runs exactly as it would without this module.
  const gate = (kind: Kind): object =>
    new Proxy(
      {},
      {
        get(_, name) {
          if (kind === 'inbound' && name === 'execute' && traced === undefined)
            return (input: { headers?: Record<string, Payload> }, next: (input: unknown) => unknown) => {
              traced = tracedRun(input.headers) ? openTelemetryInterceptors() : null;
              const execute = bound(real(kind), name);
              return execute ? execute(input, next) : next(input);
            };
          return bound(real(kind), name);
        },
      },
    );
  return { inbound: [gate('inbound')], outbound: [gate('outbound')], internals: [gate('internals')] };
};
