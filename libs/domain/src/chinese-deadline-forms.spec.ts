import { DEFAULT_IMMEDIATE_WITHIN_DAYS, readChineseDeadline } from './chinese-deadline';
import { readPlanDeadline } from './plan-deadline';
import { TRACKS } from './track';

// The feedback of the Gansu inspection: 2019-01-27 (a Sunday), plan year 2019.
const ctx = { baseYear: 2019, track: 'immediate' as const, feedbackDate: '2019-01-27' };
const ZONE = 'Asia/Shanghai';

describe('deadlines with a time of day, read in the plan zone', () => {
  it.each<[string, string, string, string]>([
    ['9月26日18:00前', '2019-09-26', '18:00', '2019-09-26T10:00:00.000Z'],
    ['9月26日18：00前', '2019-09-26', '18:00', '2019-09-26T10:00:00.000Z'],
    ['9月26日下午6点前', '2019-09-26', '18:00', '2019-09-26T10:00:00.000Z'],
    ['9月26日下午六点半前', '2019-09-26', '18:30', '2019-09-26T10:30:00.000Z'],
    ['9月26日晚上8点30分前', '2019-09-26', '20:30', '2019-09-26T12:30:00.000Z'],
    ['9月26日上午9时前', '2019-09-26', '09:00', '2019-09-26T01:00:00.000Z'],
    ['9月26日中午12点前', '2019-09-26', '12:00', '2019-09-26T04:00:00.000Z'],
    ['2020年1月5日17时30分前', '2020-01-05', '17:30', '2020-01-05T09:30:00.000Z'],
    ['明年1月5日9:00前', '2020-01-05', '09:00', '2020-01-05T01:00:00.000Z'],
    ['12月31日24:00前', '2019-12-31', '24:00', '2019-12-31T16:00:00.000Z'],
    // No day: the feedback day.
    ['18时前', '2019-01-27', '18:00', '2019-01-27T10:00:00.000Z'],
    ['当日17:30前', '2019-01-27', '17:30', '2019-01-27T09:30:00.000Z'],
    ['当天下午5点前', '2019-01-27', '17:00', '2019-01-27T09:00:00.000Z'],
  ])('"%s" → %s %s, due at %s', (written, date, time, instant) => {
    expect(readChineseDeadline(written, ctx)).toMatchObject({ ok: true, date, time });
    const r = readPlanDeadline(written, ZONE, ctx);
    expect(r).toMatchObject({ ok: true, date, time });
    expect(r.ok && r.dueAt.toISOString()).toBe(instant);
  });

  it('reads the time in the plan zone, not the server zone', () => {
    const r = readPlanDeadline('9月26日18:00前', 'Europe/Berlin', ctx);
    expect(r.ok && r.dueAt.toISOString()).toBe('2019-09-26T16:00:00.000Z');
  });

  it('explains the reading, naming the feedback day when no day is written', () => {
    expect(readChineseDeadline('当日17:30前', ctx)).toEqual({
      ok: true,
      date: '2019-01-27',
      time: '17:30',
      explanation: '"当日17:30前" → 2019-01-27 17:30: by 17:30 on the feedback day 2019-01-27',
    });
  });

  it.each<[string, string]>([
    ['9月26日25:00前', '"9月26日25:00前": 25:00 is not a time of day (00:00–24:00)'],
    ['9月26日18:60前', '"9月26日18:60前": 18:60 is not a time of day (00:00–24:00)'],
    ['24:30前', '"24:30前": 24:30 is not a time of day (00:00–24:00)'],
    ['2月30日18:00前', '"2月30日18:00前" is not a calendar date (2019-2 has 28 days)'],
    ['13月1日9:00前', '"13月1日9:00前" names no month of the year (1–12)'],
    ['9月底18:00前', '"9月底18:00前": a time of day needs a day (e.g. 9月26日18:00前)'],
  ])('refuses "%s": %s', (written, message) => {
    expect(readChineseDeadline(written, ctx)).toEqual({ ok: false, message });
  });

  it('refuses a time without a day where there is no feedback date (a spot notice)', () => {
    expect(readChineseDeadline('18时前', { baseYear: 2019 })).toEqual({
      ok: false,
      message: '"18时前" names no day, and there is no feedback date to read it on',
    });
  });

  it('does not read a time after text it does not know', () => {
    expect(readChineseDeadline('尽快18:00前', ctx)).toBeNull();
  });
});

describe('明年 and 次年: the year after the base year', () => {
  it.each<[string, string]>([
    ['明年6月底前', '2020-06-30'],
    ['次年3月底', '2020-03-31'],
    ['明年6月30日前', '2020-06-30'],
    ['明年上半年', '2020-06-30'],
    ['明年一季度', '2020-03-31'],
    ['今年6月底前', '2019-06-30'],
    ['明年底前', '2020-12-31'],
  ])('"%s" → %s', (written, date) => {
    expect(readChineseDeadline(written, ctx)).toMatchObject({ ok: true, date });
  });

  it('says which year 明年 is', () => {
    expect(readChineseDeadline('明年6月底前', ctx)).toMatchObject({
      explanation: '"明年6月底前" → 2020-06-30: by the end of the month; 明年 is 2020, the year after 2019',
    });
  });

  it('says which year 次年 is', () => {
    expect(readChineseDeadline('次年3月底', ctx)).toMatchObject({
      explanation: '"次年3月底" → 2020-03-31: by the end of the month; 次年 is 2020, the year after 2019',
    });
  });

  it('refuses 明年2月30日', () => {
    expect(readChineseDeadline('明年2月30日', ctx)).toMatchObject({
      ok: false,
      message: '"明年2月30日" is not a calendar date (2020-2 has 29 days)',
    });
  });
});

describe('立即 / 立行立改: the feedback date plus a number of days', () => {
  it.each(['立即', '立行立改', '立即整改', '即知即改', '立行立改完成'])(
    '"%s" is due %d days after the feedback by default, marked as assumed',
    (written) => {
      expect(DEFAULT_IMMEDIATE_WITHIN_DAYS).toBe(15);
      expect(readChineseDeadline(written, ctx)).toEqual({
        ok: true,
        date: '2019-02-11',
        explanation: `"${written}" → 2019-02-11: the feedback date 2019-01-27 + 15 days (the default; set plan.immediateWithinDays to say otherwise)`,
        assumed: true,
      });
    },
  );

  it('counts the days the plan gives, and then they are written, not assumed', () => {
    const r = readChineseDeadline('立行立改', { ...ctx, immediateWithinDays: 30 });
    expect(r).toEqual({
      ok: true,
      date: '2019-02-26',
      explanation:
        '"立行立改" → 2019-02-26: the feedback date 2019-01-27 + 30 days (plan.immediateWithinDays)',
    });
    const due = readPlanDeadline('立行立改', ZONE, { ...ctx, immediateWithinDays: 30 });
    // The whole last day counts: due at the next midnight in the plan zone.
    expect(due.ok && due.dueAt.toISOString()).toBe('2019-02-26T16:00:00.000Z');
  });

  it.each(TRACKS.map((t) => [t, t === 'immediate']))(
    'on the %s track: reads, with a warning unless immediate (%s)',
    (track, immediate) => {
      const r = readChineseDeadline('立行立改', { ...ctx, track });
      expect(r).toMatchObject({ ok: true, date: '2019-02-11' });
      expect(r?.ok && r.warning).toBe(
        immediate
          ? undefined
          : `"立行立改" is meant for the immediate track (立行立改), not ${track}: read as due 2019-02-11`,
      );
    },
  );

  it('refuses 立即 where there is no feedback date', () => {
    expect(readChineseDeadline('立即', { baseYear: 2019 })).toEqual({
      ok: false,
      message: '"立即" counts from the feedback date, and there is none here',
    });
  });
});

describe('which readings are assumed', () => {
  it.each<[string, boolean]>([
    ['长期坚持', true],
    ['立行立改', true],
    ['9月底前', false],
    ['9月26日18:00前', false],
    ['明年6月底前', false],
  ])('"%s" assumed: %s', (written, assumed) => {
    const r = readPlanDeadline(written, ZONE, { ...ctx, track: 'mechanism' });
    expect(r.ok && r.assumed === true).toBe(assumed);
  });
});
