import { BACKDATE_PROBLEMS, type BackdateProblem, backdateProblem } from './backdated-entry';

const now = Date.parse('2026-12-03T06:00:00Z');
const feedback = Date.parse('2019-01-17T16:00:00Z');
const claimed = Date.parse('2019-04-10T02:00:00Z');

describe('backdateProblem (补录)', () => {
  const cases: [string, unknown, BackdateProblem | null][] = [
    ['a past instant with offset', '2019-04-12T10:00:00+08:00', null],
    ['a UTC instant', '2019-04-12T02:00:00Z', null],
    ['exactly now', new Date(now).toISOString(), null],
    ['the feedback day itself', '2019-01-18T00:00:00+08:00', null],
    ['a date without time', '2019-04-12', 'malformed'],
    ['an instant without offset', '2019-04-12T10:00:00', 'malformed'],
    ['no such day', '2019-02-30T10:00:00Z', 'malformed'],
    ['a number', 1555000000000, 'malformed'],
    ['one second in the future', new Date(now + 1000).toISOString(), 'future'],
    ['a day before feedback', '2019-01-17T10:00:00+08:00', 'before_feedback'],
  ];
  it.each(cases)('%s → %s', (_, value, expected) => {
    expect(backdateProblem(value, { now, notBefore: feedback })?.problem ?? null).toBe(expected);
  });

  it('refuses a verification dated before its claim, and takes one dated at it', () => {
    expect(backdateProblem('2019-04-09T10:00:00Z', { now, claimedAt: claimed })?.problem).toBe(
      'before_claim',
    );
    expect(backdateProblem(new Date(claimed).toISOString(), { now, claimedAt: claimed })).toBeNull();
  });

  it('has a case for every problem', () => {
    const seen = new Set<BackdateProblem>([...cases.flatMap(([, , p]) => (p ? [p] : [])), 'before_claim']);
    expect([...seen].sort()).toEqual([...BACKDATE_PROBLEMS].sort());
  });

  it('names the bound it broke', () => {
    expect(backdateProblem('2030-01-01T00:00:00Z', { now })?.message).toContain('2026-12-03T06:00:00.000Z');
    expect(backdateProblem('2019-01-01T00:00:00Z', { now, notBefore: feedback })?.message).toContain(
      '2019-01-17T16:00:00.000Z',
    );
  });
});
