import { readChineseDeadline, trackDefaultDeadline } from './chinese-deadline';
import { TRACKS } from './track';

const ctx = { baseYear: 2019, track: 'mechanism' as const };

describe('Chinese deadlines as offices write them, read relative to the plan year', () => {
  it.each<[string, string]>([
    ['9月底前', '2019-09-30'],
    ['9月底', '2019-09-30'],
    ['9月末', '2019-09-30'],
    ['9月份', '2019-09-30'],
    ['2月底前', '2019-02-28'],
    ['2020年2月底前', '2020-02-29'],
    ['2019年底前', '2019-12-31'],
    ['2020年底', '2020-12-31'],
    ['2020年', '2020-12-31'],
    ['年底前', '2019-12-31'],
    ['年内', '2019-12-31'],
    ['今年内', '2019-12-31'],
    ['明年底前', '2020-12-31'],
    ['4月上旬', '2019-04-10'],
    ['4月中旬', '2019-04-20'],
    ['4月下旬', '2019-04-30'],
    ['2月下旬', '2019-02-28'],
    ['6月30日前', '2019-06-30'],
    ['2019年6月30日', '2019-06-30'],
    ['6月30号以前', '2019-06-30'],
    ['2020年6月底前完成', '2020-06-30'],
    ['上半年', '2019-06-30'],
    ['2020年下半年', '2020-12-31'],
    ['一季度', '2019-03-31'],
    ['第三季度末', '2019-09-30'],
    ['九月底前', '2019-09-30'],
    ['十二月底', '2019-12-31'],
    ['１０月底前', '2019-10-31'],
    [' 9月 底前 ', '2019-09-30'],
    ['长期坚持', '2019-12-31'],
  ])('"%s" → %s', (written, date) => {
    const r = readChineseDeadline(written, ctx);
    expect(r).toMatchObject({ ok: true, date });
  });

  it('explains each reading, so the dry run can show it', () => {
    expect(readChineseDeadline('4月下旬', ctx)).toEqual({
      ok: true,
      date: '2019-04-30',
      explanation: '"4月下旬" → 2019-04-30: 下旬 is read as by the end of the month',
    });
  });

  it.each(TRACKS.map((t) => [t, trackDefaultDeadline(t, 2019)]))(
    '"长期坚持" on the %s track takes the track default %s',
    (track, date) => {
      expect(readChineseDeadline('长期坚持', { baseYear: 2019, track })).toMatchObject({ ok: true, date });
    },
  );

  it('gives long-term work until the end of the following year, everything else until the year end', () => {
    expect(TRACKS.map((t) => trackDefaultDeadline(t, 2019))).toEqual([
      '2019-12-31',
      '2019-12-31',
      '2020-12-31',
      '2019-12-31',
    ]);
  });

  it.each<[string, string]>([
    ['2月30日前', 'not a calendar date'],
    ['13月底前', 'names no month'],
    ['2019年2月29日', 'not a calendar date'],
  ])('refuses the impossible date "%s"', (written, message) => {
    const r = readChineseDeadline(written, ctx);
    expect(r).toMatchObject({ ok: false });
    expect(r && !r.ok && r.message).toContain(message);
  });

  it('refuses "长期坚持" for a milestone, which has no track default', () => {
    expect(readChineseDeadline('长期坚持', { baseYear: 2019 })).toMatchObject({ ok: false });
  });

  it.each(['尽快', '9月中下旬', 'soon', '2019-09-30'])('does not read "%s" as a Chinese deadline', (t) => {
    expect(readChineseDeadline(t, ctx)).toBeNull();
  });
});
