import { trace } from '@opentelemetry/api';
import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseConfig } from '../../libs/config/src/rectify-config';
import { startTracing } from '../../libs/observability/src/tracing';

// A stand-in OTLP/HTTP collector: records what is posted to it.
async function collector(): Promise<{
  server: Server;
  url: string;
  received: { path: string; body: string }[];
}> {
  const received: { path: string; body: string }[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString('utf8')));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

describe('trace export over OTLP/HTTP', () => {
  it('is off without an endpoint', () => {
    expect(
      startTracing('rectify-api', { otlpEndpoint: parseConfig({}).observability.otlpEndpoint }),
    ).toBeNull();
  });

  it('posts spans to <endpoint>/v1/traces under the service name, once configured', async () => {
    const otlp = await collector();
    try {
      const { otlpEndpoint } = parseConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: `${otlp.url}/` }).observability;
      const tracing = startTracing('rectify-worker', { otlpEndpoint })!;
      trace.getTracer('test').startSpan('exported-span').end();
      // Shutting down flushes the batch.
      await tracing.shutdown();
      expect(otlp.received.map((r) => r.path)).toEqual(['/v1/traces']);
      expect(otlp.received[0].body).toContain('exported-span');
      expect(otlp.received[0].body).toContain('rectify-worker');
    } finally {
      otlp.server.close();
    }
  });
});
