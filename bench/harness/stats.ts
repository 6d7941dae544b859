// Order statistics for the figures: each reported figure is the median of several runs.
export function quantile(values: readonly number[], q: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest rank: p99 of 1,000 samples is the 990th, a sample that happened.
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);

// Seconds from `fromMs` to the last of `atMs` (a burst's due instant to its last record): NaN when
// nothing was recorded, as a quantile of no samples, not an empty Math.max's negative infinity.
export function drainSeconds(atMs: readonly number[], fromMs: number): number {
  return atMs.length ? (atMs.reduce((a, b) => Math.max(a, b)) - fromMs) / 1000 : Number.NaN;
}

export async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const start = process.hrtime.bigint();
  const result = await f();
  return [result, Number(process.hrtime.bigint() - start) / 1e6];
}
