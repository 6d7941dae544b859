// The machine line printed above every table: figures mean little without it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface Machine {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
  readonly loadAverage: readonly number[];
  readonly node: string;
  readonly temporalSdk: string;
  // Version and kind: the dev server on a SQLite file, or the full server on PostgreSQL.
  readonly temporal: string;
  readonly database: 'SQLite' | 'PostgreSQL';
  // glibc's malloc arenas, as the process was started with (`npm run bench` sets 2, as the images
  // do); null: glibc's default, 8 per core.
  readonly mallocArenaMax: string | null;
}

// `loadAverage`: as it was before the run's own servers started.
export function machine(repo: string, temporal: string, loadAverage: readonly number[]): Machine {
  const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: loadAverage.map((l) => Math.round(l * 100) / 100),
    node: process.version,
    temporalSdk: pkg.dependencies['@temporalio/client'],
    temporal,
    database: process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite',
    mallocArenaMax: process.env.MALLOC_ARENA_MAX ?? null,
  };
}

export function machineLine(m: Machine): string {
  return (
    `${m.cpus} cores (${m.cpuModel}), ${m.memoryGiB} GiB, load ${m.loadAverage.join(' ')} at start; ` +
    `Node ${m.node}, Temporal SDK ${m.temporalSdk}, ${m.temporal}; read model ${m.database}; ` +
    `MALLOC_ARENA_MAX ${m.mallocArenaMax ?? 'unset'}`
  );
}
