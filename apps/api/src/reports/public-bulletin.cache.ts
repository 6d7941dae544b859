import { Injectable } from '@nestjs/common';
import type { RenderedBody } from './rendered-body';

// Rendered public bulletins of published plans, so anonymous readers cannot make the API read a
// whole plan on every request. The key carries the publication (as-of day and when it was
// published), so a replica that missed a re-publication or withdrawal never serves a stale
// edition: the publication is read from the database on every request, the rendering is not.
const MAX_ENTRIES = 200;

@Injectable()
export class PublicBulletinCache {
  private readonly entries = new Map<string, RenderedBody>();

  get(key: string): RenderedBody | undefined {
    return this.entries.get(key);
  }

  set(key: string, body: RenderedBody): void {
    // Oldest first out: a Map iterates in insertion order.
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, body);
  }

  // On publication or withdrawal: the plan's renderings are no longer what anyone may read.
  dropPlan(planId: string): void {
    for (const key of this.entries.keys()) if (key.startsWith(`${planId}|`)) this.entries.delete(key);
  }
}

// `rankingPublishedAt`: when the unit ranking of the as-of month was published, if it was.
export function publicBulletinKey(
  planId: string,
  asOf: string,
  publishedAt: Date,
  format: string,
  rankingPublishedAt?: Date,
): string {
  return `${planId}|${asOf}|${publishedAt.toISOString()}|${format}|${rankingPublishedAt?.toISOString() ?? '-'}`;
}
