import { createHash } from 'node:crypto';
import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { DataSource } from 'typeorm';
import { RECTIFY_CONFIG } from '../../../../libs/config/src/config.module';
import type { RectifyConfig } from '../../../../libs/config/src/rectify-config';
import { RateLimitRepository } from '../../../../libs/persistence/src/repositories/rate-limit.repository';
import { DatabaseThrottlerStorage } from './database-throttler.storage';
import { RATE_LIMITS, RateLimitName } from './rate-limit-names';
import { RateLimitGuard } from './rate-limit.guard';

// Rate limits of the public routes (@RateLimit), with @nestjs/throttler counting in the database.
// Imported by each module whose routes are limited; one ThrottlerModule serves them all.
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [RECTIFY_CONFIG, DataSource],
      useFactory: (config: RectifyConfig, ds: DataSource) => ({
        throttlers: (Object.keys(RATE_LIMITS) as RateLimitName[]).map((name) => {
          const { limit, ttlMs } = config.rateLimits[RATE_LIMITS[name].config];
          return { name, limit, ttl: ttlMs };
        }),
        // One count per limit and client address, whichever of the limit's routes is called.
        generateKey: (_context, tracker, name) =>
          createHash('sha256').update(`${name}\n${tracker}`).digest('hex'),
        // Retry-After comes with the refusal; no X-RateLimit-* headers on every answer.
        setHeaders: false,
        storage: new DatabaseThrottlerStorage(new RateLimitRepository(ds)),
      }),
    }),
  ],
  providers: [RateLimitGuard],
  exports: [RateLimitGuard],
})
export class RateLimitModule {}
