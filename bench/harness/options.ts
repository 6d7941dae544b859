// The command line of `npm run bench`.
export interface Options {
  readonly mode: 'quick' | 'full';
  readonly importSizes: number[];
  readonly runs: number;
  readonly latenessMeasures: number;
  readonly windowSeconds: number;
  readonly out: string;
  readonly maxCachedWorkflows: number;
}

function value(argv: readonly string[], flag: string): string | undefined {
  const i = argv.indexOf(flag);
  return i >= 0 ? argv[i + 1] : undefined;
}

function positive(argv: readonly string[], flag: string, fallback: number): number {
  const v = value(argv, flag);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 10 || n % 10 !== 0)
    throw new Error(`${flag} takes a whole number of measures, a multiple of 10 (got ${v})`);
  return n;
}

// --quick: 1k import ×3 with its baseline, lateness at 1k open measures (minutes: see BENCHMARKS.md).
// Default (full): 1k and 10k imports ×3, lateness at 10k. --size N replaces the import sizes and
// the lateness size with N (50000 is the large plan; see BENCHMARKS.md for how long it takes);
// --open N sets the lateness size alone; --cache N the measure worker's workflow cache (default 500).
export function parseOptions(argv: readonly string[], defaultOut: string): Options {
  const quick = argv.includes('--quick');
  const size = value(argv, '--size') === undefined ? undefined : positive(argv, '--size', 0);
  const runsArg = value(argv, '--runs');
  const runs = runsArg === undefined ? 3 : Number(runsArg);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`--runs takes a whole number ≥ 1 (got ${runsArg})`);
  const windowArg = value(argv, '--window');
  const windowSeconds = windowArg === undefined ? (quick ? 20 : 300) : Number(windowArg);
  if (!Number.isInteger(windowSeconds) || windowSeconds < 1)
    throw new Error(`--window takes whole seconds ≥ 1 (got ${windowArg})`);
  return {
    mode: quick ? 'quick' : 'full',
    importSizes: size ? [size] : quick ? [1000] : [1000, 10_000],
    runs,
    latenessMeasures: positive(argv, '--open', size ?? (quick ? 1000 : 10_000)),
    windowSeconds,
    out: value(argv, '--out') ?? defaultOut,
    maxCachedWorkflows: positive(argv, '--cache', 500),
  };
}
