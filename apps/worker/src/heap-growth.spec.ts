import { Worker } from 'node:worker_threads';
import { limitHeapGrowth } from './heap-growth';

// A thread like a workflow thread with a full cache: about 110 MiB of data it keeps, and garbage
// made continually beside it. Answers the largest its heap grew to, in MiB.
function largestHeapOfAThread(): Promise<number> {
  const source = `
    const v8 = require('node:v8');
    const kept = [];
    for (let i = 0; i < 1_500_000; i++) kept.push({ i, text: 'kept ' + i });
    let largest = 0;
    for (let round = 0; round < 200; round++) {
      const garbage = [];
      for (let i = 0; i < 200_000; i++) garbage.push({ i, pair: [i, i] });
      largest = Math.max(largest, v8.getHeapStatistics().total_heap_size);
    }
    require('node:worker_threads').parentPort.postMessage({ largest, kept: kept.length });
  `;
  return new Promise((resolve, reject) => {
    const thread = new Worker(source, { eval: true });
    thread.once('message', (m: { largest: number }) => resolve(m.largest / 2 ** 20));
    thread.once('error', reject);
  });
}

describe('how far the worker lets a heap grow past its live data', () => {
  // The flag is process-wide: V8's own choice again for whatever runs in this process next.
  afterAll(() => limitHeapGrowth(0));

  it('keeps a thread holding many workflows well below the heap V8 would let it grow to', async () => {
    limitHeapGrowth(0);
    const ownChoice = await largestHeapOfAThread();
    limitHeapGrowth(50);
    const halfAgain = await largestHeapOfAThread();
    // V8's own factor is up to 4 when collecting is cheap beside the work (727 MiB against 342
    // when first measured); on a loaded machine both speeds fall together.
    expect(halfAgain).toBeLessThan(ownChoice * 0.75);
  }, 120_000);

  it.each([-1, 12.5, 301, Number.NaN])('refuses %s, naming the value', (percent) => {
    expect(() => limitHeapGrowth(percent)).toThrow(`(got ${percent})`);
  });
});
