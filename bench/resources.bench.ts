// The measure worker's memory and CPU as open workflows grow (1k → 10k → 50k in a full run): a
// sample after each import size, once the workers caught up. The worker runs in the bench process
// beside the API and the baseline's worker, so these are that process's figures: resident memory
// (/proc/self/status VmRSS, every thread's heap and the Temporal core's memory included), the main
// thread's V8 heap, and CPU time over the phase (/proc/self/stat utime + stime, all threads).
// With a workflow cache of `maxCachedWorkflows`, resident memory should stop growing once more
// workflows are open than the cache holds: the rest wait on the server, not in the worker.
import * as fs from 'node:fs';
import * as os from 'node:os';

export interface ResourceSample {
  readonly what: string;
  readonly openMeasureWorkflows: number;
  readonly rssMiB: number;
  readonly heapUsedMiB: number;
  // CPU time of the bench process over the phase, in cores (1.0 = one core busy throughout).
  readonly cpuCores: number;
  readonly phaseSeconds: number;
}

// Clock ticks a second for /proc/<pid>/stat (USER_HZ: 100 on every Linux that Node runs on).
const TICKS_PER_SECOND = 100;

function cpuSeconds(): number {
  if (os.platform() === 'linux') {
    // Fields after the command name, which is in parentheses and may hold spaces.
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat; 12 and 13 after the name and state.
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  }
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

function rssMiB(): number {
  if (os.platform() === 'linux') {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  }
  return process.memoryUsage().rss / 2 ** 20;
}

// Starts a phase; its end answers the sample.
export function resourcePhase(what: string): (openMeasureWorkflows: number) => ResourceSample {
  const cpu0 = cpuSeconds();
  const t0 = process.hrtime.bigint();
  return (openMeasureWorkflows) => {
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    return {
      what,
      openMeasureWorkflows,
      rssMiB: Math.round(rssMiB()),
      heapUsedMiB: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
      cpuCores: Math.round(((cpuSeconds() - cpu0) / seconds) * 100) / 100,
      phaseSeconds: Math.round(seconds),
    };
  };
}
