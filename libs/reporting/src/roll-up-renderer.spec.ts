import { periodAt, REPORTING_CADENCES, type ReportingCadence } from '../../domain/src/reporting-period';
import { DOCUMENT_FORMATS } from './report-document';
import { buildRollUp, type RollUpInput } from './roll-up';
import { renderRollUp, ROLL_UP_NAMES, rollUpTitle } from './roll-up-renderer';

const ZONE = 'Asia/Shanghai';

function input(cadence: ReportingCadence = 'ten_daily', over: Partial<RollUpInput> = {}): RollUpInput {
  return {
    plan: { code: 'GS-2019', title: '甘肃省整改方案', timeZone: ZONE },
    period: periodAt(Date.parse('2026-02-25T12:00:00+08:00'), cadence, ZONE),
    units: [
      { code: 'GS-POVERTY', name: '省扶贫办' },
      { code: 'GS-HOUSING', name: '省住建厅' },
      { code: 'LINXIA', name: '临夏州' },
      { code: 'IDLE', name: '无措施单位' },
    ],
    measures: [
      { leadUnitCode: 'GS-HOUSING', leadLeader: '分管副省长', status: 'in_progress' },
      { leadUnitCode: 'GS-HOUSING', leadLeader: '分管副省长', status: 'verified' },
      { leadUnitCode: 'GS-POVERTY', leadLeader: '副省长乙', status: 'assigned' },
      { leadUnitCode: 'LINXIA', leadLeader: '副省长乙', status: 'closed' },
    ],
    reports: { 'GS-HOUSING': 2 },
    reported: ['GS-HOUSING'],
    missed: [{ unitCode: 'GS-POVERTY', consecutive: 3 }],
    ...over,
  };
}

describe('the roll-up of a reporting period (旬报 / 月通报)', () => {
  it('lists the units that lead measures in plan order, judged as the workflow judged them', () => {
    const r = buildRollUp(input());
    expect(r.period).toEqual({
      key: '2026-02-T3',
      label: '2026年2月下旬',
      firstDay: '2026-02-21',
      lastDay: '2026-02-28',
      start: '2026-02-20T16:00:00.000Z',
      end: '2026-02-28T16:00:00.000Z',
    });
    expect(
      r.units.map((u) => [u.code, u.owed, u.reported, u.reports, u.consecutiveMisses, u.measures.total]),
    ).toEqual([
      ['GS-POVERTY', true, false, 0, 3, 1],
      ['GS-HOUSING', true, true, 2, 0, 2],
      ['LINXIA', false, false, 0, 0, 1],
    ]);
    expect(r.units[1].measures).toMatchObject({ in_progress: 1, verified: 1, assigned: 0 });
    expect(r.units[0].leaders).toEqual(['副省长乙']);
  });

  it('renders Markdown: who reported, who missed with the streak, measures by status', () => {
    const md = renderRollUp(buildRollUp(input()), 'md');
    expect(md).toContain('# 甘肃省整改方案整改进展旬报（2026年2月下旬）');
    expect(md).toContain('> 报告周期：2026年2月21日至2026年2月28日（2026-02-T3）');
    expect(md).toContain('本期应报送进展情况的责任单位2个，已报送1个，漏报1个：省扶贫办（连续3期）。');
    expect(md).toContain(
      '| 责任单位 | 报告情况 | 本期进展报告 | 已交办 | 整改中 | 申请销号 | 已销号 | 已关闭 | 已调出 | 合计 |',
    );
    expect(md).toContain('| 省扶贫办 | 漏报（连续3期） | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |');
    expect(md).toContain('| 省住建厅 | 已报送 | 2 | 0 | 1 | 0 | 1 | 0 | 0 | 2 |');
    expect(md).toContain('| 临夏州 | 无在办措施 | 0 | 0 | 0 | 0 | 0 | 1 | 0 | 1 |');
  });

  it('says so when nobody missed, and when nobody owed a report', () => {
    const none = renderRollUp(buildRollUp(input('monthly', { missed: [] })), 'md');
    expect(none).toContain('已报送1个，无漏报。');
    const idle = renderRollUp(buildRollUp(input('daily', { missed: [], reported: [] })), 'md');
    expect(idle).toContain('本期没有应报送进展情况的责任单位。');
  });

  it.each(REPORTING_CADENCES)('names the %s document by its cadence', (cadence) => {
    expect(rollUpTitle(buildRollUp(input(cadence)))).toContain(ROLL_UP_NAMES[cadence]);
  });

  it.each(DOCUMENT_FORMATS)('escapes what units and plans are called (%s)', (format) => {
    const text = renderRollUp(
      buildRollUp(
        input('weekly', {
          plan: { code: 'X', title: '<script>x</script>', timeZone: ZONE },
          units: [{ code: 'GS-HOUSING', name: 'a | b <b>' }],
        }),
      ),
      format,
    );
    expect(text).not.toContain('<script>');
    if (format === 'html') expect(text).toContain('<td>a | b &lt;b&gt;</td>');
    else expect(text).toContain('a \\| b &lt;b&gt;');
  });
});
