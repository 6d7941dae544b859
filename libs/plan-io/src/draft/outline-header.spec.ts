import { documentTextOf } from './document-text';
import { readInspectionHeader } from './outline-header';

const header = (text: string) => {
  const doc = documentTextOf(text);
  const h = readInspectionHeader(doc, () => true);
  for (const f of Object.values(h)) expect(f.end).toBeLessThanOrEqual(doc.text.length);
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k, v.value]));
};

describe('readInspectionHeader', () => {
  it('reads the seed’s opening', () => {
    expect(
      header(
        '甘肃关于脱贫攻坚专项巡视整改进展情况的通报\n根据中央统一部署,2018年10月17日至11月30日,中央第一巡视组对甘肃省开展了脱贫攻坚专项巡视。2019年1月18日,中央巡视组向甘肃省委反馈了巡视意见。\n形成了《甘肃省中央脱贫攻坚专项巡视反馈问题整改方案》。《方案》明确了…《整改方案》',
      ),
    ).toEqual({
      onSiteFrom: '2018-10-17',
      onSiteTo: '2018-11-30',
      feedbackDate: '2019-01-18',
      inspectingBody: '中央第一巡视组',
      inspectedOrganisation: '中共甘肃省委',
      name: '中央第一巡视组对甘肃省脱贫攻坚专项巡视',
      planTitle: '甘肃省中央脱贫攻坚专项巡视反馈问题整改方案',
      baseYear: '2019',
    });
  });

  it('takes the first line as the title when no 《…方案》 is named, and the on-site year for the end date', () => {
    expect(
      header(
        '临河县委关于落实市委第二巡察组巡察反馈意见的整改方案\n2026年3月2日至4月15日，市委第二巡察组对临河县委开展了常规巡察。',
      ),
    ).toEqual({
      onSiteFrom: '2026-03-02',
      onSiteTo: '2026-04-15',
      inspectingBody: '市委第二巡察组',
      inspectedOrganisation: '中共临河县委',
      name: '市委第二巡察组对临河县委常规巡察',
      planTitle: '临河县委关于落实市委第二巡察组巡察反馈意见的整改方案',
      baseYear: '2026',
    });
  });

  it('reads nothing it is not told, and a body named alone by its level and number', () => {
    expect(header('县委第三巡察组反馈意见\n一、问题')).toEqual({
      inspectingBody: '县委第三巡察组',
      planTitle: '县委第三巡察组反馈意见',
    });
  });
});
