// One more API process on the same database as a harness: what a second replica behind a load
// balancer is. Same configuration, its own Nest app, its own database connections.
import type { INestApplication } from '@nestjs/common';
import { createApiApp } from '../../apps/api/src/api.factory';
import { client, RectifyClient, RectifyHarness } from './rectify-harness';

export interface ApiReplica {
  readonly app: INestApplication;
  readonly url: string;
  readonly anonymous: RectifyClient;
  stop(): Promise<void>;
}

export async function startApiReplica(rectify: RectifyHarness): Promise<ApiReplica> {
  const app = await createApiApp(rectify.config, { logger: false });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    app,
    url,
    anonymous: client(url, async () => null),
    stop: () => app.close(),
  };
}
