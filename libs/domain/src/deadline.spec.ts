import { isValidTimeZone, readDeadline, zoneOffsetMs } from './deadline';

describe('reading deadlines', () => {
  it.each([
    ['2019-09-30', 'Asia/Shanghai', '2019-09-30T16:00:00.000Z'],
    ['2019-12-31', 'Asia/Shanghai', '2019-12-31T16:00:00.000Z'],
    ['2019-09-30', 'UTC', '2019-10-01T00:00:00.000Z'],
    ['2019-03-30', 'Europe/Berlin', '2019-03-30T23:00:00.000Z'],
    ['2019-03-31', 'Europe/Berlin', '2019-03-31T22:00:00.000Z'],
    ['2019-09-30T18:00:00+08:00', 'Asia/Shanghai', '2019-09-30T10:00:00.000Z'],
    ['2026-11-27T18:30:05.250Z', 'Asia/Shanghai', '2026-11-27T18:30:05.250Z'],
  ])('reads %s in %s as due at %s (a whole day counts)', (text, zone, iso) => {
    const r = readDeadline(text, zone);
    expect(r.ok && r.dueAt.toISOString()).toBe(iso);
  });

  it.each([
    ['2019-02-30', 'is not a calendar date'],
    ['2019-13-01', 'is not a calendar date'],
    ['30/09/2019', 'is neither a date'],
    ['2019-09-30T18:00:00', 'is neither a date'],
    ['9月底前', 'is neither a date'],
  ])('refuses %s with a message', (text, message) => {
    const r = readDeadline(text, 'Asia/Shanghai');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain(message);
  });

  it('knows Shanghai is eight hours ahead of UTC', () => {
    expect(zoneOffsetMs('Asia/Shanghai', Date.UTC(2019, 5, 1))).toBe(8 * 3_600_000);
  });

  it.each([
    ['Asia/Shanghai', true],
    ['UTC', true],
    ['Mars/Olympus', false],
  ])('knows whether %s is a time zone', (zone, ok) => {
    expect(isValidTimeZone(zone)).toBe(ok);
  });
});
