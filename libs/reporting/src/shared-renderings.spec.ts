import { GATHER_ROUNDS, SharedRenderings, type RenderingShared } from './shared-renderings';

// A gathering window that ends when the test says so, and renderings that end when it says so:
// the order of arrivals, reads and ends is the test's, not the machine's.
function harness() {
  const windows: Array<() => void> = [];
  const told: RenderingShared[] = [];
  const renderings = new SharedRenderings<string>(
    25,
    (shared) => told.push(shared),
    () => new Promise<void>((resolve) => windows.push(resolve)),
  );
  let data = 'v1';
  const reads: string[] = [];
  const ends: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];
  // A rendering reads the data when it starts and answers what it read when the test ends it.
  const rendering = () => {
    const read = data;
    reads.push(read);
    return new Promise<string>((resolve, reject) => ends.push({ resolve: () => resolve(read), reject }));
  };
  return {
    renderings,
    told,
    reads,
    ends,
    rendering,
    change: (to: string) => (data = to),
    // Ends the windows open now, and any opened as they end, until none is open.
    closeWindows: async () => {
      await settle();
      while (windows.length > 0) {
        for (const w of windows.splice(0)) w();
        await settle();
      }
    },
    // Ends the windows open now; the rendering may open another.
    closeWindow: async () => {
      await settle();
      for (const w of windows.splice(0)) w();
      await settle();
    },
    openWindows: () => windows.length,
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('SharedRenderings', () => {
  it('answers the requests that arrive within the window with one rendering', async () => {
    const h = harness();
    const answers = [1, 2, 3].map(() => h.renderings.render('ledger|P1|2026-12-04', h.rendering));
    await h.closeWindows();
    expect(h.reads).toEqual(['v1']);
    expect(h.told).toEqual([{ key: 'ledger|P1|2026-12-04', requests: 3 }]);
    h.ends[0].resolve();
    expect(await Promise.all(answers)).toEqual(['v1', 'v1', 'v1']);
  });

  it('reads nothing before its window ends, so a change made meanwhile is in the answer', async () => {
    const h = harness();
    const answer = h.renderings.render('k', h.rendering);
    await settle();
    h.change('v2');
    expect(h.reads).toEqual([]);
    await h.closeWindows();
    h.ends[0].resolve();
    expect(await answer).toBe('v2');
  });

  it('gives a request arriving after the reading started the next rendering, gathered once the first ends', async () => {
    const h = harness();
    const first = h.renderings.render('k', h.rendering);
    await h.closeWindows();
    h.change('v2');
    const second = h.renderings.render('k', h.rendering);
    const third = h.renderings.render('k', h.rendering);
    await h.closeWindows();
    // The first is still reading: the second waits for it before it gathers.
    expect(h.reads).toEqual(['v1']);
    expect(h.openWindows()).toBe(0);
    h.ends[0].resolve();
    expect(await first).toBe('v1');
    // The first one's requester asks again as its answer comes: it joins the second.
    const again = h.renderings.render('k', h.rendering);
    await settle();
    expect(h.reads).toEqual(['v1']);
    await h.closeWindows();
    expect(h.reads).toEqual(['v1', 'v2']);
    expect(h.told.map((t) => t.requests)).toEqual([1, 3]);
    h.ends[1].resolve();
    expect(await Promise.all([second, third, again])).toEqual(['v2', 'v2', 'v2']);
  });

  it('fails every request of a failed rendering, and renders again for the next request', async () => {
    const h = harness();
    const failed = [h.renderings.render('k', h.rendering), h.renderings.render('k', h.rendering)];
    await h.closeWindows();
    h.ends[0].reject(new Error('no plan P1'));
    for (const f of failed) await expect(f).rejects.toThrow('no plan P1');
    const again = h.renderings.render('k', h.rendering);
    await h.closeWindows();
    h.ends[1].resolve();
    expect(await again).toBe('v1');
    expect(h.reads).toEqual(['v1', 'v1']);
  });

  it('fails the requests of a rendering that throws before it returns a promise', async () => {
    const renderings = new SharedRenderings<string>(0);
    const broken = () => {
      throw new Error('bad as-of day');
    };
    await expect(
      Promise.all([renderings.render('k', broken), renderings.render('k', broken)]),
    ).rejects.toThrow('bad as-of day');
    await expect(renderings.render('k', async () => 'rendered')).resolves.toBe('rendered');
  });

  it('keeps gathering while requests keep coming, for at most GATHER_ROUNDS windows', async () => {
    const h = harness();
    const answers = [h.renderings.render('k', h.rendering)];
    await settle();
    // A request in each window holds the reading back, up to the last window.
    for (let round = 1; round < GATHER_ROUNDS; round++) {
      answers.push(h.renderings.render('k', h.rendering));
      await h.closeWindow();
      expect(h.reads).toEqual([]);
    }
    answers.push(h.renderings.render('k', h.rendering));
    await h.closeWindow();
    expect(h.reads).toEqual(['v1']);
    expect(h.openWindows()).toBe(0);
    expect(h.told).toEqual([{ key: 'k', requests: GATHER_ROUNDS + 1 }]);
    h.ends[0].resolve();
    expect(await Promise.all(answers)).toEqual(Array(GATHER_ROUNDS + 1).fill('v1'));
  });

  it('reads after one window without a new request', async () => {
    const h = harness();
    const first = h.renderings.render('k', h.rendering);
    await settle();
    const second = h.renderings.render('k', h.rendering);
    await h.closeWindow();
    // The second request came during the first window: one more.
    expect(h.reads).toEqual([]);
    await h.closeWindow();
    expect(h.reads).toEqual(['v1']);
    h.ends[0].resolve();
    expect(await Promise.all([first, second])).toEqual(['v1', 'v1']);
  });

  it('renders different keys apart and at the same time', async () => {
    const h = harness();
    const ledger = h.renderings.render('ledger|P1', h.rendering);
    const bulletin = h.renderings.render('bulletin|P1|internal|html', h.rendering);
    await h.closeWindows();
    expect(h.reads).toEqual(['v1', 'v1']);
    expect(h.told.map((t) => t.key)).toEqual(['ledger|P1', 'bulletin|P1|internal|html']);
    h.ends[1].resolve();
    expect(await bulletin).toBe('v1');
    h.ends[0].resolve();
    expect(await ledger).toBe('v1');
  });

  it('starts at once, after its window, when the key’s last rendering has ended', async () => {
    const h = harness();
    const first = h.renderings.render('k', h.rendering);
    await h.closeWindows();
    h.ends[0].resolve();
    await first;
    const second = h.renderings.render('k', h.rendering);
    await h.closeWindows();
    expect(h.reads).toHaveLength(2);
    h.ends[1].resolve();
    await second;
  });
});
