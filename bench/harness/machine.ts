// The machine line printed above every table: figures mean little without it.
import { execFileSync } from 'node:child_process';
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
  // The machine's speed (ladderRate) before the run's servers started, and at its end.
  readonly laddersPerSecondAtStart: number;
  readonly laddersPerSecondAtEnd?: number;
}

// The machine's speed (ladder-rate.ts): the fastest of three processes, each of which moves by a
// tenth from the one before on an idle machine. A shared machine here has run at two thirds and at
// half its speed for hours, moving every figure with it; the same figure at a run's start and end
// says whether its figures compare with another run's.
export function ladderRate(): number {
  const script = path.join(__dirname, 'ladder-rate.js');
  return Math.max(
    ...[1, 2, 3].map(() => Number(execFileSync(process.execPath, [script], { encoding: 'utf8' }))),
  );
}

// What a run knew of the machine before its own servers started.
export interface MachineAtStart {
  readonly loadAverage: readonly number[];
  readonly laddersPerSecond: number;
}

export function machineAtStart(): MachineAtStart {
  return { loadAverage: os.loadavg(), laddersPerSecond: ladderRate() };
}

export function machine(repo: string, temporal: string, start: MachineAtStart): Machine {
  const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: start.loadAverage.map((l) => Math.round(l * 100) / 100),
    node: process.version,
    temporalSdk: pkg.dependencies['@temporalio/client'],
    temporal,
    database: process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite',
    mallocArenaMax: process.env.MALLOC_ARENA_MAX ?? null,
    laddersPerSecondAtStart: start.laddersPerSecond,
  };
}

// The machine as it is at the run's end: its speed measured again.
export function machineAtEnd(m: Machine): Machine {
  return { ...m, laddersPerSecondAtEnd: ladderRate() };
}

const thousands = (n: number) => `${Math.round(n / 1000)}k`;

export function machineLine(m: Machine): string {
  return (
    `${m.cpus} cores (${m.cpuModel}), ${m.memoryGiB} GiB, load ${m.loadAverage.join(' ')} at start; ` +
    `Node ${m.node}, Temporal SDK ${m.temporalSdk}, ${m.temporal}; read model ${m.database}; ` +
    `MALLOC_ARENA_MAX ${m.mallocArenaMax ?? 'unset'}; speed ${thousands(m.laddersPerSecondAtStart)} ladders/s at start` +
    (m.laddersPerSecondAtEnd === undefined ? '' : `, ${thousands(m.laddersPerSecondAtEnd)} at end`)
  );
}
