import { Client, ClientInterceptors, Connection } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry';
import type { RectifyConfig } from '../../config/src/rectify-config';
import { temporalConnectionOptions } from './temporal-connection-options';
import { temporalDataConverter } from './temporal-data-converter';

// Lazy: the API starts (and /health can say so) while Temporal is still coming up.
export function connectClient(config: RectifyConfig['temporal']): Client {
  const connection = Connection.lazy({ ...temporalConnectionOptions(config), connectTimeout: '10 seconds' });
  return new Client({
    connection,
    namespace: config.namespace,
    dataConverter: temporalDataConverter(config),
    interceptors: tracingClientInterceptors(),
  });
}

// Starts, updates and signals carry the caller's trace context into the workflow; no-ops while
// no tracer provider is registered (tracing off).
export function tracingClientInterceptors(): ClientInterceptors {
  return { workflow: [new OpenTelemetryWorkflowClientInterceptor()] };
}
