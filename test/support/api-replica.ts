// One more API process on the same database as a harness: what a second replica behind a load
// balancer is. Same configuration, its own Nest app, its own database connections.
import type { INestApplication, LoggerService } from '@nestjs/common';
import { createApiApp } from '../../apps/api/src/api.factory';
import type { RectifyConfig } from '../../libs/config/src/rectify-config';
import { client, RectifyClient, RectifyHarness } from './rectify-harness';

export interface ApiReplica {
  readonly app: INestApplication;
  readonly url: string;
  readonly anonymous: RectifyClient;
  stop(): Promise<void>;
}

export interface ReplicaOptions {
  // A configuration of its own (e.g. another Temporal address); the harness's by default.
  readonly config?: RectifyConfig;
  // Where it logs; by default nowhere.
  readonly logger?: LoggerService;
}

export async function startApiReplica(rectify: RectifyHarness, o: ReplicaOptions = {}): Promise<ApiReplica> {
  const app = await createApiApp(o.config ?? rectify.config, { logger: o.logger ?? false });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    app,
    url,
    anonymous: client(url, async () => null),
    stop: () => app.close(),
  };
}
