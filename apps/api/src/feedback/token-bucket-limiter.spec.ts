import { TokenBucketLimiter } from './token-bucket-limiter';

describe('token bucket limiter', () => {
  const limiter = () => new TokenBucketLimiter({ capacity: 3, refillMs: 1_000, maxKeys: 2 });

  it('lets a burst of `capacity` through, then refuses with the wait for the next token', () => {
    const l = limiter();
    expect([0, 0, 0].map(() => l.take('10.0.0.1', 0).allowed)).toEqual([true, true, true]);
    expect(l.take('10.0.0.1', 0)).toEqual({ allowed: false, retryAfterMs: 1_000 });
    expect(l.take('10.0.0.1', 400)).toEqual({ allowed: false, retryAfterMs: 600 });
  });

  it('refills one token per interval, up to capacity', () => {
    const l = limiter();
    for (let i = 0; i < 3; i++) l.take('a', 0);
    expect(l.take('a', 1_000).allowed).toBe(true);
    expect(l.take('a', 1_000).allowed).toBe(false);
    // A long quiet period refills to capacity, not beyond.
    expect([1, 2, 3, 4].map(() => l.take('a', 60_000).allowed)).toEqual([true, true, true, false]);
  });

  it('keeps clients apart', () => {
    const l = limiter();
    for (let i = 0; i < 3; i++) l.take('a', 0);
    expect(l.take('a', 0).allowed).toBe(false);
    expect(l.take('b', 0).allowed).toBe(true);
  });

  it('keeps at most maxKeys buckets, forgetting the least recently seen', () => {
    const l = limiter();
    for (let i = 0; i < 3; i++) l.take('a', 0);
    l.take('b', 0);
    l.take('a', 0); // a is now the most recent
    l.take('c', 0); // evicts b
    expect(l.trackedKeys).toBe(2);
    expect(l.take('a', 0).allowed).toBe(false);
    for (let i = 0; i < 10_000; i++) l.take(`client-${i}`, 0);
    expect(l.trackedKeys).toBe(2);
  });
});
