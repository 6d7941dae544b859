import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, NoopSpanProcessor, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

// What the worker hands to Temporal's workflow span sink: where spans go and who made them.
export interface Tracing {
  readonly spanProcessor: SpanProcessor;
  readonly resource: Resource;
  shutdown(): Promise<void>;
}

export type ServiceName = 'rectify-api' | 'rectify-worker';

// Off (null) unless an OTLP endpoint or a span processor (tests: an in-memory exporter) is given.
// On, it registers the process's global tracer provider, so the HTTP middleware and Temporal's
// client and activity interceptors, which are always installed, start recording; off, they are
// no-ops.
export function startTracing(
  service: ServiceName,
  target: { readonly otlpEndpoint: string | null; readonly spanProcessor?: SpanProcessor },
): Tracing | null {
  const spanProcessor =
    target.spanProcessor ??
    (target.otlpEndpoint
      ? new BatchSpanProcessor(new OTLPTraceExporter({ url: `${target.otlpEndpoint}/v1/traces` }))
      : null);
  if (!spanProcessor) return null;
  const resource = new Resource({ 'service.name': service });
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor] });
  provider.register();
  return { spanProcessor, resource, shutdown: () => provider.shutdown() };
}

// Workflow spans leave the sandbox through a sink; with tracing off they are dropped here.
export function workflowSpanTarget(tracing: Tracing | null | undefined): {
  spanProcessor: SpanProcessor;
  resource: Resource;
} {
  return tracing ?? { spanProcessor: new NoopSpanProcessor(), resource: Resource.EMPTY };
}
