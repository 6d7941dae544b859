// A small, valid plan document shaped like the seed (Gansu, 2019), for tests to vary.
export interface PlanFixtureOptions {
  planCode?: string;
  // Deadline of every measure: a date or an instant with offset.
  due?: string;
  steps?: { kind: string; offset: string }[];
  measures?: number;
  track?: 'immediate' | 'mechanism' | 'long_term' | 'referral';
}

export function aPlanDocument(o: PlanFixtureOptions = {}) {
  const planCode = o.planCode ?? 'GS-2019';
  const due = o.due ?? '2019-09-30';
  const count = o.measures ?? 2;
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
      title: '甘肃省关于中央脱贫攻坚专项巡视反馈意见的整改方案',
      timeZone: 'Asia/Shanghai',
      ...(o.steps ? { escalationPolicy: { version: 'test-1', steps: o.steps } } : {}),
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
                track: o.track ?? 'long_term',
                rootCause: '底数不清，标准把握不严',
                measures: Array.from({ length: count }, (_, i) => ({
                  code: `P01-M${i + 1}`,
                  title: i === 0 ? '9月底前完成2.65万户危房改造' : `第${i + 1}项措施`,
                  leadLeader: '分管副省长',
                  leadUnit: i % 2 === 0 ? 'GS-HOUSING' : 'GS-POVERTY',
                  coUnits: i === 0 ? ['LINXIA'] : [],
                  due,
                  indicators:
                    i === 0
                      ? [{ code: 'houses', name: '危房改造户数', unit: '户', target: 26500, current: 0 }]
                      : [],
                })),
              },
            ],
          },
        ],
      },
    ],
  };
}
