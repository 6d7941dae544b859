import { inSlices, nextSlice, SLICE_MS, sliceIsUp } from './event-loop-slices';

// Holds the thread a whole slice, as a large table's rows or a request's share of a shared
// reading do.
function holdASlice(): void {
  const started = performance.now();
  while (performance.now() - started < SLICE_MS) {
    // Work that holds the thread.
  }
}

// Counts the event loop's turns: a callback queued again runs once a turn.
function countTurns(): { readonly turns: () => number; readonly stop: () => void } {
  let turns = 0;
  let counting = true;
  const count = () => {
    turns++;
    if (counting) setImmediate(count);
  };
  setImmediate(count);
  return { turns: () => turns, stop: () => (counting = false) };
}

describe('slices of the event loop', () => {
  it('says the slice is up once SLICE_MS have passed since the last turn', async () => {
    await nextSlice();
    holdASlice();
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
    const counter = countTurns();
    const resumedAt: Record<string, number> = {};
    const work = async (name: string) => {
      await nextSlice();
      resumedAt[name] = counter.turns();
      holdASlice();
    };
    await Promise.all([work('first'), work('second'), work('third')]);
    counter.stop();
    expect(resumedAt.second).toBeGreaterThan(resumedAt.first);
    expect(resumedAt.third).toBeGreaterThan(resumedAt.second);
  });

  it('runs steps to their end, a turn of the event loop between them once a slice is up', async () => {
    function* steps(): Generator<void, string> {
      for (let i = 0; i < 3; i++) {
        holdASlice();
        yield;
      }
      return 'done';
    }
    const counter = countTurns();
    const result = await inSlices(steps());
    counter.stop();
    expect(result).toBe('done');
    // One turn after each step: each held the thread a whole slice.
    expect(counter.turns()).toBeGreaterThanOrEqual(3);
  });
});
