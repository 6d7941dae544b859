import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { routeTemplate } from './route-template';

// The server span of each request, parent of the Temporal client spans the handler starts. A
// caller's W3C `traceparent` continues its trace. Without a registered tracer provider (tracing
// off) the span is a no-op. Installed after the body parsers: they read the body in socket
// callbacks, which would run outside the span's context.
export function httpTracing(): RequestHandler {
  const tracer = trace.getTracer('rectify-api');
  return (req: Request, res: Response, next: NextFunction) => {
    const parent = propagation.extract(context.active(), req.headers);
    const span = tracer.startSpan(
      req.method,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'url.path': req.path } },
      parent,
    );
    res.once('finish', () => {
      const route = routeTemplate(req);
      span.updateName(`${req.method} ${route}`);
      span.setAttribute('http.route', route);
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), next);
  };
}
