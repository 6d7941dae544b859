import type { Notice } from '../notice';
import { renderDigest, renderEmail } from './email-renderer';
import { EMAIL_WORDING, NOTICE_KINDS, type Language, type NoticeKind } from './email-wording';

const LANGUAGES: Language[] = ['zh-CN', 'en'];

function aNotice(overrides: Partial<Notice> = {}, measure: Partial<Notice['measure']> = {}): Notice {
  return {
    deliveryId: '4f1c2a3b-0000-4000-8000-000000000001',
    language: 'zh-CN',
    timeZone: 'Asia/Shanghai',
    recipientName: '张三',
    kind: 'overdue_notice',
    level: 1,
    subject: 'overdue_notice (final due 2026-12-31T16:00:00.000Z)',
    plan: { code: 'GS-2019', title: '甘肃省中央脱贫攻坚专项巡视反馈问题整改方案' },
    measure: {
      id: 'a6a0c1de-0000-4000-8000-00000000000a',
      code: 'P01-M1',
      title: '完成易地扶贫搬迁旧房拆除',
      // 31 December in Beijing, the whole day: due at the midnight that starts 1 January.
      dueAt: '2026-12-31T16:00:00.000Z',
      leadUnitCode: 'GS-DEPTS',
      leadLeader: '分管副省长',
      ...measure,
    },
    link: 'https://rectify.example.org/measures/a6a0c1de-0000-4000-8000-00000000000a',
    occurredAt: '2027-01-01T00:00:00.000Z',
    ...overrides,
  };
}

// The domain's own words, one per step: a new kind without its words fails to compile here.
const ZH_STEPS: Record<NoticeKind, string> = {
  reminder: '提醒',
  overdue_notice: '催办',
  supervision_notice: '督办',
  formal_talk: '约谈',
  accountability_referral: '问责移送',
  completion_claimed: '申请销号待验收',
  rejected: '验收未通过',
  verified: '已销号',
  material_change: '销号后情况变化',
  extension_requested: '延期申请',
  extension_approved: '延期已批准',
  extension_denied: '延期未批准',
  withdrawal_requested: '调出申请',
  deadline_changed: '截止时间调整',
  reassigned: '措施改派',
  look_back_due: '回头看',
  look_back_failed: '回头看未通过',
  review_due: '季分析',
  assignment_delivered: '交办待签收',
  acknowledgement_reminder: '催签',
  acknowledgement_overdue: '逾期未签收',
  assignment_returned: '措施被退回',
  assignment_confirmed: '退回未采纳',
  report_reminder: '报送提醒',
  report_missed: '漏报',
  opened: '问责案件立案',
  body_assigned: '问责案件交办',
  case_reminder: '问责案件临期',
  case_overdue: '问责案件超期',
  case_escalated: '下级问责案件超期',
  decided: '问责决定待审核',
  corrected: '问责决定纠正待审核',
  returned: '问责决定未通过审核',
  instruction_answer_reminder: '批示落实临期',
  instruction_answer_overdue: '批示逾期未落实',
};

describe('renderEmail', () => {
  const cases = NOTICE_KINDS.flatMap((kind) => LANGUAGES.map((language) => [kind, language] as const));

  it.each(cases)('%s in %s names the step, measure, plan, deadline, action and link', (kind, language) => {
    const mail = renderEmail(aNotice({ kind, language }));
    const w = EMAIL_WORDING[language];
    const { step, action } = w.kinds[kind];
    const deadline =
      language === 'zh-CN' ? '2026年12月31日 24:00 (Asia/Shanghai)' : '31 Dec 2026, 24:00 (Asia/Shanghai)';
    if (language === 'zh-CN') expect(step).toBe(ZH_STEPS[kind]);

    expect(mail.subject).toBe(w.subject(step, 'P01-M1 完成易地扶贫搬迁旧房拆除', 'GS-2019', deadline));
    for (const part of [mail.text, mail.html]) {
      for (const phrase of [
        step,
        action,
        deadline,
        'P01-M1 完成易地扶贫搬迁旧房拆除',
        'GS-2019 甘肃省中央脱贫攻坚专项巡视反馈问题整改方案',
        'GS-DEPTS',
        '分管副省长',
        '张三',
        'https://rectify.example.org/measures/a6a0c1de-0000-4000-8000-00000000000a',
        '4f1c2a3b-0000-4000-8000-000000000001',
      ])
        expect(part).toContain(phrase);
    }
    expect(mail.html).toContain('<a href="https://rectify.example.org/measures/a6a0c1de');
  });

  it('gives every kind its own step and action in each language', () => {
    for (const language of LANGUAGES) {
      const kinds = Object.values(EMAIL_WORDING[language].kinds);
      expect(new Set(kinds.map((k) => k.step)).size).toBe(NOTICE_KINDS.length);
      expect(new Set(kinds.map((k) => k.action)).size).toBe(NOTICE_KINDS.length);
    }
  });

  it.each(LANGUAGES)('falls back to the technical subject for a kind it does not know (%s)', (language) => {
    const mail = renderEmail(aNotice({ kind: 'plan_closed', language, subject: 'plan closed' }));
    expect(mail.subject).toMatch(language === 'zh-CN' ? /^【plan closed】P01-M1/ : /^\[plan closed\] P01-M1/);
    expect(mail.text).toContain(EMAIL_WORDING[language].unknownAction);
  });

  it('escapes every value in the HTML part and keeps them verbatim in the text part', () => {
    const hostile = `<script>alert("x")</script> & 'q'`;
    const mail = renderEmail(
      aNotice(
        {
          recipientName: hostile,
          plan: { code: 'GS&2019', title: hostile },
          link: 'https://rectify.example.org/measures/x?a=1&b="2"',
        },
        { code: '<b>M1</b>', title: hostile, leadUnitCode: 'U"1', leadLeader: "O'Brien" },
      ),
    );
    expect(mail.html).not.toMatch(/<script|<b>|alert\("x"\)|href="[^"]*"2"/);
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;');
    expect(mail.html).toContain('&lt;b&gt;M1&lt;/b&gt;');
    expect(mail.html).toContain('GS&amp;2019');
    expect(mail.html).toContain('U&quot;1');
    expect(mail.html).toContain('O&#39;Brien');
    expect(mail.html).toContain('href="https://rectify.example.org/measures/x?a=1&amp;b=&quot;2&quot;"');
    expect(mail.text).toContain(`<b>M1</b> ${hostile}`);
    expect(mail.subject).toContain('<b>M1</b> <script>alert("x")</script> & \'q\'');
  });

  it('makes only web addresses clickable', () => {
    const mail = renderEmail(aNotice({ link: 'javascript:alert(1)' }));
    expect(mail.html).not.toContain('<a ');
    expect(mail.html).toContain('打开措施：javascript:alert(1)');
  });

  it('keeps imported line breaks from forging lines, and cuts a long title in the subject', () => {
    const title = '第一行\r\n截止时间：明天\n' + '长'.repeat(60);
    const mail = renderEmail(aNotice({}, { title }));
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.subject).toContain(`P01-M1 第一行 截止时间：明天 ${'长'.repeat(28)}…｜GS-2019｜`);
    expect(mail.text).not.toMatch(/^截止时间：明天/m);
    expect(mail.text).toContain(`措施：P01-M1 第一行 截止时间：明天 ${'长'.repeat(60)}\n`);
  });

  describe('the deadline, in the reader’s zone', () => {
    it.each([
      // Midnight starting 1 January in Beijing is the end of 31 December there, and 16:00 in London.
      ['2026-12-31T16:00:00.000Z', 'Asia/Shanghai', 'zh-CN', '2026年12月31日 24:00 (Asia/Shanghai)'],
      ['2026-12-31T16:00:00.000Z', 'Europe/London', 'en', '31 Dec 2026, 16:00 (Europe/London)'],
      ['2026-12-31T16:00:00.000Z', 'Europe/London', 'zh-CN', '2026年12月31日 16:00 (Europe/London)'],
      // London midnight in summer time (UTC+1), and the same instant in Beijing.
      ['2026-06-30T23:00:00.000Z', 'Europe/London', 'en', '30 Jun 2026, 24:00 (Europe/London)'],
      ['2026-06-30T23:00:00.000Z', 'Asia/Shanghai', 'en', '1 Jul 2026, 07:00 (Asia/Shanghai)'],
      // London midnight in winter time (UTC+0).
      ['2027-01-01T00:00:00.000Z', 'Europe/London', 'en', '31 Dec 2026, 24:00 (Europe/London)'],
      // A test plan's second-scale deadline keeps its seconds.
      ['2026-12-02T05:30:15.000Z', 'Asia/Shanghai', 'zh-CN', '2026年12月2日 13:30:15 (Asia/Shanghai)'],
      // A zone nobody can read: the right instant, said in UTC.
      ['2026-12-02T05:30:00.000Z', 'Mars/Olympus', 'en', '2 Dec 2026, 05:30 (UTC)'],
    ] as const)('%s in %s (%s) reads %s', (dueAt, timeZone, language, expected) => {
      const mail = renderEmail(aNotice({ timeZone, language }, { dueAt }));
      expect(mail.subject).toContain(expected);
      expect(mail.text).toContain(expected);
    });
  });
});

describe('renderDigest', () => {
  const notices = [
    aNotice({ kind: 'reminder', deliveryId: 'd1' }, { code: 'P01-M1', title: '第一项' }),
    aNotice(
      { kind: 'verified', deliveryId: 'd2', timeZone: 'Asia/Shanghai' },
      { code: 'P02-M1', title: 'Second & <last>' },
    ),
    aNotice(
      { kind: 'review_due', deliveryId: 'd3', language: 'zh-CN' },
      { code: 'P03-M1', title: '第三项', dueAt: '2026-06-30T23:00:00.000Z' },
    ),
  ];
  const recipient = { name: 'Jane Doe', language: 'en' as const, timeZone: 'Europe/London' };

  it('lists three notices in one message, in the recipient’s language and zone, in order', () => {
    const mail = renderDigest(recipient, notices);
    expect(mail.subject).toBe('Rectify daily digest: 3 notices');
    expect(mail.text.match(/Dear Jane Doe,/g)).toHaveLength(1);
    expect(mail.text).toContain('Here are today’s 3 notices.');
    const order = ['Reminder', 'Signed off', 'Periodic review due'].map((s) =>
      mail.text.indexOf(`Step: ${s}`),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(order[0]).toBeGreaterThan(-1);
    expect(mail.text).toContain('Deadline: 31 Dec 2026, 16:00 (Europe/London)');
    expect(mail.text).toContain('Deadline: 30 Jun 2026, 24:00 (Europe/London)');
    expect(mail.text).not.toContain('Asia/Shanghai');
    expect(mail.text.match(/What to do: /g)).toHaveLength(3);
    expect(mail.html.match(/<table>/g)).toHaveLength(3);
    expect(mail.html).toContain('P02-M1 Second &amp; &lt;last&gt;');
    expect(mail.text).toContain('Sent by Rectify.');
  });

  it('speaks Chinese to a Chinese reader', () => {
    const mail = renderDigest({ ...recipient, language: 'zh-CN', timeZone: 'Asia/Shanghai' }, notices);
    expect(mail.subject).toBe('整改督办每日汇总：3 条通知');
    expect(mail.text).toContain('环节：提醒');
    expect(mail.text).toContain('截止时间：2026年7月1日 07:00 (Asia/Shanghai)');
  });

  it('refuses an empty digest', () => {
    expect(() => renderDigest(recipient, [])).toThrow('at least one notice');
  });
});
