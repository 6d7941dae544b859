import type { ThrottlerStorage } from '@nestjs/throttler';
import { RateLimitRepository } from '../../../../libs/persistence/src/repositories/rate-limit.repository';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

// @nestjs/throttler's storage in the relational store, so that API replicas sharing a database
// share every limit (the library's own storage is a Map in each process).
export class DatabaseThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly counters: RateLimitRepository) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const hit = await this.counters.hit(throttlerName, key, { limit, ttlMs: ttl, blockMs: blockDuration });
    return {
      totalHits: hit.hits,
      timeToExpire: Math.ceil(hit.windowEndsInMs / 1000),
      isBlocked: hit.blockedForMs > 0,
      timeToBlockExpire: Math.ceil(hit.blockedForMs / 1000),
    };
  }
}
