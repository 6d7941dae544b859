import { addIsoDuration, isIsoDuration, parseIsoDuration } from './iso-duration';

const T0 = Date.UTC(2019, 0, 31, 12, 0, 0);

describe('ISO-8601 durations', () => {
  it.each([
    ['P7D', 7 * 86_400_000],
    ['-P1D', -86_400_000],
    ['PT30S', 30_000],
    ['PT1.5S', 1_500],
    ['P1W', 7 * 86_400_000],
    ['PT2H30M', 9_000_000],
    ['+P1DT1H', 90_000_000],
    ['PT0S', 0],
  ])('adds %s as %d ms', (text, ms) => {
    expect(addIsoDuration(T0, text) - T0).toBe(ms);
  });

  it('adds months on the calendar, clamping to the end of shorter months', () => {
    expect(new Date(addIsoDuration(T0, 'P1M')).toISOString()).toBe('2019-02-28T12:00:00.000Z');
    expect(new Date(addIsoDuration(T0, '-P2M')).toISOString()).toBe('2018-11-30T12:00:00.000Z');
    expect(new Date(addIsoDuration(T0, 'P1Y')).toISOString()).toBe('2020-01-31T12:00:00.000Z');
  });

  it.each(['', 'P', 'PT', '7D', 'P7', 'P1.5D', 'PT-1S', 'P1DT', 'p7d', ' P7D'])(
    'rejects %j with a message naming it',
    (text) => {
      expect(isIsoDuration(text)).toBe(false);
      expect(() => parseIsoDuration(text)).toThrow(`"${text}" is not an ISO-8601 duration`);
    },
  );
});
