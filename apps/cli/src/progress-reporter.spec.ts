import { bytes, progressReporter } from './progress-reporter';

// What a stream received, chunk by chunk.
function stream(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, written, write: (text: string) => written.push(text) };
}

describe('progress on standard error', () => {
  it('on a terminal redraws one bar in place and closes its line at the end', () => {
    const s = stream(true);
    const bar = progressReporter('starting workflows', s);
    bar.update(0, 4);
    bar.update(1, 4);
    bar.update(4, 4);
    bar.end();
    expect(s.written).toEqual([
      `\rstarting workflows [${'-'.repeat(30)}] 0/4\x1b[K`,
      `\rstarting workflows [${'#'.repeat(8)}${'-'.repeat(22)}] 1/4\x1b[K`,
      `\rstarting workflows [${'#'.repeat(30)}] 4/4\x1b[K`,
      '\n',
    ]);
  });

  it('elsewhere writes plain lines, the first at once then one per tenth of the way, never a carriage return', () => {
    const s = stream(false);
    const bar = progressReporter('starting workflows', s);
    for (let done = 1; done <= 25; done++) bar.update(done, 25);
    bar.end();
    expect(s.written).toEqual(
      [1, 3, 5, 8, 10, 13, 15, 18, 20, 23, 25].map((done) => `starting workflows: ${done}/25\n`),
    );
  });

  it('writes nothing when the work reported nothing', () => {
    for (const isTTY of [true, false]) {
      const s = stream(isTTY);
      progressReporter('ledger', s).end();
      expect(s.written).toEqual([]);
    }
  });

  it.each<[boolean, string[]]>([
    [true, ['\rledger 512 B\x1b[K', '\rledger 2.0 kB\x1b[K', '\n']],
    [false, ['ledger: 2.0 kB\n']],
  ])('work of unknown size shows its count (terminal: %s), in the unit given', (isTTY, expected) => {
    const s = stream(isTTY);
    const bar = progressReporter('ledger', s, bytes);
    bar.update(512, null);
    bar.update(2048, null);
    bar.end();
    expect(s.written).toEqual(expected);
  });

  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.0 kB'],
    [5 * 1024 * 1024, '5.0 MB'],
  ])('%i bytes read %s', (n, text) => {
    expect(bytes(n)).toBe(text);
  });
});
