import { Workbook } from 'exceljs';
import { aPlanDocument } from '../../../test/support/plan-fixtures';
import { validatePlanDefinition, type PlanDefinition } from '../../domain/src/plan-definition';
import { TRACKS } from '../../domain/src/track';
import { renderBulletin } from './bulletin-renderer';
import { ledgerWorkbook } from './ledger-workbook.writer';
import { buildPlanReport } from './plan-report';

// Four measures of one immediate problem, feedback 2019-01-18: a written date, an hour
// deadline, 立行立改 (default days: assumed) and 长期坚持 (the track default: assumed).
function definition(immediateWithinDays?: number): PlanDefinition {
  const doc = aPlanDocument({ measures: 4, track: 'immediate' });
  const ms = doc.categories[0].aspects[0].problems[0].measures;
  ['2019-09-30', '9月26日18:00前', '立行立改', '长期坚持'].forEach((due, i) => (ms[i].due = due));
  if (immediateWithinDays !== undefined) Object.assign(doc.plan, { immediateWithinDays });
  const r = validatePlanDefinition(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.plan;
}

const report = (def: PlanDefinition, asOf = '2019-03-01') =>
  buildPlanReport({ definition: def, asOf, measures: [], events: [], removedMeasures: 0 });

describe('deadlines assumed rather than written, in the report, the ledger and the bulletin', () => {
  it('marks 立行立改 with the default days and 长期坚持 as assumed; keeps the time of day', () => {
    expect(report(definition()).measureRows.map((r) => [r.code, r.dueDate, r.dueTime, r.dueAssumed])).toEqual(
      [
        ['P01-M1', '2019-09-30', undefined, false],
        ['P01-M2', '2019-09-26', '18:00', false],
        ['P01-M3', '2019-02-02', undefined, true],
        ['P01-M4', '2019-12-31', undefined, true],
      ],
    );
  });

  // The report reads each written deadline once (plan-report.ts): 长期坚持 is the end of the year for
  // every track but 长期攻坚, whose default is the end of the next.
  it.each(TRACKS.map((t) => [t, t === 'long_term' ? '2020-12-31' : '2019-12-31']))(
    'dates 长期坚持 by its problem’s track when problems of every track share it: %s on %s',
    (track, dueDate) => {
      const doc = aPlanDocument({ measures: 1, due: '长期坚持' });
      const problems = doc.categories[0].aspects[0].problems;
      doc.categories[0].aspects[0].problems = TRACKS.map((t, i) => ({
        ...problems[0],
        code: `P0${i + 1}`,
        track: t,
        measures: problems[0].measures.map((m) => ({ ...m, code: `P0${i + 1}-M1` })),
      }));
      const r = validatePlanDefinition(doc);
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
      const row = report(r.plan).measureRows.find((m) => m.track === track);
      expect(row).toMatchObject({ dueWritten: '长期坚持', dueDate, dueAssumed: true });
    },
  );

  it('does not mark 立行立改 once the plan says how many days it has', () => {
    const rows = report(definition(20)).measureRows;
    expect(rows.find((r) => r.code === 'P01-M3')).toMatchObject({ dueDate: '2019-02-07', dueAssumed: false });
  });

  it('says in the bulletin how many deadlines are the system default, and marks overdue ones', () => {
    const md = renderBulletin(report(definition()), 'internal', 'md');
    expect(md).toContain(
      '另有2项整改措施方案未写明具体完成时限（“立行立改”、“长期坚持”），其期限为系统默认，以各措施所列日期督办。',
    );
    expect(md).toContain(
      '| P01-M3 | 第3项措施 | 省住建厅 | 分管副省长 | 立行立改（2019-02-02（期限为系统默认）） |',
    );
  });

  it('counts only what is still assumed, and says nothing when every deadline was written', () => {
    expect(renderBulletin(report(definition(20)), 'public', 'md')).toContain(
      '另有1项整改措施方案未写明具体完成时限（“长期坚持”），其期限为系统默认',
    );
    const written = validatePlanDefinition(aPlanDocument());
    if (!written.ok) throw new Error('expected a valid plan');
    expect(renderBulletin(report(written.plan), 'public', 'md')).not.toContain('系统默认');
  });

  it('shows the day, the time and the default note in the ledger 时限清单', async () => {
    const def = definition();
    const wb = new Workbook();
    await wb.xlsx.load((await ledgerWorkbook(report(def), def)) as never);
    const ws = wb.getWorksheet('时限清单')!;
    const cells = [2, 3, 4, 5].map((r) => [ws.getCell(r, 3).value, ws.getCell(r, 4).value]);
    expect(cells).toEqual([
      ['2019-09-30', '2019-09-30'],
      ['9月26日18:00前', '2019-09-26 18:00'],
      ['立行立改', '2019-02-02（期限为系统默认）'],
      ['长期坚持', '2019-12-31（期限为系统默认）'],
    ]);
  });
});
