import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, NoopSpanProcessor, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type * as OtlpHttp from '@opentelemetry/exporter-trace-otlp-http';
import type * as SdkTraceNode from '@opentelemetry/sdk-trace-node';

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
// no-ops. The Node provider and the OTLP exporter (with its protobuf encoders) are loaded only when
// tracing is on: off, the API and the worker start without them.
export function startTracing(
  service: ServiceName,
  target: { readonly otlpEndpoint: string | null; readonly spanProcessor?: SpanProcessor },
): Tracing | null {
  const spanProcessor =
    target.spanProcessor ?? (target.otlpEndpoint ? otlpExport(target.otlpEndpoint) : null);
  if (!spanProcessor) return null;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node') as typeof SdkTraceNode;
  const resource = new Resource({ 'service.name': service });
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor] });
  provider.register();
  return { spanProcessor, resource, shutdown: () => provider.shutdown() };
}

function otlpExport(endpoint: string): SpanProcessor {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof OtlpHttp;
  return new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint}/v1/traces` }));
}

// Workflow spans leave the sandbox through a sink; with tracing off they are dropped here.
export function workflowSpanTarget(tracing: Tracing | null | undefined): {
  spanProcessor: SpanProcessor;
  resource: Resource;
} {
  return tracing ?? { spanProcessor: new NoopSpanProcessor(), resource: Resource.EMPTY };
}
