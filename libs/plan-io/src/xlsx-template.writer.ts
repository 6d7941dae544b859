// The workbook `rectify template` writes: the ledger layout with instructions and a small worked
// example from the Gansu 2019 bulletin, which imports as it is; an office overwrites the rows.
import { TableWorkbook } from './xlsx/table-workbook';
import type { PlanDefinition } from '../../domain/src/plan-definition';
import { SHEET, TASK_COLUMNS } from './ledger-layout';
import { addPlanSheets, addTable } from './plan-workbook.writer';

const EXAMPLE: PlanDefinition = {
  formatVersion: 1,
  inspection: {
    code: 'CIT1-2018-GS',
    name: '中央第一巡视组对甘肃省开展脱贫攻坚专项巡视',
    inspectingBody: '中央第一巡视组',
    inspectedOrganisation: '中共甘肃省委',
    onSiteFrom: '2018-10-17',
    onSiteTo: '2018-11-30',
    feedbackDate: '2019-01-18',
  },
  plan: {
    code: 'EXAMPLE-2019',
    title: '示例：中央脱贫攻坚专项巡视反馈问题整改方案',
    timeZone: 'Asia/Shanghai',
    reportingCadence: 'ten_daily',
  },
  units: [
    { code: 'GS-HOUSING', name: '省住建厅', level: 'province' },
    { code: 'GS-POVERTY', name: '省扶贫办', level: 'province' },
    { code: 'GS-PARTY', name: '中共甘肃省委', level: 'province' },
  ],
  categories: [
    {
      code: 'C1',
      title: '学习领会习近平总书记关于扶贫工作重要论述有差距，贯彻中央脱贫攻坚方针政策不精准',
      aspects: [
        {
          code: 'C1-A3',
          title: '落实脱贫攻坚精准方略不到位，基础工作不扎实',
          problems: [
            {
              code: 'P08',
              title: '贫困户退出不精准，脱贫质量不高、效果不稳、返贫风险大',
              track: 'long_term',
              rootCause: '对“两不愁、三保障”标准把握不严，动态监测不到位',
              measures: [
                {
                  code: 'P08-M4',
                  title: '加快推进危房改造，9月底前完成剩余2.65万户四类重点对象存量危房改造',
                  method:
                    '通过动态监测和跟踪管理，消除已脱贫户、已实施过危房改造农户以及排查遗漏和因灾形成的危房',
                  leadLeader: '分管副省长',
                  leadUnit: 'GS-HOUSING',
                  coUnits: ['GS-POVERTY'],
                  due: '9月底前',
                  milestones: [{ code: 'P08-M4-MS1', title: '完成摸底核查、建立台账', due: '4月下旬' }],
                  indicators: [
                    { code: 'houses', name: '危房改造户数', unit: '户', target: 26500, current: 0 },
                  ],
                  requirements: '对无自筹能力的特困户由各地兜底解决',
                  evidenceRules: [{ kind: 'photo', description: '改造前后对比照片' }],
                  referralItems: [],
                },
              ],
            },
          ],
        },
      ],
    },
    {
      code: 'C2',
      title: '省委履行脱贫攻坚主体责任有差距',
      aspects: [
        {
          code: 'C2-A1',
          title: '脱贫攻坚责任和压力传导不到位不到底',
          problems: [
            {
              code: 'P14',
              title: '省委抓各级班子统一思想、提高认识的力度不够大',
              track: 'immediate',
              measures: [
                {
                  code: 'P14-M1',
                  title: '召开专题民主生活会，深入开展对照检查',
                  leadLeader: '省委书记',
                  leadUnit: 'GS-PARTY',
                  coUnits: [],
                  due: '6月30日前',
                  milestones: [],
                  indicators: [],
                  referralItems: [],
                },
                {
                  code: 'P14-M2',
                  title: '健全常态化学习机制，长期坚持抓好落实',
                  leadLeader: '省委书记',
                  leadUnit: 'GS-PARTY',
                  coUnits: [],
                  due: '长期坚持',
                  milestones: [],
                  indicators: [],
                  referralItems: [],
                },
              ],
            },
          ],
        },
      ],
    },
  ],
};

const GUIDE: readonly [string, string][] = [
  [
    '这是什么',
    'Rectify 整改方案导入模板。每张表的第一行是表头，请勿改名；列的顺序可以调整，多余的列会被忽略。',
  ],
  ['基本信息', '方案和巡视的基本情况：B 列填写内容。'],
  [
    '责任单位',
    '可选。列出所有牵头和配合单位；任务清单中的单位可写编号或名称。删去此表时，单位按名称自动生成（编号即名称）。',
  ],
  ['任务清单', '一行一项整改措施。同一问题的多项措施，问题各列可合并单元格或留空（沿用上一行）。'],
  [
    '完成时限',
    '可写 2019-09-30，也可写 9月底前、6月30日前、4月下旬（上旬=10日、中旬=20日、下旬=月底）、2019年底前、年内；不带年份的按基准年份。“长期坚持”按整改类型取默认时限：长期攻坚为次年年底，其余为当年年底。',
  ],
  ['量化指标', '每项措施的第一个指标可直接填在任务清单中；更多指标在“量化指标”表中一行一个。'],
  [
    '督办规则',
    '可选。不填时使用默认督办规则（提前7天、1天提醒，到期催办，逾期3天督办、7天约谈、15天问责移送）。',
  ],
  [
    '问题来源',
    '可选。一次整改多个来源（巡视、巡察、专项督查、成效考核、审计、暗访）的问题时，每个来源一行；任务清单的“问题来源”列填来源编号。不填时，基本信息中的巡视即唯一来源。',
  ],
  ['公式', '不接受公式（如 =HYPERLINK(...)），以 = 开头的文字也会被拒绝：请直接填写内容。'],
  ['检查', '导入前可运行 rectify validate 文件名.xlsx：所有问题一次列出，并指明单元格（如 任务清单!F7）。'],
];

export async function planTemplateWorkbook(): Promise<Buffer> {
  const wb = new TableWorkbook();
  await addTable(
    wb,
    SHEET.guide,
    [
      { header: '项目', width: 14 },
      { header: '说明', width: 110 },
    ],
    GUIDE,
  );
  await addPlanSheets(wb, EXAMPLE);
  // The column notes of 任务清单 double as a reference on the guide sheet.
  await addTable(
    wb,
    '列说明',
    [
      { header: '列', width: 14 },
      { header: '填写说明', width: 90 },
    ],
    TASK_COLUMNS.map((c) => [c.header, c.note]),
  );
  return wb.toBuffer();
}
