import { inSlices, nextSlice, SLICE_MS, sliceIsUp } from './event-loop-slices';

describe('slices of the event loop', () => {
  it('says the slice is up once SLICE_MS have passed since the last turn', async () => {
    await nextSlice();
    const started = performance.now();
    while (performance.now() - started < SLICE_MS) {
      // Work that holds the thread, as a large table's rows do.
    }
    expect(sliceIsUp()).toBe(true);
  });

  it('gives the turn to what was waiting for it: a callback queued before the slice ran', async () => {
    const ran: string[] = [];
    setImmediate(() => ran.push('waiting callback'));
    await nextSlice();
    ran.push('work goes on');
    expect(ran).toEqual(['waiting callback', 'work goes on']);
  });

  it('resumes callers waiting together one slice at a time, a turn of the event loop between them', async () => {
    // Counts the event loop's turns: a callback queued again runs once a turn.
    let turns = 0;
    let counting = true;
    const count = () => {
      turns++;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    const resumedAt: Record<string, number> = {};
    const work = async (name: string) => {
      await nextSlice();
      resumedAt[name] = turns;
      const started = performance.now();
      while (performance.now() - started < SLICE_MS) {
        // Each holds the thread a whole slice, as each request's share of a shared reading does.
      }
    };
    await Promise.all([work('first'), work('second'), work('third')]);
    counting = false;
    expect(resumedAt.second).toBeGreaterThan(resumedAt.first);
    expect(resumedAt.third).toBeGreaterThan(resumedAt.second);
  });

  it('runs steps to their end, a turn of the event loop between them once a slice is up', async () => {
    function* steps(): Generator<void, string> {
      for (let i = 0; i < 3; i++) {
        const started = performance.now();
        while (performance.now() - started < SLICE_MS) {
          // A step holding the thread a whole slice.
        }
        yield;
      }
      return 'done';
    }
    let turns = 0;
    let counting = true;
    const count = () => {
      turns++;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    const result = await inSlices(steps());
    counting = false;
    expect(result).toBe('done');
    // One turn after each step: each held the thread a whole slice.
    expect(turns).toBeGreaterThanOrEqual(3);
  });
});
