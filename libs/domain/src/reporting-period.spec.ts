import {
  firstPeriod,
  nextPeriod,
  periodAt,
  periodDays,
  periodLabel,
  periodOfKey,
  REPORTING_CADENCES,
  ReportingCadence,
  reminderAt,
} from './reporting-period';

const SHANGHAI = 'Asia/Shanghai';
// Local wall-clock time in Shanghai (UTC+8, no daylight saving) as an instant.
const sh = (local: string) => Date.parse(`${local}+08:00`);
const iso = (ms: number) => new Date(ms).toISOString();

describe('reporting periods', () => {
  // [cadence, a local time in Shanghai, key, first local day, first local day of the next period]
  it.each<[ReportingCadence, string, string, string, string]>([
    ['daily', '2026-03-05T00:00:00', '2026-03-05', '2026-03-05', '2026-03-06'],
    ['daily', '2026-03-05T23:59:59.999', '2026-03-05', '2026-03-05', '2026-03-06'],
    ['daily', '2026-02-28T12:00:00', '2026-02-28', '2026-02-28', '2026-03-01'],
    ['daily', '2024-02-28T12:00:00', '2024-02-28', '2024-02-28', '2024-02-29'],
    ['daily', '2024-02-29T12:00:00', '2024-02-29', '2024-02-29', '2024-03-01'],
    ['daily', '2026-12-31T08:00:00', '2026-12-31', '2026-12-31', '2027-01-01'],
    // 2026-03-02 is a Monday; 2026-03-08 a Sunday.
    ['weekly', '2026-03-02T00:00:00', '2026-W10', '2026-03-02', '2026-03-09'],
    ['weekly', '2026-03-08T23:00:00', '2026-W10', '2026-03-02', '2026-03-09'],
    // A week across the year's end belongs to the year of its Thursday.
    ['weekly', '2026-01-01T09:00:00', '2026-W01', '2025-12-29', '2026-01-05'],
    ['weekly', '2027-01-01T09:00:00', '2026-W53', '2026-12-28', '2027-01-04'],
    ['weekly', '2024-02-29T09:00:00', '2024-W09', '2024-02-26', '2024-03-04'],
    ['ten_daily', '2026-03-01T00:00:00', '2026-03-T1', '2026-03-01', '2026-03-11'],
    ['ten_daily', '2026-03-10T23:59:59', '2026-03-T1', '2026-03-01', '2026-03-11'],
    ['ten_daily', '2026-03-11T00:00:00', '2026-03-T2', '2026-03-11', '2026-03-21'],
    ['ten_daily', '2026-03-31T12:00:00', '2026-03-T3', '2026-03-21', '2026-04-01'],
    ['ten_daily', '2026-02-28T12:00:00', '2026-02-T3', '2026-02-21', '2026-03-01'],
    ['ten_daily', '2024-02-29T12:00:00', '2024-02-T3', '2024-02-21', '2024-03-01'],
    ['ten_daily', '2026-04-30T12:00:00', '2026-04-T3', '2026-04-21', '2026-05-01'],
    ['ten_daily', '2026-12-25T12:00:00', '2026-12-T3', '2026-12-21', '2027-01-01'],
    ['monthly', '2026-03-15T12:00:00', '2026-03', '2026-03-01', '2026-04-01'],
    ['monthly', '2026-02-01T00:00:00', '2026-02', '2026-02-01', '2026-03-01'],
    ['monthly', '2024-02-29T23:59:59', '2024-02', '2024-02-01', '2024-03-01'],
    ['monthly', '2026-12-31T23:59:59', '2026-12', '2026-12-01', '2027-01-01'],
  ])('%s at %s is %s, from %s up to %s', (cadence, local, key, first, next) => {
    const p = periodAt(sh(local), cadence, SHANGHAI);
    expect(p).toEqual({ cadence, key, startMs: sh(`${first}T00:00:00`), endMs: sh(`${next}T00:00:00`) });
  });

  it('covers every cadence in the tables above', () => {
    expect([...REPORTING_CADENCES].sort()).toEqual(['daily', 'monthly', 'ten_daily', 'weekly']);
  });

  it.each(REPORTING_CADENCES)('%s: each period ends where the next begins, for two years', (cadence) => {
    let p = periodAt(sh('2023-12-30T10:00:00'), cadence, SHANGHAI);
    const keys = new Set<string>();
    while (p.startMs < sh('2026-01-01T00:00:00')) {
      const next = nextPeriod(p, SHANGHAI);
      expect(next.startMs).toBe(p.endMs);
      expect(periodAt(p.endMs - 1, cadence, SHANGHAI).key).toBe(p.key);
      expect(periodOfKey(p.key, cadence, SHANGHAI)).toEqual(p);
      keys.add(p.key);
      p = next;
    }
    // 30 Dec 2023 to 31 Dec 2025: 2 + 366 + 365 days.
    const expected = { daily: 733, weekly: 106, ten_daily: 73, monthly: 25 }[cadence];
    expect(keys.size).toBe(expected);
  });

  it.each<[ReportingCadence, string, string, string]>([
    ['weekly', '2027-01-01T09:00:00', '2026-12-28', '2027-01-03'],
    ['ten_daily', '2024-02-25T09:00:00', '2024-02-21', '2024-02-29'],
    ['ten_daily', '2026-02-25T09:00:00', '2026-02-21', '2026-02-28'],
    ['monthly', '2026-04-09T09:00:00', '2026-04-01', '2026-04-30'],
    ['daily', '2026-04-09T09:00:00', '2026-04-09', '2026-04-09'],
  ])('%s around %s runs from %s to %s inclusive', (cadence, local, first, last) => {
    expect(periodDays(periodAt(sh(local), cadence, SHANGHAI), SHANGHAI)).toEqual({ first, last });
  });

  it('counts periods in local time, not UTC: 07:59 in Shanghai is still the local day', () => {
    const p = periodAt(Date.parse('2026-03-04T23:59:00Z'), 'daily', SHANGHAI);
    expect(p.key).toBe('2026-03-05');
    expect(periodAt(Date.parse('2026-03-04T23:59:00Z'), 'daily', 'UTC').key).toBe('2026-03-04');
  });

  it('has 23- and 25-hour days where the zone keeps daylight saving', () => {
    const spring = periodAt(Date.parse('2026-03-29T12:00:00Z'), 'daily', 'Europe/Berlin');
    const autumn = periodAt(Date.parse('2026-10-25T12:00:00Z'), 'daily', 'Europe/Berlin');
    expect([iso(spring.startMs), iso(spring.endMs)]).toEqual([
      '2026-03-28T23:00:00.000Z',
      '2026-03-29T22:00:00.000Z',
    ]);
    expect((autumn.endMs - autumn.startMs) / 3_600_000).toBe(25);
  });

  it.each<[ReportingCadence, string]>([
    ['daily', '2026-02-29'],
    ['daily', '2026-13-01'],
    ['daily', '2026-3-5'],
    ['weekly', '2026-W54'],
    ['weekly', '2026-W00'],
    ['weekly', '2025-W53'],
    ['ten_daily', '2026-03-T4'],
    ['ten_daily', '2026-00-T1'],
    ['monthly', '2026-13'],
    ['monthly', '2026-03-01'],
  ])('%s: the key %s names no period', (cadence, key) => {
    expect(periodOfKey(key, cadence, SHANGHAI)).toBeNull();
  });

  it.each<[ReportingCadence, string, string]>([
    ['daily', '2024-02-29', '2024年2月29日'],
    ['weekly', '2026-W53', '2026年第53周'],
    ['ten_daily', '2026-02-T3', '2026年2月下旬'],
    ['monthly', '2026-03', '2026年3月'],
  ])('%s period %s reads %s', (cadence, key, label) => {
    expect(periodLabel({ cadence, key })).toBe(label);
  });

  it.each<[ReportingCadence, string, string, string]>([
    ['ten_daily', '2026-03-15T12:00:00', 'P1D', '2026-03-20T00:00:00'],
    ['monthly', '2026-02-10T12:00:00', 'P3D', '2026-02-26T00:00:00'],
    ['daily', '2026-03-05T08:00:00', 'PT6H', '2026-03-05T18:00:00'],
    ['daily', '2026-03-05T08:00:00', 'PT30S', '2026-03-05T23:59:30'],
    // A lead longer than the period reminds when the period begins.
    ['daily', '2026-03-05T08:00:00', 'P2D', '2026-03-05T00:00:00'],
    ['weekly', '2026-03-04T08:00:00', 'P1D', '2026-03-08T00:00:00'],
  ])('%s around %s with a lead of %s reminds at %s', (cadence, local, lead, at) => {
    expect(reminderAt(periodAt(sh(local), cadence, SHANGHAI), lead)).toBe(sh(at));
  });

  it.each<[ReportingCadence, string, string, string]>([
    ['monthly', '2026-03-10T09:00:00', 'P1D', '2026-03'],
    ['monthly', '2026-03-30T23:59:59', 'P1D', '2026-03'],
    // Started after the reminder time: the period is too short to owe a report; the next one counts.
    ['monthly', '2026-03-31T00:00:00', 'P1D', '2026-04'],
    ['daily', '2026-03-05T01:00:00', 'PT1H', '2026-03-05'],
    ['daily', '2026-03-05T23:30:00', 'PT1H', '2026-03-06'],
    ['ten_daily', '2024-02-28T12:00:00', 'P3D', '2024-03-T1'],
    ['weekly', '2026-03-08T12:00:00', 'P1D', '2026-W11'],
  ])('%s started at %s with a lead of %s first judges %s', (cadence, local, lead, key) => {
    expect(firstPeriod(sh(local), cadence, SHANGHAI, lead).key).toBe(key);
  });
});
