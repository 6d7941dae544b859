import { aPlanDocument } from '../../../test/support/plan-fixtures';
import type { MeasureStatus } from '../../domain/src/measure-status';
import { validatePlanDefinition } from '../../domain/src/plan-definition';
import { renderBulletin } from './bulletin-renderer';
import { buildPlanReport, type MeasureFacts } from './plan-report';
import { HOUSING_TARGET_ADJUSTMENT } from '../../../test/support/report-fixtures';

// Four problems of two measures each: P01 long-term, P02–P04 immediate.
function report(statuses: MeasureStatus[], plan: Record<string, unknown> = {}, indicators = {}) {
  const doc = aPlanDocument({ measures: 2 });
  Object.assign(doc.plan, plan);
  const aspect = doc.categories[0].aspects[0];
  const p1 = aspect.problems[0];
  for (const n of [2, 3, 4])
    aspect.problems.push({
      ...p1,
      code: `P0${n}`,
      title: `问题${n}`,
      track: 'immediate',
      measures: p1.measures.map((m, i) => ({ ...m, code: `P0${n}-M${i + 1}`, indicators: [] })),
    });
  const v = validatePlanDefinition(doc);
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  const codes = aspect.problems.flatMap((p) => p.measures.map((m) => m.code));
  return buildPlanReport({
    definition: v.plan,
    asOf: '2019-10-20',
    measures: codes.map(
      (code, i): MeasureFacts => ({
        code,
        status: statuses[i],
        overdueLevel: 0,
        dueAt: new Date('2019-12-31T16:00:00Z'),
        signedOffAt: null,
        indicators: code === 'P01-M1' ? [{ code: 'houses', current: 100, ...indicators }] : [],
      }),
    ),
    events: [],
    removedMeasures: 0,
  });
}

describe('progress as offices report it, in the bulletin', () => {
  // P01: one of two verified → stage goal; P02: both done → done; P03: one in progress; P04: nothing yet.
  const STATUSES: MeasureStatus[] = [
    'verified',
    'in_progress',
    'verified',
    'closed',
    'in_progress',
    'assigned',
    'assigned',
    'withdrawn',
  ];

  it('counts problems by status and by track, with the stage goals reached', () => {
    const r = report(STATUSES);
    expect(r.problemProgress.problems.map((p) => [p.code, p.status])).toEqual([
      ['P01', 'stage_goal'],
      ['P02', 'done'],
      ['P03', 'in_progress'],
      ['P04', 'not_started'],
    ]);
    for (const edition of ['internal', 'public'] as const) {
      const md = renderBulletin(r, edition, 'md');
      expect(md).toContain(
        '按问题统计，2个问题基本实现阶段目标，其中1个问题已整改到位；1个问题正在推进；1个问题尚未启动。',
      );
      expect(md).toContain('| 整改类型 | 问题 | 尚未启动 | 推进中 | 阶段目标 | 基本完成 | 整改到位 |');
      expect(md).toContain('| 立行立改 | 3 | 1 | 1 | 0 | 0 | 1 |');
      expect(md).toContain('| 长期攻坚 | 1 | 0 | 0 | 1 | 0 | 0 |');
      expect(md).toContain('| 合计 | 4 | 1 | 1 | 1 | 0 | 1 |');
    }
  });

  it("follows the plan's own rule: half done is basically done", () => {
    const md = renderBulletin(
      report(STATUSES, { problemProgressRule: { basicallyDoneShare: 0.5 } }),
      'public',
      'md',
    );
    expect(md).toContain('按问题统计，2个问题基本实现阶段目标，其中1个问题已整改到位、1个问题基本完成；');
  });

  it('shows declared totals beside the modelled counts, never the modelled count as the official one', () => {
    const declared = { declared: { categories: 4, problems: 30, measures: 148 } };
    for (const edition of ['internal', 'public'] as const) {
      const md = renderBulletin(report(STATUSES, declared), edition, 'md');
      expect(md).toContain(
        '将巡视反馈问题梳理为4大类（台账录入1大类，差3大类）1个方面30个问题（台账录入4个问题，差26个问题），' +
          '制定整改措施148项（台账录入8项，差140项）。截至2019年10月20日，台账录入的8项整改措施中，已完成（销号）3项',
      );
      expect(md).toContain('按问题统计，台账录入的4个问题中，2个问题基本实现阶段目标');
      expect(md).not.toContain('制定8项整改措施');
    }
    // Declared as modelled: said once.
    const same = renderBulletin(report(STATUSES, { declared: { measures: 8 } }), 'public', 'md');
    expect(same).toContain(
      '将巡视反馈问题梳理为1大类1个方面4个问题，制定8项整改措施。截至2019年10月20日，已完成',
    );
  });

  it('shows an adjusted target with its note', () => {
    const adjustment = HOUSING_TARGET_ADJUSTMENT;
    const md = renderBulletin(report(STATUSES, {}, { target: 26062, adjustment }), 'public', 'md');
    expect(md).toContain('| P01-M1 | 危房改造户数 | 26,062户（调整后） | 100户 | 0.4% |');
    expect(md).toContain(
      '目标调整说明：P01-M1 危房改造户数：目标由26,500户调整为26,062户：438户经核实不属于改造对象（省住建厅批准）。',
    );
  });
});
