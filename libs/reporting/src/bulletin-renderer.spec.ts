import { aPlanDocument } from '../../../test/support/plan-fixtures';
import { validatePlanDefinition, type PlanDefinition } from '../../domain/src/plan-definition';
import { BULLETIN_EDITIONS, BULLETIN_FORMATS, renderBulletin } from './bulletin-renderer';
import { buildPlanReport, type MeasureFacts, type PlanReportInput } from './plan-report';

// Three problems, one per track, shaped like the seed's 立行立改 / 常态化 / 攻坚 split.
function definition(): PlanDefinition {
  const doc = aPlanDocument({ measures: 2 });
  const aspect = doc.categories[0].aspects[0];
  const p1 = aspect.problems[0];
  aspect.problems.push(
    {
      ...p1,
      code: 'P02',
      title: '省直部门责任意识不够强',
      track: 'immediate',
      measures: p1.measures.map((m, i) => ({ ...m, code: `P02-M${i + 1}` })),
    },
    {
      ...p1,
      code: 'P03',
      title: '精准帮扶措施雷同',
      track: 'mechanism',
      measures: p1.measures.map((m, i) => ({ ...m, code: `P03-M${i + 1}` })),
    },
  );
  const r = validatePlanDefinition(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.plan;
}

const due = new Date('2019-09-30T16:00:00Z');
const facts = (code: string, status: MeasureFacts['status'], overdueLevel = 0): MeasureFacts => ({
  code,
  status,
  overdueLevel,
  dueAt: due,
  signedOffAt: status === 'verified' ? new Date('2019-09-01T00:00:00Z') : null,
  indicators: code === 'P01-M1' ? [{ code: 'houses', current: 8738 }] : [],
});

function input(over: Partial<PlanReportInput> = {}): PlanReportInput {
  return {
    definition: definition(),
    asOf: '2019-10-20',
    measures: [
      facts('P01-M1', 'in_progress', 2),
      facts('P01-M2', 'verified'),
      facts('P02-M1', 'verified'),
      facts('P02-M2', 'closed'),
      facts('P03-M1', 'assigned', 4),
      facts('P03-M2', 'withdrawn'),
    ],
    events: [],
    removedMeasures: 0,
    ...over,
  };
}

const bulletin = (
  edition: 'internal' | 'public',
  format: 'md' | 'html',
  over: Partial<PlanReportInput> = {},
) => renderBulletin(buildPlanReport(input(over)), edition, format);

describe('the progress bulletin (通报)', () => {
  it('counts problems by track in the shape of the seed, and measures by status', () => {
    const md = bulletin('internal', 'md');
    expect(md).toContain('将巡视反馈问题梳理为1大类1个方面3个问题，制定6项整改措施。');
    expect(md).toContain('截至2019年10月20日，已完成（销号）3项，正在推进2项，逾期未完成2项，调出1项。');
    expect(md).toContain(
      '针对能够当下改的“省直部门责任意识不够强”1个问题，立行立改、即知即改（整改措施2项，已完成2项）',
    );
    expect(md).toContain('针对需要健全完善常态化工作机制的“精准帮扶措施雷同”1个问题');
    expect(md).toContain('针对需要长期攻坚的“农村危房改造不精准”1个问题');
  });

  it('ages overdue measures and counts them by escalation level', () => {
    const md = bulletin('internal', 'md');
    expect(md).toContain(
      '逾期未完成整改措施2项：逾期1—7天0项，逾期8—30天2项，逾期31—90天0项，逾期90天以上0项。',
    );
    expect(md).toContain('按督办升级，已督办1项、已问责移送1项。');
    expect(md).toContain(
      '| P01-M1 | 9月底前完成2.65万户危房改造 | 省住建厅 | 分管副省长 | 2019-09-30 | 20 | 督办 | 整改中 |',
    );
  });

  it.each(BULLETIN_FORMATS)('names no individual in the public edition (%s)', (format) => {
    const pub = bulletin('public', format);
    const internal = bulletin('internal', format);
    expect(internal).toContain('分管副省长');
    expect(pub).not.toContain('分管副省长');
    expect(pub).not.toContain('牵头领导');
    expect(pub).toContain('省住建厅');
  });

  it('shows indicator progress', () => {
    expect(bulletin('public', 'md')).toContain('| P01-M1 | 危房改造户数 | 26,500户 | 8,738户 | 33% |');
  });

  it('omits the discipline section without figures and shows it with them', () => {
    expect(bulletin('internal', 'md')).not.toContain('执纪问责');
    const md = bulletin('internal', 'md', {
      discipline: { cases: 376, people: 850, byForm: [{ form: '党纪政务处分', people: 450 }] },
    });
    expect(md).toContain('## 五、执纪问责情况');
    expect(md).toContain('查处问题376件850人，其中党纪政务处分450人。');
  });

  it("gives spot inspections one sentence in the seed's words, only when there were rounds", () => {
    const report = buildPlanReport(input());
    const none = { rounds: 0, findings: 0, notices: { task_notice: 0, supervision_letter: 0 } };
    expect(renderBulletin({ ...report, spotInspections: none }, 'public', 'md')).not.toContain('暗访督查');
    const taskOnly = { rounds: 4, findings: 107, notices: { task_notice: 30, supervision_letter: 0 } };
    for (const edition of ['internal', 'public'] as const) {
      const md = renderBulletin({ ...report, spotInspections: taskOnly }, edition, 'md');
      expect(md).toContain('暗访督查情况');
      expect(md).toContain(
        '截至2019年10月20日，已集中组织开展了4轮次的暗访督查，梳理发现具体问题107个，下发整改任务通知书30份。',
      );
    }
    const withLetters = { ...taskOnly, notices: { task_notice: 30, supervision_letter: 2 } };
    expect(renderBulletin({ ...report, spotInspections: withLetters }, 'public', 'md')).toContain(
      '下发整改任务通知书30份、督办函2份。',
    );
  });

  it('shows the unit ranking of the month given, with each change in words, only when there are rows', () => {
    const report = buildPlanReport(input());
    const rows = [
      { unitName: '省住建厅', score: 100, rank: 1, change: 2 },
      { unitName: '省扶贫办', score: 98, rank: 2, change: 0 },
      { unitName: '临夏州', score: 47.7, rank: 3, change: -1 },
      { unitName: '甘南州', score: 47.7, rank: 3, change: null },
    ];
    const internal = renderBulletin(
      { ...report, unitRanking: { periodKey: '2019-10', publishedOn: null, rows } },
      'internal',
      'md',
    );
    expect(internal).toContain('责任单位考评排名');
    expect(internal).toContain('2019年10月各责任单位考评得分及排名如下（截至2019年10月20日，未公开）。');
    expect(internal).toContain('| 1 | 省住建厅 | 100.0 | 上升2位 |');
    expect(internal).toContain('| 2 | 省扶贫办 | 98.0 | 持平 |');
    expect(internal).toContain('| 3 | 临夏州 | 47.7 | 下降1位 |');
    expect(internal).toContain('| 3 | 甘南州 | 47.7 | — |');
    const published = renderBulletin(
      { ...report, unitRanking: { periodKey: '2019-10', publishedOn: '2019-11-02', rows } },
      'public',
      'md',
    );
    expect(published).toContain('2019年10月各责任单位考评得分及排名如下，已于2019年11月2日公开。');
    const empty = { periodKey: '2019-10', publishedOn: null, rows: [] };
    expect(renderBulletin({ ...report, unitRanking: empty }, 'internal', 'md')).not.toContain('考评');
    expect(renderBulletin(report, 'internal', 'md')).not.toContain('考评');
  });

  it.each(BULLETIN_EDITIONS)(
    'counts open measures by light, in all and by lead unit, last, in the %s edition; blue only when some are',
    (edition) => {
      expect(bulletin(edition, 'md')).not.toContain('亮灯督办情况');
      const lit = (light: MeasureFacts['light']) => (f: MeasureFacts) => ({ ...f, light });
      const [m1, , , , p3, ...rest] = input().measures;
      const md = bulletin(edition, 'md', {
        measures: [lit('red')(m1), ...input().measures.slice(1, 4), lit('yellow')(p3), ...rest],
      });
      expect(md).toContain('亮灯督办情况');
      expect(md.indexOf('亮灯督办情况')).toBeGreaterThan(md.indexOf('量化指标进展'));
      expect(md).toContain('截至2019年10月20日，推进中的整改措施亮绿灯0项、黄灯1项、红灯1项。');
      expect(md).toContain('| 牵头单位 | 绿灯 | 黄灯 | 红灯 |');
      expect(md).toContain('| 省住建厅 | 0 | 1 | 1 |');
      const blue = bulletin(edition, 'md', { measures: [lit('blue')(m1), ...input().measures.slice(1)] });
      expect(blue).toContain('推进中的整改措施亮绿灯0项、蓝灯1项、黄灯0项、红灯0项。');
    },
  );

  it('says so when nothing is overdue', () => {
    expect(bulletin('public', 'md', { asOf: '2019-09-30' })).toContain(
      '截至2019年9月30日，无逾期未完成的整改措施。',
    );
  });

  it.each(BULLETIN_EDITIONS.flatMap((e) => BULLETIN_FORMATS.map((f) => [e, f] as const)))(
    'renders the %s edition as %s with the same sections',
    (edition, format) => {
      const out = bulletin(edition, format);
      for (const heading of ['一、总体情况', '二、分类推进情况', '三、逾期整改措施', '四、量化指标进展'])
        expect(out).toContain(heading);
    },
  );

  it('escapes what it puts into HTML and Markdown tables', () => {
    const def = definition();
    def.categories[0].title = '<script>alert(1)</script> | 大类';
    const r = buildPlanReport({ ...input(), definition: def });
    expect(renderBulletin(r, 'public', 'html')).toContain('&lt;script&gt;alert(1)&lt;/script&gt; | 大类');
    expect(renderBulletin(r, 'public', 'md')).toContain('&lt;script&gt;alert(1)&lt;/script&gt; \\| 大类');
  });
});
