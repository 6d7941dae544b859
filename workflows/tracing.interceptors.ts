// Workflow interceptors the worker bundle carries (libs/temporal/src/workflow-source.ts):
// OpenTelemetry spans for the workflow, its updates, signals and the activities it schedules.
// Only in runs that started with them: the interceptors await around each activity, and those
// extra microtask turns reorder the commands of runs recorded without them (the replay test
// showed an update completing after a timer instead of before). So a run decides once, when
// the workflow function starts, through a patch marker; runs started before keep replaying
// exactly as recorded. Until that decision (messages in a run's first activation) nothing is
// intercepted.
import { interceptors as openTelemetryInterceptors } from '@temporalio/interceptors-opentelemetry/lib/workflow-interceptors';
import { patched, WorkflowInterceptors } from '@temporalio/workflow';

export const TRACING_INTERCEPTORS_PATCH = 'rectify-tracing-interceptors';

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
            return (input: unknown, next: (input: unknown) => unknown) => {
              traced = patched(TRACING_INTERCEPTORS_PATCH) ? openTelemetryInterceptors() : null;
              const execute = bound(real(kind), name);
              return execute ? execute(input, next) : next(input);
            };
          return bound(real(kind), name);
        },
      },
    );
  return { inbound: [gate('inbound')], outbound: [gate('outbound')], internals: [gate('internals')] };
};
