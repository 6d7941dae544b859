import { createHash } from 'node:crypto';
import { digestOf, digestSteps, KeptRenderings, Named } from './kept-renderings';

interface Figures {
  readonly asOf: string;
  readonly rows: ReadonlyArray<{ readonly code: string; readonly status: string; readonly days?: number }>;
}

// A writer that writes what it is given, numbered, so a test can tell a kept file from a new one.
function harness(capacity: number) {
  const answers: boolean[] = [];
  const kept = new KeptRenderings<string>(capacity, (k) => answers.push(k));
  let written = 0;
  const write = async (f: Figures) => `file ${++written}: ${f.rows.map((r) => r.status).join(',')}`;
  return { kept, answers, write, written: () => written };
}

const figures = (...statuses: string[]): Figures => ({
  asOf: '2026-12-05',
  rows: statuses.map((status, i) => ({ code: `M${i}`, status })),
});

describe('KeptRenderings', () => {
  it('answers the kept file while what it shows is unchanged, without writing it again', async () => {
    const h = harness(4);
    expect(await h.kept.render('P1', figures('assigned', 'claimed'), h.write)).toBe(
      'file 1: assigned,claimed',
    );
    expect(await h.kept.render('P1', figures('assigned', 'claimed'), h.write)).toBe(
      'file 1: assigned,claimed',
    );
    expect(h.written()).toBe(1);
    expect(h.answers).toEqual([false, true]);
  });

  it('writes the file again when anything it shows changed, however deep', async () => {
    const h = harness(4);
    await h.kept.render('P1', figures('assigned', 'claimed'), h.write);
    expect(await h.kept.render('P1', figures('assigned', 'verified'), h.write)).toBe(
      'file 2: assigned,verified',
    );
    const withDays: Figures = { asOf: '2026-12-05', rows: [{ code: 'M0', status: 'assigned', days: 1 }] };
    await h.kept.render('P1', withDays, h.write);
    expect(
      await h.kept.render('P1', { ...withDays, rows: [{ ...withDays.rows[0], days: 2 }] }, h.write),
    ).toBe('file 4: assigned');
    // The one before the last is not kept: only the last file of a key.
    await h.kept.render('P1', figures('assigned', 'verified'), h.write);
    expect(h.written()).toBe(5);
    expect(h.answers).toEqual([false, false, false, false, false]);
  });

  it('keeps each key apart: the same figures under another key are written for it', async () => {
    const h = harness(4);
    await h.kept.render('P1|2026-12-04', figures('assigned'), h.write);
    await h.kept.render('P1|2026-12-05', figures('assigned'), h.write);
    expect(h.written()).toBe(2);
    await h.kept.render('P1|2026-12-04', figures('assigned'), h.write);
    await h.kept.render('P1|2026-12-05', figures('assigned'), h.write);
    expect(h.written()).toBe(2);
  });

  it('drops the key used longest ago when it keeps more than its capacity', async () => {
    const h = harness(2);
    await h.kept.render('A', figures('assigned'), h.write);
    await h.kept.render('B', figures('assigned'), h.write);
    await h.kept.render('A', figures('assigned'), h.write); // A used again: B is now the oldest
    await h.kept.render('C', figures('assigned'), h.write); // drops B
    expect(h.written()).toBe(3);
    await h.kept.render('A', figures('assigned'), h.write);
    await h.kept.render('C', figures('assigned'), h.write);
    expect(h.written()).toBe(3);
    await h.kept.render('B', figures('assigned'), h.write);
    expect(h.written()).toBe(4);
  });

  it('keeps nothing with a capacity of 0', async () => {
    const h = harness(0);
    await h.kept.render('P1', figures('assigned'), h.write);
    await h.kept.render('P1', figures('assigned'), h.write);
    expect(h.written()).toBe(2);
    expect(h.answers).toEqual([false, false]);
  });

  it('keeps nothing from a writer that failed, and the last good file is no longer answered', async () => {
    const h = harness(4);
    await h.kept.render('P1', figures('assigned'), h.write);
    const failing = () => Promise.reject(new Error('disk full'));
    await expect(h.kept.render('P1', figures('claimed'), failing)).rejects.toThrow('disk full');
    // The figures went back to those of the kept file, but it was dropped when they changed.
    expect(await h.kept.render('P1', figures('assigned'), h.write)).toBe('file 2: assigned');
  });

  it('digests equal data equally and tells apart what JSON tells apart', () => {
    expect(digestOf(figures('assigned', 'claimed'))).toBe(digestOf(figures('assigned', 'claimed')));
    const distinct = [
      figures('assigned', 'claimed'),
      figures('claimed', 'assigned'),
      figures('assigned'),
      { ...figures('assigned'), asOf: '2026-12-06' },
      [figures('assigned'), null],
      [figures('assigned'), []],
      { at: new Date('2026-12-05T00:00:00Z') },
      { at: new Date('2026-12-05T00:00:01Z') },
    ];
    expect(new Set(distinct.map((d) => digestOf(d))).size).toBe(distinct.length);
  });

  // The digest is taken a piece at a time (digestSteps); the bytes hashed must be JSON.stringify's.
  it.each([
    ['a ledger-like tuple', [{ rows: [{ a: 1, b: 'x' }, { a: 2 }], asOf: '2026-12-05' }, 'v1', []]],
    ['members with no JSON left out', { a: undefined, b: () => 1, c: Symbol('s'), d: 0 }],
    ['elements with no JSON written as null', [undefined, () => 1, null, Symbol('s'), [undefined]]],
    ['dates and named values by their JSON', [{ at: new Date('2026-12-05T00:00:00Z') }, new Named('v', 1)]],
    ['empty arrays and objects at every depth', [[], {}, [[]], [{}], { a: { b: {} } }]],
    ['keys and strings needing escapes', { 'a"b': '问题\n"清单"\u0001', '': [1.5, -0, 1e21, true] }],
    ['a long list, past a step', { rows: Array.from({ length: 1000 }, (_, i) => ({ i, s: `r${i}` })) }],
    ['a scalar', 42],
  ])('digests %s as the whole JSON string would', (_, value) => {
    const whole = createHash('sha256').update(JSON.stringify(value)).digest('base64url');
    expect(digestOf(value as never)).toBe(whole);
  });

  it('takes the digest in steps a long list at a time', () => {
    const steps = digestSteps({ rows: Array.from({ length: 1000 }, (_, i) => i) });
    let taken = 0;
    while (!steps.next().done) taken++;
    expect(taken).toBeGreaterThanOrEqual(4);
  });

  it('sees a named input by its name alone and hands the writer its value', async () => {
    const h = harness(4);
    const write = async ([f, n]: readonly [Figures, Named<string>]) => `${await h.write(f)} with ${n.value}`;
    const named = (name: string, value: string) => [figures('claimed'), new Named(name, value)] as const;
    expect(await h.kept.render('P1', named('v1', 'definition 1'), write)).toBe(
      'file 1: claimed with definition 1',
    );
    // The name is the caller's word that the value is unchanged: the digest does not read the value.
    expect(await h.kept.render('P1', named('v1', 'changed under the same name'), write)).toBe(
      'file 1: claimed with definition 1',
    );
    expect(await h.kept.render('P1', named('v2', 'definition 2'), write)).toBe(
      'file 2: claimed with definition 2',
    );
    expect(digestOf(new Named('v1', { big: 'x'.repeat(1000) }))).toBe(digestOf('v1'));
  });

  it('refuses by type the inputs a digest cannot see into: two different Maps digest alike', () => {
    const claimed = { rows: new Map([['M1', 'claimed']]) };
    const verified = { rows: new Map([['M1', 'verified']]) };
    // @ts-expect-error a Map stringifies as {}: a change inside it would not change the digest
    const before = digestOf(claimed);
    // @ts-expect-error the same for the Map after the change
    expect(digestOf(verified)).toBe(before);
  });
});
