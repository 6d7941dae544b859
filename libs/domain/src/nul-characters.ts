// U+0000 has no business in any text Rectify keeps, and PostgreSQL cannot store it in a text
// column at all: a NUL that reached a query would fail it with a 500 after the caller's checks.
// So it is refused at the door, with the place it was found.
const NUL = '\u0000';

// Every path (`title`, `measures[2].dueAt`, a key itself) where a string holds U+0000; at most `limit`.
export function nulCharacterPaths(value: unknown, root: readonly PropertyKey[] = [], limit = 20): string[] {
  const found: string[] = [];
  const walk = (v: unknown, path: PropertyKey[]): void => {
    if (found.length >= limit) return;
    if (typeof v === 'string') {
      if (v.includes(NUL)) found.push(formatPath(path) || '(value)');
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => walk(item, [...path, i]));
    } else if (v !== null && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) {
        if (k.includes(NUL)) found.push(`${formatPath(path) || '(object)'} (a key)`);
        walk(item, [...path, k]);
      }
    }
  };
  walk(value, [...root]);
  return found;
}

// `categories[0].aspects[1].title`: how every refusal names a place in a document.
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, part) => {
    if (typeof part === 'number') return `${acc}[${part}]`;
    return acc ? `${acc}.${String(part)}` : String(part);
  }, '');
}

// How deeply arrays and objects nest in `value`, counted without recursion (a body nested 20,000
// deep would overflow the stack of any recursive walk, this one's included), stopping past `max`.
export function nestingDepthOver(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const item of Array.isArray(v) ? v : Object.values(v)) stack.push([item, depth + 1]);
  }
  return false;
}
