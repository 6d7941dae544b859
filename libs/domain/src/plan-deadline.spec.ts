import { aPlanDocument } from '../../../test/support/plan-fixtures';
import { readPlanDeadline } from './plan-deadline';
import { chineseDeadlineReadings, withDatedDeadlines } from './plan-deadline-readings';
import { validatePlanDefinition } from './plan-definition';
import { shiftPlanDates } from './plan-rebase';

const ZONE = 'Asia/Shanghai';

describe('deadlines in a plan document', () => {
  it.each<[string, string]>([
    ['2019-09-30', '2019-09-30T16:00:00.000Z'],
    ['2019-09-30T18:00:00+08:00', '2019-09-30T10:00:00.000Z'],
    ['9月底前', '2019-09-30T16:00:00.000Z'],
    ['4月下旬', '2019-04-30T16:00:00.000Z'],
  ])('reads %s as due at %s', (text, iso) => {
    const r = readPlanDeadline(text, ZONE, { baseYear: 2019, track: 'immediate' });
    expect(r.ok && r.dueAt.toISOString()).toBe(iso);
  });

  it('names the accepted forms when it cannot read one', () => {
    const r = readPlanDeadline('尽快', ZONE, { baseYear: 2019 });
    expect(r.ok || r.message).toContain(
      '9月26日18:00前, 4月下旬, 2019年底前, 明年6月底前, 年内, 立行立改, 长期坚持',
    );
  });

  type Doc = ReturnType<typeof aPlanDocument> & { plan: Record<string, unknown> };
  const measure = (d: Doc) => d.categories[0].aspects[0].problems[0].measures[0] as Record<string, unknown>;
  function plan(mutate: (d: Doc) => void) {
    const doc = aPlanDocument() as Doc;
    mutate(doc);
    return validatePlanDefinition(doc);
  }

  it('reads a deadline without a year in the feedback year, or in plan.baseYear', () => {
    const feedbackYear = plan((d) => (measure(d).due = '9月底前'));
    const based = plan((d) => {
      measure(d).due = '9月底前';
      d.plan.baseYear = 2020;
    });
    if (!feedbackYear.ok || !based.ok) throw new Error('expected valid plans');
    expect(chineseDeadlineReadings(feedbackYear.plan)[0]).toMatchObject({
      measureCode: 'P01-M1',
      date: '2019-09-30',
    });
    expect(chineseDeadlineReadings(based.plan)[0]).toMatchObject({
      measureCode: 'P01-M1',
      date: '2020-09-30',
    });
  });

  it.each<[string, (d: Doc) => void, string, string]>([
    ['an unreadable deadline', (d) => (measure(d).due = '尽快'), 'measures[0].due', 'not a deadline'],
    [
      'an impossible Chinese date',
      (d) => (measure(d).due = '2月30日前'),
      'measures[0].due',
      'not a calendar date',
    ],
    [
      'a milestone that sets no date',
      (d) => (measure(d).milestones = [{ code: 'MS1', title: '阶段', due: '长期坚持' }]),
      'milestones[0].due',
      'a milestone needs one',
    ],
    ['an unknown cadence', (d) => (d.plan.reportingCadence = 'hourly'), 'plan.reportingCadence', ''],
    [
      'reporting rules without a cadence',
      (d) => (d.plan.reportingRules = { reminderLead: 'P1D' }),
      'plan.reportingRules',
      'need a reportingCadence',
    ],
    [
      'a reminder lead in months',
      (d) => Object.assign(d.plan, { reportingCadence: 'monthly', reportingRules: { reminderLead: 'P1M' } }),
      'plan.reportingRules.reminderLead',
      'without years or months',
    ],
    [
      'a missed-report ladder that does not climb',
      (d) =>
        Object.assign(d.plan, {
          reportingCadence: 'daily',
          reportingRules: {
            missedReportLadder: [
              { misses: 2, notify: 'leader' },
              { misses: 2, notify: 'office' },
            ],
          },
        }),
      'plan.reportingRules.missedReportLadder[1].misses',
      'rungs climb',
    ],
    [
      'a missed-report notice to nobody known',
      (d) =>
        Object.assign(d.plan, {
          reportingCadence: 'daily',
          reportingRules: { missedReportLadder: [{ misses: 1, notify: 'mayor' }] },
        }),
      'plan.reportingRules.missedReportLadder[0].notify',
      '',
    ],
    [
      'an unknown evidence kind',
      (d) => (measure(d).evidenceRules = [{ kind: 'rumour', description: '听说' }]),
      'evidenceRules[0].kind',
      '',
    ],
  ])('refuses %s', (_name, mutate, path, message) => {
    const r = plan(mutate);
    if (r.ok) throw new Error('expected a refusal');
    const hit = r.problems.find((p) => p.path.endsWith(path));
    expect(hit?.message).toContain(message);
  });

  it('writes every Chinese deadline as its date, and re-dates a plan through them', () => {
    const r = plan((d) => {
      measure(d).due = '9月底前';
      measure(d).milestones = [{ code: 'MS1', title: '摸底', due: '4月下旬' }];
    });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const dated = withDatedDeadlines(r.plan).categories[0].aspects[0].problems[0].measures[0];
    expect([dated.due, dated.milestones[0].due]).toEqual(['2019-09-30', '2019-04-30']);
    const moved = shiftPlanDates(r.plan, 10).categories[0].aspects[0].problems[0].measures[0];
    expect([moved.due, moved.milestones[0].due]).toEqual(['2019-10-10', '2019-05-10']);
  });
});
