import { assessmentPeriod } from './assessment-period';

const SH = 'Asia/Shanghai';
const at = (iso: string) => Date.parse(iso);

describe('assessmentPeriod', () => {
  it.each([
    ['2026-12', '2026-11-30T16:00:00Z', '2026-12-31T16:00:00Z', '2026-11', '2026-10-31T16:00:00Z'],
    ['2026-01', '2025-12-31T16:00:00Z', '2026-01-31T16:00:00Z', '2025-12', '2025-11-30T16:00:00Z'],
    ['2026-Q4', '2026-09-30T16:00:00Z', '2026-12-31T16:00:00Z', '2026-Q3', '2026-06-30T16:00:00Z'],
    ['2026-Q1', '2025-12-31T16:00:00Z', '2026-03-31T16:00:00Z', '2025-Q4', '2025-09-30T16:00:00Z'],
    ['2026', '2025-12-31T16:00:00Z', '2026-12-31T16:00:00Z', '2025', '2024-12-31T16:00:00Z'],
  ])('%s in Asia/Shanghai', (period, start, end, previousKey, previousStart) => {
    expect(assessmentPeriod({ period }, SH)).toEqual({
      ok: true,
      period: { key: period, startMs: at(start), endMs: at(end) },
      previous: { key: previousKey, startMs: at(previousStart), endMs: at(start) },
    });
  });

  it('takes from–to with `to` included, and as many days before as the previous period', () => {
    expect(assessmentPeriod({ from: '2026-12-01', to: '2026-12-10' }, 'UTC')).toEqual({
      ok: true,
      period: {
        key: '2026-12-01..2026-12-10',
        startMs: at('2026-12-01T00:00:00Z'),
        endMs: at('2026-12-11T00:00:00Z'),
      },
      previous: {
        key: '2026-11-21..2026-11-30',
        startMs: at('2026-11-21T00:00:00Z'),
        endMs: at('2026-12-01T00:00:00Z'),
      },
    });
  });

  it.each([
    [{}, 'period'],
    [{ period: '2026-13' }, 'period'],
    [{ period: '2026-Q5' }, 'period'],
    [{ period: '26' }, 'period'],
    [{ period: '2026-12', from: '2026-12-01' }, 'period'],
    [{ from: '2026-02-30', to: '2026-03-01' }, 'from'],
    [{ to: '2026-03-01' }, 'from'],
    [{ from: '2026-03-01' }, 'to'],
    [{ from: '2026-03-02', to: '2026-03-01' }, 'to'],
  ])('refuses %j naming %s', (input, path) => {
    expect(assessmentPeriod(input, SH)).toMatchObject({ ok: false, path });
  });
});
