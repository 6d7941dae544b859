import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerRequest } from '@nestjs/throttler';
import { RetryLaterError } from '../../../../libs/domain/src/domain-error';
import type { PrincipalRequest } from '../auth/auth.decorators';
import { RATE_LIMIT_ROUTE, RATE_LIMITS, RateLimitName } from './rate-limit-names';

function limitOf(context: ExecutionContext): RateLimitName | undefined {
  return Reflect.getMetadata(RATE_LIMIT_ROUTE, context.getHandler()) as RateLimitName | undefined;
}

// @nestjs/throttler's guard, counting a route only against the limit it names (and, for public
// reads, only callers without credentials), and refusing in
// Rectify's words: 429 RATE_LIMITED with Retry-After, through the error filter like every refusal.
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async handleRequest(request: ThrottlerRequest): Promise<boolean> {
    const name = limitOf(request.context);
    if (!name || request.throttler.name !== name) return true;
    // The AuthGuard ran first and put the caller on the request.
    const caller = request.context.switchToHttp().getRequest<PrincipalRequest>().principal;
    if (RATE_LIMITS[name].anonymousOnly && caller && caller.kind !== 'anonymous') return true;
    return super.handleRequest(request);
  }

  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const name = limitOf(context);
    const seconds = Math.max(1, detail.timeToBlockExpire);
    const refusal = name ? RATE_LIMITS[name].refusal : 'too many requests from this address';
    throw new RetryLaterError(`${refusal}: try again in ${seconds} s`, seconds);
  }
}
