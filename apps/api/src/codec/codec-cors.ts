import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';

// What the Temporal Web UI's calls need from another origin: a preflighted POST with JSON,
// X-Namespace and, with "pass access token", Authorization; "include credentials" needs
// Allow-Credentials. No origin configured: browsers get no CORS headers, so no cross-origin call.
export function codecCorsOptions(origins: readonly string[]): CorsOptions {
  if (!origins.length) return { origin: false };
  return {
    origin: [...origins],
    methods: ['POST'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Namespace'],
    credentials: true,
    maxAge: 600,
  };
}
