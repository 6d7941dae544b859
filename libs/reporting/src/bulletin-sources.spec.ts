import { aPlanDocument } from '../../../test/support/plan-fixtures';
import { validatePlanDefinition, type PlanDefinition } from '../../domain/src/plan-definition';
import { SOURCE_KINDS, type SourceKind } from '../../domain/src/plan-sources';
import { renderBulletin } from './bulletin-renderer';
import { buildPlanReport } from './plan-report';

function plan(
  mutate: (d: Record<string, unknown> & ReturnType<typeof aPlanDocument>) => void,
): PlanDefinition {
  const doc = aPlanDocument({ measures: 1 }) as Record<string, unknown> & ReturnType<typeof aPlanDocument>;
  mutate(doc);
  const r = validatePlanDefinition(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.plan;
}

const text = (definition: PlanDefinition) =>
  renderBulletin(
    buildPlanReport({ definition, asOf: '2019-10-20', measures: [], events: [], removedMeasures: 0 }),
    'public',
    'md',
  );

const OPENINGS: Record<SourceKind, string> = {
  inspection: '2019年3月1日至2019年3月31日，某组对中共甘肃省委开展巡视，2019年4月20日反馈了巡视意见。',
  patrol: '2019年3月1日至2019年3月31日，某组对中共甘肃省委开展巡察，2019年4月20日反馈了巡察意见。',
  special_supervision:
    '2019年3月1日至2019年3月31日，某组对中共甘肃省委开展专项督查，2019年4月20日反馈了督查意见。',
  effectiveness_assessment:
    '2019年3月1日至2019年3月31日，某组对中共甘肃省委开展成效考核，2019年4月20日反馈了考核意见。',
  audit: '2019年3月1日至2019年3月31日，某组对中共甘肃省委开展审计，2019年4月20日反馈了审计发现问题。',
  spot_check: '2019年3月1日至2019年3月31日，某组对中共甘肃省委开展暗访，2019年4月20日反馈了暗访发现问题。',
  other: '2019年3月1日至2019年3月31日，某组对中共甘肃省委开展监督检查，2019年4月20日反馈了监督检查意见。',
};
const TREES: Record<SourceKind, string> = {
  inspection: '将巡视反馈问题梳理为',
  patrol: '将巡察反馈问题梳理为',
  special_supervision: '将督查反馈问题梳理为',
  effectiveness_assessment: '将考核反馈问题梳理为',
  audit: '将审计反馈问题梳理为',
  spot_check: '将暗访反馈问题梳理为',
  other: '将监督检查反馈问题梳理为',
};

describe('the bulletin in the words of its sources', () => {
  it.each(SOURCE_KINDS.map((k) => [k]))('opens a plan answering one %s source in its words', (kind) => {
    const md = text(
      plan((d) => {
        d.sources = [
          {
            code: 'S1',
            kind,
            body: '某组',
            from: '2019-03-01',
            to: '2019-03-31',
            feedbackDate: '2019-04-20',
          },
        ];
      }),
    );
    expect(md).toContain(OPENINGS[kind]);
    expect(md).toContain(`${TREES[kind]}1大类1个方面1个问题，制定1项整改措施。`);
    expect(md.includes('开展巡视')).toBe(kind === 'inspection');
    // One source: no breakdown by source.
    expect(md).not.toContain('按问题来源');
  });

  it('opens a plan without sources as before: its inspection, 开展巡视', () => {
    const md = text(plan(() => undefined));
    expect(md).toContain(
      '2018年10月17日至2018年11月30日，中央第一巡视组对中共甘肃省委开展巡视，2019年1月18日反馈了巡视意见。',
    );
    expect(md).toContain('将巡视反馈问题梳理为1大类1个方面1个问题');
  });

  it('leaves out the dates a source does not give, and counts a flat category in the plan’s labels', () => {
    const md = text(
      plan((d) => {
        d.sources = [{ code: 'S1', kind: 'audit', body: '审计署', inspectedOrganisation: '甘肃省人民政府' }];
        (d.plan as Record<string, unknown>).levelLabels = { category: '类', problem: '条问题' };
        const { aspects, ...c } = d.categories[0];
        (d as Record<string, unknown>).categories = [{ ...c, problems: aspects[0].problems }];
      }),
    );
    expect(md).toContain('审计署对甘肃省人民政府开展审计。');
    expect(md).toContain('将审计反馈问题梳理为1类1条问题，制定1项整改措施。');
  });
});
