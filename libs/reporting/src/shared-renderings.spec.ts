import { SharedRenderings, type RenderingShared } from './shared-renderings';

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
    closeWindows: async () => {
      for (const w of windows.splice(0)) w();
      await settle();
    },
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

  it('gives a request arriving after the reading started the next rendering, begun once the first ends', async () => {
    const h = harness();
    const first = h.renderings.render('k', h.rendering);
    await h.closeWindows();
    h.change('v2');
    const second = h.renderings.render('k', h.rendering);
    const third = h.renderings.render('k', h.rendering);
    await h.closeWindows();
    // The second rendering's window has ended, but the first is still reading: it waits.
    expect(h.reads).toEqual(['v1']);
    h.ends[0].resolve();
    expect(await first).toBe('v1');
    await settle();
    expect(h.reads).toEqual(['v1', 'v2']);
    expect(h.told.map((t) => t.requests)).toEqual([1, 2]);
    h.ends[1].resolve();
    expect(await Promise.all([second, third])).toEqual(['v2', 'v2']);
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
