import {
  INDICATOR_VALUE_SOURCES,
  type IndicatorValueSource,
  indicatorHistory,
  indicatorValueAt,
} from './indicator-history';

const at = (iso: string) => new Date(iso);
const event = (
  kind: string,
  occurredAt: string,
  indicators: unknown[],
  extra: Record<string, unknown> = {},
  recordedAt = '2026-12-03T06:00:00Z',
) => ({
  kind,
  occurredAt: at(occurredAt),
  recordedAt: at(recordedAt),
  actor: 'office:user:1',
  detail: { indicators, ...extra },
});

describe('indicatorHistory (指标值历史)', () => {
  const events = [
    event('progress_reported', '2019-04-15T02:00:00Z', [{ code: 'I1', current: 743 }], {
      enteredLater: true,
    }),
    event('progress_reported', '2019-03-31T02:00:00Z', [{ code: 'I1', current: 600 }], {
      enteredLater: true,
    }),
    event('completion_claimed', '2019-05-01T02:00:00Z', [
      { code: 'I1', current: 743, target: 790 },
      { code: 'I2', current: 10, target: 10 },
      { code: 'I3', target: 5 },
    ]),
    event('verified', '2019-05-02T02:00:00Z', [{ code: 'I1', current: 999 }]),
  ];

  it('keeps every value in the order it applies, a claim only for what it changed', () => {
    expect(
      indicatorHistory(events).map((h) => [h.code, h.value, h.appliesAt, h.enteredLater, h.source]),
    ).toEqual([
      ['I1', 600, '2019-03-31T02:00:00.000Z', true, 'progress_reported'],
      ['I1', 743, '2019-04-15T02:00:00.000Z', true, 'progress_reported'],
      ['I2', 10, '2019-05-01T02:00:00.000Z', false, 'completion_claimed'],
    ]);
  });

  it.each<[IndicatorValueSource, number]>([
    ['progress_reported', 1],
    ['completion_claimed', 1],
  ])('reads values from %s events', (kind, n) => {
    expect(
      indicatorHistory([event(kind, '2019-04-01T00:00:00Z', [{ code: 'I9', current: 3 }])]),
    ).toHaveLength(n);
  });

  it('covers every source', () => {
    expect([...INDICATOR_VALUE_SOURCES]).toEqual(['progress_reported', 'completion_claimed']);
  });

  it.each<[string, number | undefined]>([
    ['2019-03-31T02:00:00Z', undefined],
    ['2019-03-31T02:00:00.001Z', 600],
    ['2019-04-18T16:00:00Z', 743],
    ['2030-01-01T00:00:00Z', 743],
  ])('the value that applied before %s is %s', (iso, value) => {
    expect(indicatorValueAt(indicatorHistory(events), 'I1', Date.parse(iso))).toBe(value);
  });

  it('orders two values of the same moment by when they were recorded', () => {
    const h = indicatorHistory([
      event(
        'progress_reported',
        '2019-04-01T00:00:00Z',
        [{ code: 'I1', current: 2 }],
        {},
        '2026-12-03T07:00:00Z',
      ),
      event(
        'progress_reported',
        '2019-04-01T00:00:00Z',
        [{ code: 'I1', current: 1 }],
        {},
        '2026-12-03T06:00:00Z',
      ),
    ]);
    expect(indicatorValueAt(h, 'I1', Date.parse('2019-04-02T00:00:00Z'))).toBe(2);
  });
});
