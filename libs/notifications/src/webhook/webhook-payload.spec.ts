import { ESCALATION_STEP_KINDS, type EscalationStepKind } from '../../../domain/src/escalation-ladder';
import type { Notice } from '../notice';
import { webhookPayload, type GenericWebhookPayload } from './webhook-payload';

const notice: Notice = {
  deliveryId: 'dlv-0001',
  language: 'zh-CN',
  timeZone: 'Asia/Shanghai',
  recipientName: '张三',
  kind: 'supervision_notice',
  level: 2,
  subject: 'supervision notice (final due 2026-09-30)',
  plan: { code: 'P01', title: '巡视反馈意见整改方案' },
  measure: {
    id: 'm-1',
    code: 'P01-M1',
    title: '建立整改台账',
    // 30 September in Shanghai, the whole day: the midnight that ends it.
    dueAt: '2026-09-30T16:00:00.000Z',
    leadUnitCode: 'U01',
    leadLeader: '分管副省长',
  },
  link: 'https://rectify.example.org/measures/m-1',
  occurredAt: '2026-10-03T16:00:00.000Z',
};
const textOf = (change: Partial<Notice>): string =>
  (webhookPayload({ ...notice, ...change }) as GenericWebhookPayload).text;

describe('the text of a webhook notice', () => {
  const words: Record<EscalationStepKind, Record<Notice['language'], string>> = {
    reminder: { 'zh-CN': '【提醒】', en: '[Reminder]' },
    overdue_notice: { 'zh-CN': '【催办】', en: '[Overdue notice]' },
    supervision_notice: { 'zh-CN': '【督办】', en: '[Supervision notice]' },
    formal_talk: { 'zh-CN': '【约谈】', en: '[Formal talk]' },
    accountability_referral: { 'zh-CN': '【问责移送】', en: '[Accountability referral]' },
  };

  it.each(
    ESCALATION_STEP_KINDS.flatMap((kind) =>
      (['zh-CN', 'en'] as const).map((language): [EscalationStepKind, Notice['language']] => [
        kind,
        language,
      ]),
    ),
  )('names the step %s, the measure and the deadline in %s', (kind, language) => {
    const text = textOf({ kind, language });
    expect(text.startsWith(words[kind][language])).toBe(true);
    expect(text).toContain('P01-M1 建立整改台账');
    // The whole of 30 September, not the midnight of 1 October it ends at.
    expect(text).toContain(language === 'zh-CN' ? '2026年9月30日 24:00' : '30 Sep 2026, 24:00');
  });

  it('gives the deadline in the recipient’s zone', () => {
    expect(textOf({ language: 'en', timeZone: 'America/New_York' })).toContain(
      '30 Sep 2026, 12:00 (America/New_York)',
    );
  });

  it('stays on one line when an imported title has line breaks', () => {
    expect(textOf({ measure: { ...notice.measure, title: '第一行\r\n第二行' } })).not.toMatch(/[\r\n]/);
  });
});

describe('webhookPayload', () => {
  const text = textOf({});
  const chat = `${text}\nhttps://rectify.example.org/measures/m-1`;

  it('gives a generic receiver the whole notice with its text, and not the recipient', () => {
    expect(webhookPayload(notice)).toEqual({
      type: 'rectify.notice',
      deliveryId: 'dlv-0001',
      kind: 'supervision_notice',
      level: 2,
      subject: 'supervision notice (final due 2026-09-30)',
      text,
      plan: notice.plan,
      measure: notice.measure,
      link: notice.link,
      occurredAt: notice.occurredAt,
    });
  });

  it.each([
    ['generic', expect.objectContaining({ type: 'rectify.notice', text })],
    ['slack', { text: chat }],
    ['dingtalk', { msgtype: 'text', text: { content: chat } }],
    ['wecom', { msgtype: 'text', text: { content: chat } }],
    ['feishu', { msg_type: 'text', content: { text: chat } }],
  ] as const)('shapes the %s body', (flavor, body) => {
    expect(webhookPayload(notice, flavor)).toEqual(body);
  });
});
