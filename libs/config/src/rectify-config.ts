// The one place that reads the environment. Parsed once; a bad value stops the process at boot
// with the variable named, instead of failing later in a request.
import * as path from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65_535);

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL (leave it unset for the embedded SQLite file)')
    .optional(),
  RECTIFY_SQLITE_PATH: z.string().min(1).optional(),
  RECTIFY_DB_LOGGING: z.enum(['true', 'false']).default('false'),
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[^\s:]+:\d+$/, 'must be host:port')
    .default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('rectify'),
  TEMPORAL_UI_URL: z.string().url().optional(),
  RECTIFY_WORKFLOW_BUNDLE: z.string().min(1).optional(),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
});

export type DatabaseConfig =
  | { readonly kind: 'postgres'; readonly url: string; readonly logging: boolean }
  | { readonly kind: 'sqlite'; readonly file: string; readonly logging: boolean };

export interface RectifyConfig {
  readonly database: DatabaseConfig;
  readonly temporal: {
    readonly address: string;
    readonly namespace: string;
    readonly taskQueue: string;
    readonly uiUrl: string | null;
  };
  readonly http: { readonly host: string; readonly port: number };
  // A prebuilt workflow bundle (npm run build); unset, the worker bundles the sources at start.
  readonly worker: { readonly workflowBundlePath: string | null };
}

export class ConfigError extends Error {}

export function parseConfig(env: Record<string, string | undefined>, cwd = process.cwd()): RectifyConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration: ${lines.join('; ')}`);
  }
  const e = parsed.data;
  const logging = e.RECTIFY_DB_LOGGING === 'true';
  return {
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, logging }
      : { kind: 'sqlite', file: path.resolve(cwd, e.RECTIFY_SQLITE_PATH ?? '.data/rectify.sqlite'), logging },
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      uiUrl: e.TEMPORAL_UI_URL ?? null,
    },
    http: { host: e.HOST, port: e.PORT },
    worker: {
      workflowBundlePath: e.RECTIFY_WORKFLOW_BUNDLE ? path.resolve(cwd, e.RECTIFY_WORKFLOW_BUNDLE) : null,
    },
  };
}

let cached: RectifyConfig | undefined;

export function loadConfig(): RectifyConfig {
  cached ??= parseConfig(process.env);
  return cached;
}
