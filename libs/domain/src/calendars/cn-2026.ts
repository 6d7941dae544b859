// The PRC's 2026 public holidays and make-up working days (调休), as the State Council's general
// office announced them. The days were taken from the `chinese-days` package, which cites the
// notice's gov.cn address; the notice's date is Xinhua's release of it (the package gives none,
// nor a document number). china-calendar.spec.ts fails if the package and these lists part.
export const CN_2026 = {
  year: 2026,
  source: {
    notice: '国务院办公厅关于2026年部分节假日安排的通知',
    issuedOn: '2025-11-04',
    url: 'https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm',
    takenFrom: 'chinese-days@1.5.7',
  },
  holidays: [
    // 元旦
    '2026-01-01',
    '2026-01-02',
    '2026-01-03',
    // 春节
    '2026-02-15',
    '2026-02-16',
    '2026-02-17',
    '2026-02-18',
    '2026-02-19',
    '2026-02-20',
    '2026-02-21',
    '2026-02-22',
    '2026-02-23',
    // 清明节
    '2026-04-04',
    '2026-04-05',
    '2026-04-06',
    // 劳动节
    '2026-05-01',
    '2026-05-02',
    '2026-05-03',
    '2026-05-04',
    '2026-05-05',
    // 端午节
    '2026-06-19',
    '2026-06-20',
    '2026-06-21',
    // 中秋节
    '2026-09-25',
    '2026-09-26',
    '2026-09-27',
    // 国庆节
    '2026-10-01',
    '2026-10-02',
    '2026-10-03',
    '2026-10-04',
    '2026-10-05',
    '2026-10-06',
    '2026-10-07',
  ],
  workdays: [
    '2026-01-04', // 元旦
    '2026-02-14', // 春节
    '2026-02-28', // 春节
    '2026-05-09', // 劳动节
    '2026-09-20', // 国庆节
    '2026-10-10', // 国庆节
  ],
};
