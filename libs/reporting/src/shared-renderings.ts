// Requests for the same whole-plan rendering (a ledger, a bulletin, the read of a plan's tree) that
// arrive together share one rendering instead of each reading and rendering the plan again: ten
// offices exporting the same ledger at the start of a meeting cost one ledger, not ten queued
// behind each other.
//
// Sharing never serves older data than rendering alone would. A rendering gathers requests until
// none has come for `gatherMs` (at most GATHER_ROUNDS times that, so a steady stream cannot hold
// it back), then stops taking them and only then starts to read: every request it answers
// arrived before its first read, as if it had been rendered for that request alone. A request
// arriving once a rendering has started reading waits for the next one, which gathers once the
// one in progress ends, so one key never has more than one rendering reading at a time.
export interface RenderingShared {
  readonly key: string;
  // How many requests the rendering answered (1: none shared it).
  readonly requests: number;
}

// Requests that come back together (ten clients answered by one rendering) arrive spread over the
// time their answers took to send: one fixed window split them between two renderings, and the
// two groups then took turns, each waiting for both renderings (BENCHMARKS.md).
export const GATHER_ROUNDS = 10;

interface Gathering<T> {
  // Requests the rendering will answer: counted until it starts to read.
  readonly arrivals: { requests: number };
  readonly result: Promise<T>;
}

export class SharedRenderings<T> {
  private readonly gathering = new Map<string, Gathering<T>>();
  // Each key's latest rendering, settled or not, until it ends with no later one behind it.
  private readonly latest = new Map<string, Promise<void>>();

  constructor(
    private readonly gatherMs: number,
    // Told when a rendering starts to read, with the requests it answers.
    private readonly onRendering: (shared: RenderingShared) => void = () => undefined,
    private readonly wait: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  // `key` must name everything the rendering depends on but time (the plan, the as-of day, the
  // edition, the format); the rendering decides "now" when it starts, after every request of it.
  render(key: string, rendering: () => Promise<T>): Promise<T> {
    const open = this.gathering.get(key);
    if (open) {
      open.arrivals.requests += 1;
      return open.result;
    }
    const before = this.latest.get(key) ?? Promise.resolve();
    const arrivals = { requests: 1 };
    // Gathered after the rendering before it: the requests that one answered, if they come back,
    // come back as it ends and are gathered with those that waited for it, not split from them.
    const result = before
      .then(() => this.gather(arrivals))
      .then(() => {
        // Closed before the first read: a request from now on is one this rendering might miss.
        this.gathering.delete(key);
        this.onRendering({ key, requests: arrivals.requests });
        return rendering();
      });
    this.gathering.set(key, { arrivals, result });
    const ended = result.then(
      () => undefined,
      () => undefined,
    );
    this.latest.set(key, ended);
    void ended.then(() => {
      if (this.latest.get(key) === ended) this.latest.delete(key);
    });
    return result;
  }

  // Windows of `gatherMs` until one passes without a new request, or GATHER_ROUNDS have passed.
  private async gather(arrivals: { readonly requests: number }): Promise<void> {
    let seen = -1;
    for (let round = 0; round < GATHER_ROUNDS && seen !== arrivals.requests; round++) {
      seen = arrivals.requests;
      await this.wait(this.gatherMs);
    }
  }
}
