import { deliveryTime, isClockTime, Urgency } from './delivery-timing';

const SH = 'Asia/Shanghai';
// 2026-12-02 in Shanghai (UTC+8), at the given local time.
const at = (hhmm: string, day = 2) => Date.parse(`2026-12-${String(day).padStart(2, '0')}T${hhmm}:00+08:00`);

describe('when a notice may reach a person', () => {
  const quiet = { from: '22:00', to: '07:00' };
  const cases: [string, number, Parameters<typeof deliveryTime>[1], Urgency, number, boolean][] = [
    [
      'no settings: now',
      at('23:30'),
      { timeZone: SH, quietHours: null, dailyDigest: false },
      'informational',
      at('23:30'),
      false,
    ],
    [
      'in quiet hours before midnight: their end, next morning',
      at('23:30'),
      { timeZone: SH, quietHours: quiet, dailyDigest: false },
      'informational',
      at('07:00', 3),
      false,
    ],
    [
      'in quiet hours after midnight: their end, this morning',
      at('05:00'),
      { timeZone: SH, quietHours: quiet, dailyDigest: false },
      'informational',
      at('07:00'),
      false,
    ],
    [
      'outside quiet hours: now',
      at('12:00'),
      { timeZone: SH, quietHours: quiet, dailyDigest: false },
      'informational',
      at('12:00'),
      false,
    ],
    [
      'at the end of quiet hours: now',
      at('07:00'),
      { timeZone: SH, quietHours: quiet, dailyDigest: false },
      'informational',
      at('07:00'),
      false,
    ],
    [
      'quiet hours within one day',
      at('13:00'),
      { timeZone: SH, quietHours: { from: '12:00', to: '14:00' }, dailyDigest: false },
      'informational',
      at('14:00'),
      false,
    ],
    [
      'daily digest before 08:00: today',
      at('06:00'),
      { timeZone: SH, quietHours: null, dailyDigest: true },
      'informational',
      at('08:00'),
      true,
    ],
    [
      'daily digest after 08:00: tomorrow',
      at('09:00'),
      { timeZone: SH, quietHours: null, dailyDigest: true },
      'informational',
      at('08:00', 3),
      true,
    ],
    [
      'an escalation in quiet hours: now, it cannot be muted',
      at('23:30'),
      { timeZone: SH, quietHours: quiet, dailyDigest: true },
      'escalation',
      at('23:30'),
      false,
    ],
    [
      'in another zone: its own clock',
      Date.parse('2026-12-02T23:30:00Z'),
      { timeZone: 'Europe/London', quietHours: quiet, dailyDigest: false },
      'informational',
      Date.parse('2026-12-03T07:00:00Z'),
      false,
    ],
  ];
  it.each(cases)('%s', (_, now, prefs, urgency, notBefore, digest) => {
    expect(deliveryTime(now, prefs, urgency)).toEqual({ notBeforeMs: notBefore, digest });
  });

  it.each([
    ['07:00', true],
    ['23:59', true],
    ['24:00', false],
    ['7:00', false],
    ['07:60', false],
  ])('reads %s as a clock time: %s', (text, ok) => {
    expect(isClockTime(text)).toBe(ok);
  });
});
