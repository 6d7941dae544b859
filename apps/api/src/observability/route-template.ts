import type { Request } from 'express';

// The route as declared (`/measures/:id`), so series and span names stay few; requests that no
// route matched (404s, refusals before routing) share one name.
export function routeTemplate(req: Request): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${req.baseUrl}${path}` : 'unmatched';
}
