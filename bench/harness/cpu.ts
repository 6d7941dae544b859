// Where the machine's CPU goes while something runs: the whole machine's busy time (/proc/stat),
// Rectify's (this process's and a measure worker's of its own, every thread, and each thread on
// its own), and the Temporal server's processes (/proc/<pid>/stat), sampled every quarter second
// and read back over any stretch of the samples.
// Linux only: elsewhere the sampler gives null, and only this process's total is known.
import * as fs from 'node:fs';
import * as os from 'node:os';

// Clock ticks a second for /proc/<pid>/stat and /proc/stat (USER_HZ: 100 on every Linux that Node
// runs on).
const TICKS_PER_SECOND = 100;
const SAMPLE_MS = 250;

// utime + stime of a /proc/<pid>/stat or /proc/<pid>/task/<tid>/stat line, in seconds; fields
// after the command name, which is in parentheses and may hold spaces.
function statSeconds(file: string): number {
  const stat = fs.readFileSync(file, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of stat; 12 and 13 after the name and state.
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

// A process's CPU time, every thread, in seconds (elsewhere than Linux, this process's only).
export function cpuSecondsOf(pid: number): number {
  if (os.platform() === 'linux') return statSeconds(`/proc/${pid}/stat`);
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

// A process that ended between listing and reading counts for what it had: nothing more.
function processSeconds(pid: number): number {
  try {
    return statSeconds(`/proc/${pid}/stat`);
  } catch {
    return 0;
  }
}

// Busy time of every core together (all but idle and iowait), in seconds.
function machineBusySeconds(): number {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const [, ...ticks] = line.trim().split(/\s+/).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = ticks;
  return (user + nice + system + irq + softirq + steal) / TICKS_PER_SECOND;
}

// Each thread of these processes, keyed `pid/tid`.
function threadSeconds(pids: readonly number[]): Map<string, number> {
  const threads = new Map<string, number>();
  for (const pid of pids)
    try {
      for (const tid of fs.readdirSync(`/proc/${pid}/task`))
        try {
          threads.set(`${pid}/${tid}`, statSeconds(`/proc/${pid}/task/${tid}/stat`));
        } catch {
          // A thread that ended since the listing.
        }
    } catch {
      // A process that ended since it was named.
    }
  return threads;
}

// The processes whose command line holds `marker`, and every process below them.
export function processTree(marker: string): number[] {
  const parents = new Map<number, number>();
  const roots: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      parents.set(pid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      if (pid !== process.pid && fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker))
        roots.push(pid);
    } catch {
      // A process that ended since the listing.
    }
  }
  const tree = new Set(roots);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, parent] of parents)
      if (!tree.has(pid) && tree.has(parent)) {
        tree.add(pid);
        grew = true;
      }
  }
  return [...tree];
}

const round = (x: number) => Math.round(x * 100) / 100;

interface Sample {
  readonly atMs: number;
  readonly machine: number;
  readonly own: number;
  readonly threads: Map<string, number>;
  readonly server: number;
}

// Cores in use over a stretch (1.0 = one core busy throughout).
export interface CpuShare {
  readonly seconds: number;
  readonly machineCores: number;
  // Rectify's processes: this one and a measure worker's of its own, if there is one.
  readonly ownCores: number;
  // Their main threads (the API, the activities, the bench itself, gRPC's callbacks) and, busiest
  // first, their other threads that used a twentieth of a core or more: the workflow threads, the
  // Temporal core's, V8's and libuv's.
  readonly mainThreadCores: number;
  readonly otherThreadCores: readonly number[];
  readonly serverCores: number;
  // What the rest of the machine used: PostgreSQL, the build of another clone, anything else.
  readonly elsewhereCores: number;
}

export interface CpuSampler {
  // Cores in use from `fromMs` to `toMs` (epoch ms), read from the samples nearest inside them.
  between(fromMs: number, toMs: number): CpuShare | null;
  stop(): void;
}

// `serverPids` and `workerPids` (Rectify's processes besides this one) are read once: neither
// changes while a burst runs.
export function sampleCpu(serverPids: readonly number[], workerPids: readonly number[] = []): CpuSampler {
  if (os.platform() !== 'linux') return { between: () => null, stop: () => undefined };
  const rectify = [process.pid, ...workerPids];
  const samples: Sample[] = [];
  const take = () =>
    samples.push({
      atMs: Date.now(),
      machine: machineBusySeconds(),
      own: rectify.reduce((sum, pid) => sum + processSeconds(pid), 0),
      threads: threadSeconds(rectify),
      server: serverPids.reduce((sum, pid) => sum + processSeconds(pid), 0),
    });
  take();
  const timer = setInterval(take, SAMPLE_MS);
  return {
    stop: () => {
      clearInterval(timer);
      take();
    },
    between(fromMs, toMs) {
      const first = samples.find((s) => s.atMs >= fromMs);
      const last = [...samples].reverse().find((s) => s.atMs <= toMs);
      if (!first || !last || last.atMs - first.atMs < SAMPLE_MS) return null;
      const seconds = (last.atMs - first.atMs) / 1000;
      const cores = (d: number) => round(d / seconds);
      const threads = [...last.threads].map(([key, s]) => {
        const [pid, tid] = key.split('/');
        return { main: pid === tid, cores: cores(s - (first.threads.get(key) ?? 0)) };
      });
      const machineCores = cores(last.machine - first.machine);
      const ownCores = cores(last.own - first.own);
      const serverCores = cores(last.server - first.server);
      return {
        seconds,
        machineCores,
        ownCores,
        mainThreadCores: round(threads.filter((t) => t.main).reduce((sum, t) => sum + t.cores, 0)),
        otherThreadCores: threads
          .filter((t) => !t.main && t.cores >= 0.05)
          .map((t) => t.cores)
          .sort((a, b) => b - a),
        serverCores,
        elsewhereCores: Math.max(0, round(machineCores - ownCores - serverCores)),
      };
    },
  };
}
