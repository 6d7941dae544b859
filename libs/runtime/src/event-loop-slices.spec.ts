import { nextSlice, SLICE_MS, sliceIsUp } from './event-loop-slices';

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
});
