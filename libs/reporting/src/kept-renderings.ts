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
  return createHash('sha256').update(JSON.stringify(inputs)).digest('base64url');
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
    const digest = digestOf<I>(inputs);
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
