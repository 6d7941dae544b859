import { indicatorAsOf } from './indicator-as-of';

const end = (day: string) => Date.parse(`${day}T16:00:00Z`); // end of the day in Asia/Shanghai
const progress = (iso: string, current: number) => ({
  kind: 'progress_reported',
  occurredAt: new Date(iso),
  indicators: [{ code: 'I1', current }],
});
const events = [progress('2019-03-31T10:00:00Z', 600), progress('2019-04-15T10:00:00Z', 743)];

describe('indicatorAsOf', () => {
  it.each<[string, { live?: number; written?: number }, number | null]>([
    ['2019-03-01', { live: 743, written: 0 }, 0],
    ['2019-03-01', { live: 743 }, null],
    ['2019-04-10', { live: 743, written: 0 }, 600],
    ['2019-04-15', { live: 743, written: 0 }, 743],
    // Nothing happened after the day: the live value, as the measure stands now.
    ['2026-12-03', { live: 800, written: 0 }, 800],
    ['2026-12-03', { written: 5 }, 5],
  ])('as of %s with %j: %s', (day, values, expected) => {
    expect(indicatorAsOf('I1', values, events, end(day))).toBe(expected);
  });

  it('ignores the values of other indicators and of events that carry none', () => {
    const other = [
      {
        kind: 'progress_reported',
        occurredAt: new Date('2019-04-01T00:00:00Z'),
        indicators: [{ code: 'I2', current: 9 }],
      },
      { kind: 'verified', occurredAt: new Date('2019-05-01T00:00:00Z') },
    ];
    expect(indicatorAsOf('I1', { written: 1 }, other, end('2019-04-18'))).toBe(1);
  });
});
