import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig } from '../../../libs/config/src/rectify-config';
import { startTracing } from '../../../libs/observability/src/tracing';
import { createApiApp } from './api.factory';

async function main(): Promise<void> {
  const config = loadConfig();
  const tracing = startTracing('rectify-api', { otlpEndpoint: config.observability.otlpEndpoint });
  const app = await createApiApp(config, { tracing });
  await app.listen(config.http.port, config.http.host);
  const url = `http://${config.http.host}:${config.http.port}`;
  new Logger('API').log(`listening on ${url} (OpenAPI: ${url}/docs)`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
