// A plan for the measure board's tests (API and browser): five measures over two categories,
// three units, two leaders and three tracks; one (P02-M2) long past its deadline climbs a
// two-step ladder to 督办 (level 2), the others are due in 2090.
import { RectifyClient } from './rectify-harness';

export function aBoardPlan(planCode: string) {
  const measure = (
    code: string,
    title: string,
    leadLeader: string,
    leadUnit: string,
    due: string,
    coUnits: string[] = [],
  ) => ({ code, title, leadLeader, leadUnit, coUnits, due, indicators: [] });
  return {
    formatVersion: 1,
    inspection: {
      code: `${planCode}-INSPECTION`,
      name: '中央第一巡视组对甘肃省脱贫攻坚专项巡视',
      inspectingBody: '中央第一巡视组',
      inspectedOrganisation: '中共甘肃省委',
      onSiteFrom: '2018-10-17',
      onSiteTo: '2018-11-30',
      feedbackDate: '2019-01-18',
    },
    plan: {
      code: planCode,
      title: '整改措施看板测试方案',
      timeZone: 'Asia/Shanghai',
      escalationPolicy: {
        version: 'board-1',
        steps: [
          { kind: 'overdue_notice', offset: 'PT0S' },
          { kind: 'supervision_notice', offset: 'P3D' },
        ],
      },
    },
    units: [
      { code: 'GS-POVERTY', name: '省扶贫办', level: 'province' },
      { code: 'GS-HOUSING', name: '省住建厅', level: 'province' },
      { code: 'LINXIA', name: '临夏州', level: 'city', parent: 'GS-POVERTY' },
    ],
    categories: [
      {
        code: 'C1',
        title: '贯彻落实党中央脱贫攻坚决策部署方面',
        aspects: [
          {
            code: 'C1-A1',
            title: '落实精准方略',
            problems: [
              {
                code: 'P01',
                title: '农村危房改造不精准',
                track: 'long_term',
                measures: [
                  measure('P01-M1', '完成2.65万户危房改造', '分管副省长', 'GS-HOUSING', '2090-03-31', [
                    'LINXIA',
                  ]),
                  measure('P01-M2', '建立危房动态监测机制', '分管副省长', 'GS-POVERTY', '2090-06-30'),
                ],
              },
              {
                code: 'P02',
                title: '扶贫资金使用不规范',
                track: 'immediate',
                measures: [
                  measure('P02-M1', '清理违规资金100%', '常务副省长', 'GS-HOUSING', '2090-06-30'),
                  measure('P02-M2', '追回挪用资金', '常务副省长', 'LINXIA', '2019-09-30'),
                ],
              },
            ],
          },
        ],
      },
      {
        code: 'C2',
        title: '压实脱贫攻坚政治责任方面',
        aspects: [
          {
            code: 'C2-A1',
            title: '责任落实',
            problems: [
              {
                code: 'P03',
                title: '帮扶责任落实不到位',
                track: 'mechanism',
                measures: [
                  measure('P03-M1', '健全驻村帮扶考核制度', '分管副省长', 'GS-POVERTY', '2090-12-31', [
                    'GS-HOUSING',
                  ]),
                ],
              },
            ],
          },
        ],
      },
    ],
  };
}

export async function importBoardPlan(rectify: RectifyClient, planCode: string): Promise<string> {
  const r = await rectify.request('POST', '/plans', aBoardPlan(planCode));
  expect(r.status).toBe(201);
  return r.body.planId;
}
