import type { RateLimitsConfig } from '../../../../libs/config/src/rectify-config';

// The limits of the public routes, by the name the configuration gives them. Public reads count
// only callers without credentials: staff behind one office address read bulletins all day.
export const RATE_LIMITS = {
  login: { config: 'login', refusal: 'too many sign-in attempts from this address', anonymousOnly: false },
  feedback: { config: 'feedback', refusal: 'too many submissions from this address', anonymousOnly: false },
  'public-read': {
    config: 'publicRead',
    refusal: 'too many requests from this address',
    anonymousOnly: true,
  },
} as const satisfies Record<
  string,
  { config: keyof RateLimitsConfig; refusal: string; anonymousOnly: boolean }
>;
export type RateLimitName = keyof typeof RATE_LIMITS;

export const RATE_LIMIT_ROUTE = 'rectify:rate-limit';
