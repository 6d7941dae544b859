import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { RateLimitGuard } from './rate-limit.guard';
import { RATE_LIMIT_ROUTE, RateLimitName } from './rate-limit-names';

// Counts the route's requests per client address against the named limit, across all replicas.
// A route guard, so it runs after the AuthGuard: a refusal is audited under the route's action.
export const RateLimit = (name: RateLimitName) =>
  applyDecorators(SetMetadata(RATE_LIMIT_ROUTE, name), UseGuards(RateLimitGuard));
