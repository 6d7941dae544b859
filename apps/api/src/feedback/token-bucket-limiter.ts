// Per-client rate limiting in bounded memory: each key (a client address) has a bucket of
// `capacity` tokens refilled one per `refillMs`; a request takes one. At most `maxKeys` buckets
// are kept: the least recently seen is forgotten first, which only hands a fresh full bucket to a
// client that any new client would get anyway.
export type Take = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterMs: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly o: { readonly capacity: number; readonly refillMs: number; readonly maxKeys: number },
  ) {}

  get trackedKeys(): number {
    return this.buckets.size;
  }

  take(key: string, now: number = Date.now()): Take {
    let bucket = this.buckets.get(key);
    if (bucket) {
      // Re-inserted below, so the Map's order stays least-recently-seen first.
      this.buckets.delete(key);
      bucket.tokens = Math.min(this.o.capacity, bucket.tokens + (now - bucket.updatedAt) / this.o.refillMs);
      bucket.updatedAt = now;
    } else {
      bucket = { tokens: this.o.capacity, updatedAt: now };
      if (this.buckets.size >= this.o.maxKeys) {
        const oldest = this.buckets.keys().next().value;
        if (oldest !== undefined) this.buckets.delete(oldest);
      }
    }
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterMs: Math.ceil((1 - bucket.tokens) * this.o.refillMs) };
  }
}
