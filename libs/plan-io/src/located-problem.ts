// A problem with a plan file: the document path it concerns, where it is in the file, and what
// is wrong, in words an office can act on.
import type { ErrorDetail } from '../../domain/src/domain-error';

export type LocatedProblem = ErrorDetail;

// `categories[0].aspects[1].due` → ['categories', 0, 'aspects', 1, 'due'].
export function pathSegments(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}

// Finds the location of a path, or of its nearest ancestor that has one.
export function locate(path: string, at: (path: string) => string | undefined): string | undefined {
  let p = path;
  for (;;) {
    const hit = at(p);
    if (hit) return hit;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    if (cut <= 0) return undefined;
    p = p.slice(0, cut);
  }
}
