// What the office still has to look at in a draft (方案草稿), and its edits as JSON Patch (RFC 6902).
// Pure: the use cases read and write the draft, these rules say what an edit does to it.
import { applyOperation, deepClone, JsonPatchError, type Operation } from 'fast-json-patch';
import type { ErrorDetail } from '../../../../../libs/domain/src/domain-error';
import type { DraftFieldSource } from '../../../../../libs/plan-io/src/draft/plan-draft';

export const JSON_PATCH = 'application/json-patch+json';

// A JSON Pointer (`/categories/0/aspects/1/title`) written as DraftFieldSource.path and validation
// problems write paths (`categories[0].aspects[1].title`).
export function fieldPathOfPointer(pointer: string): string {
  if (pointer === '') return '';
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, s) => (/^\d+$/.test(s) ? `${acc}[${s}]` : acc ? `${acc}.${s}` : s), '');
}

// `inner` is `outer` itself or lies under it (`a.b[0]` under `a.b`, not `a.bc`).
function within(inner: string, outer: string): boolean {
  if (outer === '') return true;
  return inner === outer || inner.startsWith(`${outer}.`) || inner.startsWith(`${outer}[`);
}

// The fields of the reading an edit touches: the field an operation writes, a field under what
// it writes (a measure replaced as a whole), or a field it writes part of (one of a measure's
// co-units). A move takes its value away from `from` too.
export function touchedFields(fields: readonly DraftFieldSource[], ops: readonly Operation[]): string[] {
  const written = ops.flatMap((op) => {
    if (op.op === 'test' || op.op === '_get') return [];
    const at = fieldPathOfPointer(op.path);
    return op.op === 'move' ? [at, fieldPathOfPointer(op.from)] : [at];
  });
  return fields.map((f) => f.path).filter((path) => written.some((w) => within(path, w) || within(w, path)));
}

// Doubtful (存疑): read with little confidence, or not read at all, and not edited since.
export function doubtfulFields(
  fields: readonly DraftFieldSource[],
  edited: readonly string[],
): DraftFieldSource[] {
  const done = new Set(edited);
  return fields.filter((f) => (f.confidence === 'low' || f.confidence === 'missing') && !done.has(f.path));
}

// Placeholders the document did not fill and nobody has replaced: the draft cannot be applied.
export function missingFields(
  fields: readonly DraftFieldSource[],
  edited: readonly string[],
): DraftFieldSource[] {
  return doubtfulFields(fields, edited).filter((f) => f.confidence === 'missing');
}

export type PatchOutcome =
  | { readonly ok: true; readonly plan: Record<string, unknown> }
  | { readonly ok: false; readonly message: string; readonly details: readonly ErrorDetail[] };

// Applies every operation to a copy, or none: the first operation that cannot be applied (malformed,
// a path that does not resolve, a failed `test`) is named by its index and path.
export function patchPlan(plan: Record<string, unknown>, ops: unknown): PatchOutcome {
  if (!Array.isArray(ops) || ops.length === 0)
    return refused('(body)', 'send a JSON Patch (RFC 6902): a non-empty array of operations');
  // One operation at a time: the library's own errors give index 0 for any operation it validates.
  let next: unknown = deepClone(plan);
  for (const [index, op] of ops.entries()) {
    try {
      next = applyOperation(next, op as Operation, true, true, true, index).newDocument;
    } catch (e) {
      if (!(e instanceof JsonPatchError)) throw e;
      const path =
        op && typeof op === 'object' && typeof (op as { path?: unknown }).path === 'string'
          ? (op as { path: string }).path
          : '(no path)';
      // The library's message goes on with the whole document; its first line says what is wrong.
      const reason = e.message.split('\n')[0];
      return refused(`[${index}]`, `operation ${index} (${path}): ${reason}`);
    }
  }
  if (next === null || typeof next !== 'object' || Array.isArray(next))
    return refused('(body)', 'the patch must leave a plan document (a JSON object)');
  return { ok: true, plan: next as Record<string, unknown> };
}

function refused(path: string, message: string): PatchOutcome {
  return { ok: false, message, details: [{ path, message }] };
}
