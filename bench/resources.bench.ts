// The measure worker's memory and CPU as open workflows grow (1k → 10k → 50k in a full run): a
// sample after each import size, once the workers caught up. The worker runs in the bench process
// beside the API and the baseline's worker, so these are that process's figures (with
// --worker-process, the worker's own process's, the API and the imports elsewhere): resident
// memory (/proc/<pid>/status VmRSS, every thread's heap and the Temporal core's memory included),
// the bench process's main V8 heap, and CPU time over the phase (/proc/<pid>/stat utime + stime,
// all threads).
// With a workflow cache of `maxCachedWorkflows`, resident memory should stop growing once more
// workflows are open than the cache holds: the rest wait on the server, not in the worker.
// Resident memory at one instant swings by hundreds of MiB with the V8 heaps' collections (the
// workflow threads' heaps grow and shrink as they run), so each phase also samples it every
// second: its median and its peak over the phase say more than the value at its end.
import * as fs from 'node:fs';
import * as os from 'node:os';
import { cpuSecondsOf } from './harness/cpu';

export interface ResourceSample {
  readonly what: string;
  readonly openMeasureWorkflows: number;
  readonly rssMiB: number;
  // Over the phase, sampled every second.
  readonly rssMedianMiB: number;
  readonly rssPeakMiB: number;
  // The main V8 heap's used size; null for a worker process of its own (not readable from here).
  readonly heapUsedMiB: number | null;
  // Where the resident memory is (Linux; null elsewhere): see `residentByKind`.
  readonly resident: ResidentByKind | null;
  // CPU time of the process over the phase, in cores (1.0 = one core busy throughout).
  readonly cpuCores: number;
  readonly phaseSeconds: number;
}

function rssMiB(pid: number): number {
  if (os.platform() === 'linux') {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (m) return Number(m[1]) / 1024;
  }
  return process.memoryUsage().rss / 2 ** 20;
}

export interface ResidentByKind {
  // Anonymous 256-KiB mappings: V8's heap pages, of every isolate in the process (the main
  // thread's, each workflow thread's, the plan reader's).
  readonly v8PagesMiB: number;
  // glibc malloc's arenas: the main one (`[heap]`) and the threads' (64-MiB-aligned heaps): native
  // allocations of Node, the Temporal core (Rust), SQLite and zlib.
  readonly mallocArenasMiB: number;
  // Every other anonymous mapping: large allocations malloc maps on their own, V8's large-object
  // and code spaces, thread stacks.
  readonly otherAnonymousMiB: number;
  // Mapped files: node itself, native modules, SQLite files.
  readonly filesMiB: number;
}

// glibc's thread arenas reserve 64 MiB each, aligned to 64 MiB, and map the part in use
// read-write (HEAP_MAX_SIZE on 64-bit Linux); V8 maps its regular heap pages 256 KiB at a time.
// A mapping is told by those shapes alone, so the split is an estimate, not an accounting.
const ARENA = 64 * 2 ** 20;
const V8_PAGE = 256 * 1024;

export function residentByKind(smaps: string): ResidentByKind {
  const maps: { start: number; end: number; perm: string; name: string; rssKiB: number }[] = [];
  for (const line of smaps.split('\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) {
      maps.push({
        start: parseInt(head[1], 16),
        end: parseInt(head[2], 16),
        perm: head[3],
        name: head[4].trim(),
        rssKiB: 0,
      });
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss && maps.length) maps[maps.length - 1].rssKiB = Number(rss[1]);
  }
  const kiB = { v8: 0, arenas: 0, other: 0, files: 0 };
  maps.forEach((m, i) => {
    const next = maps[i + 1];
    const arena =
      m.start % ARENA === 0 &&
      m.perm === 'rw-p' &&
      (m.end - m.start === ARENA ||
        (next?.start === m.end && next.perm === '---p' && next.end - m.start === ARENA));
    if (m.name === '[heap]' || (!m.name && arena)) kiB.arenas += m.rssKiB;
    else if (m.name.startsWith('/')) kiB.files += m.rssKiB;
    else if (m.name) kiB.other += m.rssKiB;
    else if (m.end - m.start === V8_PAGE) kiB.v8 += m.rssKiB;
    else kiB.other += m.rssKiB;
  });
  return {
    v8PagesMiB: Math.round(kiB.v8 / 1024),
    mallocArenasMiB: Math.round(kiB.arenas / 1024),
    otherAnonymousMiB: Math.round(kiB.other / 1024),
    filesMiB: Math.round(kiB.files / 1024),
  };
}

function resident(pid: number): ResidentByKind | null {
  if (os.platform() !== 'linux') return null;
  return residentByKind(fs.readFileSync(`/proc/${pid}/smaps`, 'utf8'));
}

// Starts a phase of the measure worker's process `pid` (this one, unless it runs apart); its end
// answers the sample.
export function resourcePhase(
  what: string,
  pid: number = process.pid,
): (openMeasureWorkflows: number) => ResourceSample {
  const cpu0 = cpuSecondsOf(pid);
  const t0 = process.hrtime.bigint();
  const rss = [rssMiB(pid)];
  const sampling = setInterval(() => rss.push(rssMiB(pid)), 1000).unref();
  return (openMeasureWorkflows) => {
    clearInterval(sampling);
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const now = rssMiB(pid);
    rss.push(now);
    const sorted = [...rss].sort((a, b) => a - b);
    return {
      what,
      openMeasureWorkflows,
      rssMiB: Math.round(now),
      rssMedianMiB: Math.round(sorted[Math.floor(sorted.length / 2)]),
      rssPeakMiB: Math.round(sorted[sorted.length - 1]),
      heapUsedMiB: pid === process.pid ? Math.round(process.memoryUsage().heapUsed / 2 ** 20) : null,
      resident: resident(pid),
      cpuCores: Math.round(((cpuSecondsOf(pid) - cpu0) / seconds) * 100) / 100,
      phaseSeconds: Math.round(seconds),
    };
  };
}
