// The last file of each whole-plan rendering (a ledger of 50,000 measures: 4–5 s of writing a
// workbook after 1.2 s of reading), kept and answered again while what it shows is unchanged.
//
// Kept by what the file shows, not by when the plan last changed: each request still reads the
// plan and computes the figures, and the file is written again unless a digest of exactly the
// inputs the writer takes equals the last one's. A file kept this way is the file the writer would
// write, so it is never older than a rendering of its own, whatever changed in the database, by
// which writer, or with time alone (a 批示 passing its limit changes the state the ledger shows,
// so the digest). An event that changes nothing shown (a reminder before a deadline) keeps the file.
import { createHash } from 'node:crypto';
import { inSlices } from '../../runtime/src/event-loop-slices';

// A value the digest sees by its name: the name must change whenever the value does (a plan
// version's definition, named by the plan, the version's number and its content hash, is never
// rewritten once stored). Its JSON is the name; the writer gets the value. A 50,000-measure
// plan's definition is 16 of the 42 MB a ledger's digest stringified.
export class Named<T> {
  constructor(
    readonly name: string,
    readonly value: T,
  ) {}

  toJSON(): string {
    return this.name;
  }
}

// Inputs the digest sees whole: JSON-shaped data. A Map or a Set stringifies as `{}`, a function
// as nothing: a change inside one would leave the digest as it was, so the type refuses them.
export type Digestible<T> = T extends Date | Named<unknown>
  ? T
  : T extends
        | ReadonlyMap<unknown, unknown>
        | ReadonlySet<unknown>
        | ((...args: never[]) => unknown)
        | bigint
        | symbol
    ? never
    : T extends object
      ? { readonly [K in keyof T]: Digestible<T[K]> }
      : T;

export function digestOf<I>(inputs: I & Digestible<I>): string {
  const steps = digestSteps(inputs);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

// The digest a piece at a time, for the API to take in slices of its event loop
// (libs/runtime/src/event-loop-slices.ts): the bytes hashed are exactly JSON.stringify's, written
// an array element or an object member at a time down to DIGEST_DEPTH, so the digest is the
// same as of the whole string. A 50,000-measure ledger's took 0.2 s in one piece.
export function* digestSteps(inputs: unknown): Generator<void, string> {
  const hash = createHash('sha256');
  yield* jsonPieces(inputs, 0, (piece) => hash.update(piece));
  return hash.digest('base64url');
}

// Depth down to which arrays and objects are written member by member: the report's lists (its
// measure rows, indicators) are at depth 2 of a ledger's inputs.
const DIGEST_DEPTH = 3;
// Array elements written between steps.
const DIGEST_STEP = 200;

function* jsonPieces(value: unknown, depth: number, write: (piece: string) => void): Generator<void> {
  const whole = (v: unknown) => write(JSON.stringify(v) ?? 'null');
  if (depth >= DIGEST_DEPTH || typeof value !== 'object' || value === null || hasToJson(value))
    return whole(value);
  if (Array.isArray(value)) {
    write('[');
    for (let i = 0; i < value.length; i++) {
      if (i) write(',');
      // As JSON.stringify: an element with no JSON (undefined, a function) is written as null.
      yield* jsonPieces(value[i], depth + 1, write);
      if (i % DIGEST_STEP === DIGEST_STEP - 1) yield;
    }
    return write(']');
  }
  write('{');
  let first = true;
  for (const [key, member] of Object.entries(value)) {
    // As JSON.stringify: a member with no JSON is left out.
    if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
    write(`${first ? '' : ','}${JSON.stringify(key)}:`);
    first = false;
    yield* jsonPieces(member, depth + 1, write);
  }
  write('}');
}

function hasToJson(value: object): boolean {
  return typeof (value as { toJSON?: unknown }).toJSON === 'function';
}

export class KeptRenderings<T> {
  // In the order last used: the first is the one to drop.
  private readonly kept = new Map<string, { readonly digest: string; readonly file: T }>();

  constructor(
    // Files kept at most (one per key); 0 keeps none.
    private readonly capacity: number,
    // Told of each answer: whether it was the kept file.
    private readonly onAnswer: (kept: boolean) => void = () => undefined,
  ) {}

  // `key` names the rendering (plan, as-of day, …); `write` gets the inputs the digest saw and
  // must read nothing else, so that equal digests mean equal files.
  async render<I>(key: string, inputs: I & Digestible<I>, write: (inputs: I) => Promise<T>): Promise<T> {
    if (this.capacity === 0) {
      this.onAnswer(false);
      return write(inputs);
    }
    const digest = await inSlices(digestSteps(inputs));
    const last = this.kept.get(key);
    this.kept.delete(key);
    if (last?.digest === digest) {
      this.kept.set(key, last);
      this.onAnswer(true);
      return last.file;
    }
    const file = await write(inputs);
    this.kept.delete(key);
    this.kept.set(key, { digest, file });
    for (const oldest of this.kept.keys()) {
      if (this.kept.size <= this.capacity) break;
      this.kept.delete(oldest);
    }
    this.onAnswer(false);
    return file;
  }
}
