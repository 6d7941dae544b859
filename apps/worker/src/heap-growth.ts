import * as v8 from 'node:v8';

// How far each V8 heap of the process grows past its live data before V8 collects it whole. V8
// picks the factor itself, up to four times the live data when collecting is cheap beside the
// work: each workflow thread holding 1,000 cached measures (about 140 MiB live) grew to 500 MiB
// and more before its next full collection, so the worker's resident memory rose with the
// workflows run since, not with the workflows kept (the live data stayed flat past the cache:
// BENCHMARKS.md, "The workflow threads' heaps"). A fixed factor of 1.5 kept them at about 250 MiB
// for a few more collections. The flag is read at each collection by every isolate of the
// process, those already running included: the worker's threads, the main thread, and the API's
// when it runs in the same process.
export function limitHeapGrowth(percent: number): void {
  if (!Number.isInteger(percent) || percent < 0 || percent > 300)
    throw new Error(`heap growth must be a whole percentage from 0 to 300 (got ${percent})`);
  v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}
