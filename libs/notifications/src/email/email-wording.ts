import type { Notice } from '../notice';

export type Language = Notice['language'];

// The measure events that send a notice (the `notify` of the measure workflow's commits). Any
// other kind is still delivered, under its technical subject.
export const NOTICE_KINDS = [
  'reminder',
  'overdue_notice',
  'supervision_notice',
  'formal_talk',
  'accountability_referral',
  'completion_claimed',
  'rejected',
  'verified',
  'material_change',
  'extension_requested',
  'extension_approved',
  'extension_denied',
  'withdrawal_requested',
  'deadline_changed',
  'reassigned',
  'look_back_due',
  'look_back_failed',
  'review_due',
  // 签收: a delivery to the lead unit, its short ladder, a return to the office, a confirmation.
  'assignment_delivered',
  'acknowledgement_reminder',
  'acknowledgement_overdue',
  'assignment_returned',
  'assignment_confirmed',
  // The plan's reporting cadence (plan-cadence workflow): a report still owed, and 漏报.
  'report_reminder',
  'report_missed',
  // An accountability case's events (case workflow and the discipline API), told to its body.
  'opened',
  'body_assigned',
  'case_reminder',
  'case_overdue',
  'case_escalated',
  'decided',
  'corrected',
  'returned',
  // A leader's instruction (批示) not yet answered (instruction workflow): told to who must answer.
  'instruction_answer_reminder',
  'instruction_answer_overdue',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

// A step in the domain's words, and what the reader is asked to do about it.
export interface StepWording {
  readonly step: string;
  readonly action: string;
}

// Wall-clock fields of a deadline in the reader's zone; `time` is already "24:00" for a deadline
// at midnight, whose date is then the day that ends there.
export interface LocalDeadline {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly time: string;
  readonly zone: string;
}

// Everything a mail says in one language. Both languages implement it, so a missing phrase is a
// compile error rather than a blank in someone's inbox.
export interface EmailWording {
  readonly kinds: Record<NoticeKind, StepWording>;
  // For a kind this table does not know: the technical subject stands in for the step.
  readonly unknownAction: string;
  readonly deadline: (d: LocalDeadline) => string;
  readonly subject: (step: string, measure: string, plan: string, deadline: string) => string;
  readonly digestSubject: (count: number) => string;
  readonly greeting: (name: string) => string;
  readonly intro: string;
  readonly digestIntro: (count: number) => string;
  // Between a label and its value in the plain-text part.
  readonly separator: string;
  readonly labels: {
    readonly step: string;
    readonly measure: string;
    readonly plan: string;
    readonly leadUnit: string;
    readonly leadLeader: string;
    readonly deadline: string;
    readonly action: string;
    readonly link: string;
  };
  readonly footer: (reference: string | null) => string;
}

const zhCN: EmailWording = {
  kinds: {
    reminder: { step: '提醒', action: '请在截止时间前完成整改并报送进展。' },
    overdue_notice: { step: '催办', action: '措施已逾期，请立即整改并说明逾期原因。' },
    supervision_notice: { step: '督办', action: '措施逾期未改，请牵头领导督促责任单位限期完成。' },
    formal_talk: { step: '约谈', action: '请按通知参加约谈，说明整改不力的原因和下一步措施。' },
    accountability_referral: { step: '问责移送', action: '问题已移送纪检监察机关，请配合核查。' },
    completion_claimed: { step: '申请销号待验收', action: '请核验整改成效和佐证材料，作出验收结论。' },
    rejected: { step: '验收未通过', action: '请按验收意见继续整改，完成后重新申请销号。' },
    verified: { step: '已销号', action: '整改已通过验收，请巩固成果、防止反弹。' },
    material_change: { step: '销号后情况变化', action: '已销号措施情况发生重大变化，请重新核验。' },
    extension_requested: { step: '延期申请', action: '请审核延期申请并作出决定。' },
    extension_approved: { step: '延期已批准', action: '请按批准后的截止时间完成整改。' },
    extension_denied: { step: '延期未批准', action: '请按原截止时间完成整改。' },
    withdrawal_requested: { step: '调出申请', action: '请审核调出（核销）申请并作出决定。' },
    deadline_changed: { step: '截止时间调整', action: '请按调整后的截止时间完成整改。' },
    reassigned: { step: '措施改派', action: '本措施已改由你单位牵头，请尽快部署整改。' },
    look_back_due: { step: '回头看', action: '请对已销号措施开展“回头看”，核实整改成果是否巩固。' },
    look_back_failed: { step: '回头看未通过', action: '措施已重新打开，请按意见重新整改。' },
    review_due: { step: '季分析', action: '请分析本期长效机制运行情况并报送。' },
    assignment_delivered: {
      step: '交办待签收',
      action: '本措施已交由你单位牵头，请在签收时限内签收；如非本单位职责，请说明理由退回。',
    },
    acknowledgement_reminder: { step: '催签', action: '本措施尚未签收，请尽快签收或说明理由退回。' },
    acknowledgement_overdue: {
      step: '逾期未签收',
      action: '责任单位逾期未签收本措施，请督促其签收或调整责任单位。',
    },
    assignment_returned: { step: '措施被退回', action: '责任单位退回了本措施，请改派责任单位或维持交办。' },
    assignment_confirmed: { step: '退回未采纳', action: '整改办维持交办，请重新签收本措施。' },
    report_reminder: { step: '报送提醒', action: '本期进展尚未报送，请在本期结束前报送整改进展。' },
    report_missed: { step: '漏报', action: '本期未按时报送整改进展，已记录漏报，请立即补报并说明原因。' },
    opened: { step: '问责案件立案', action: '措施已移送你机关，请核查问题、确定涉及人员并作出处理。' },
    body_assigned: { step: '问责案件交办', action: '整改办已将该问责案件交你机关办理，请及时核查处理。' },
    case_reminder: { step: '问责案件临期', action: '问责案件即将到期，请抓紧办结。' },
    case_overdue: { step: '问责案件超期', action: '问责案件已超过办理期限，请立即办结并说明原因。' },
    case_escalated: { step: '下级问责案件超期', action: '下级机关问责案件长期未办结，请督促办理。' },
    decided: { step: '问责决定待审核', action: '下级机关作出的问责决定需提级审核，请审核后确认或纠正。' },
    corrected: { step: '问责决定纠正待审核', action: '纠正后的问责决定需提级审核，请审核后确认或纠正。' },
    returned: { step: '问责决定未通过审核', action: '提级审核未通过，请按审核意见重新作出决定。' },
    instruction_answer_reminder: {
      step: '批示落实临期',
      action: '领导批示的落实情况即将到期，请在期限前报送落实情况。',
    },
    instruction_answer_overdue: {
      step: '批示逾期未落实',
      action: '领导批示已超过落实期限，请立即报送落实情况并说明原因。',
    },
  },
  unknownAction: '请打开措施查看详情。',
  deadline: (d) => `${d.year}年${d.month}月${d.day}日 ${d.time} (${d.zone})`,
  subject: (step, measure, plan, deadline) => `【${step}】${measure}｜${plan}｜截止 ${deadline}`,
  digestSubject: (count) => `整改督办每日汇总：${count} 条通知`,
  greeting: (name) => `${name}：`,
  intro: '您有一条整改督办通知。',
  digestIntro: (count) => `以下是今天汇总的 ${count} 条整改督办通知。`,
  separator: '：',
  labels: {
    step: '环节',
    measure: '措施',
    plan: '方案',
    leadUnit: '牵头单位',
    leadLeader: '牵头领导',
    deadline: '截止时间',
    action: '请办理',
    link: '打开措施',
  },
  footer: (reference) => `此邮件由 Rectify 整改督办系统发送${reference ? `，编号 ${reference}` : ''}。`,
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const en: EmailWording = {
  kinds: {
    reminder: {
      step: 'Reminder',
      action: 'Finish the rectification and report progress before the deadline.',
    },
    overdue_notice: {
      step: 'Overdue notice',
      action: 'The measure is overdue: rectify it now and explain the delay.',
    },
    supervision_notice: {
      step: 'Supervision notice',
      action:
        'The measure is still overdue: as lead leader, have the responsible unit finish it by a set date.',
    },
    formal_talk: {
      step: 'Formal talk',
      action: 'Attend the formal talk and explain why the rectification lags and what comes next.',
    },
    accountability_referral: {
      step: 'Accountability referral',
      action: 'The matter has gone to the discipline body: cooperate with its inquiry.',
    },
    completion_claimed: {
      step: 'Completion claimed, awaiting verification',
      action: 'Check the results and the evidence, then accept or reject the claim.',
    },
    rejected: {
      step: 'Verification failed',
      action: 'Continue as the verifier asks, then claim completion again.',
    },
    verified: {
      step: 'Signed off',
      action: 'The measure passed verification: keep its results from slipping back.',
    },
    material_change: {
      step: 'Changed after sign-off',
      action: 'Something material changed since the sign-off: verify the measure again.',
    },
    extension_requested: { step: 'Extension requested', action: 'Review the extension request and decide.' },
    extension_approved: { step: 'Extension approved', action: 'Finish by the extended deadline.' },
    extension_denied: { step: 'Extension denied', action: 'Finish by the current deadline.' },
    withdrawal_requested: {
      step: 'Withdrawal requested',
      action: 'Review the request to withdraw the measure from the plan and decide.',
    },
    deadline_changed: { step: 'Deadline changed', action: 'Finish by the changed deadline.' },
    reassigned: {
      step: 'Measure reassigned',
      action: 'Your unit now leads this measure: set the work in motion.',
    },
    assignment_delivered: {
      step: 'Measure delivered',
      action:
        'Your unit leads this measure: acknowledge it (签收) within the limit, or return it with a reason.',
    },
    acknowledgement_reminder: {
      step: 'Acknowledgement reminder',
      action: 'This measure is not acknowledged yet: acknowledge it or return it with a reason.',
    },
    acknowledgement_overdue: {
      step: 'Acknowledgement overdue',
      action:
        'The responsible unit has not acknowledged this measure in time: see that it does, or reassign it.',
    },
    assignment_returned: {
      step: 'Measure returned',
      action: 'The responsible unit returned this measure: reassign it or confirm the assignment.',
    },
    assignment_confirmed: {
      step: 'Return not accepted',
      action: 'The office keeps this measure with your unit: acknowledge it anew.',
    },
    look_back_due: {
      step: 'Look-back due',
      action: 'Check again that the signed-off measure’s results have held.',
    },
    look_back_failed: { step: 'Look-back failed', action: 'The measure is reopened: rectify it again.' },
    review_due: {
      step: 'Periodic review due',
      action: 'Review how the standing mechanism worked this period and report.',
    },
    report_reminder: {
      step: 'Progress report due',
      action: 'Your unit has not reported this period yet: report progress before the period closes.',
    },
    report_missed: {
      step: 'Missed report',
      action:
        'The period closed without your unit’s report: it is recorded as missed; report now and say why.',
    },
    opened: {
      step: 'Accountability case opened',
      action: 'The measure was referred to your body: establish the facts, the persons concerned and decide.',
    },
    body_assigned: {
      step: 'Accountability case assigned',
      action: 'The office assigned this case to your body: establish the facts and decide.',
    },
    case_reminder: { step: 'Accountability case due soon', action: 'Conclude the case before its deadline.' },
    case_overdue: {
      step: 'Accountability case overdue',
      action: 'The case is past its deadline: conclude it now and explain the delay.',
    },
    case_escalated: {
      step: 'Case overdue at a body below',
      action: 'A body below yours has left a case open long past its deadline: see that it is concluded.',
    },
    decided: {
      step: 'Decision to review',
      action: 'A decision by a body below needs your review (提级审核): confirm or overturn it.',
    },
    corrected: {
      step: 'Corrected decision to review',
      action: 'A corrected decision needs your review (提级审核): confirm or overturn it.',
    },
    returned: {
      step: 'Decision overturned on review',
      action: 'The reviewing body overturned the decision: decide again as its reasons say.',
    },
    instruction_answer_reminder: {
      step: 'Leader’s instruction to answer soon',
      action: 'Report what was done about the leader’s instruction (批示落实情况) before its limit.',
    },
    instruction_answer_overdue: {
      step: 'Leader’s instruction not answered in time',
      action:
        'The limit to answer the leader’s instruction has passed: report what was done now, and why late.',
    },
  },
  unknownAction: 'Open the measure for the details.',
  deadline: (d) => `${d.day} ${MONTHS[d.month - 1]} ${d.year}, ${d.time} (${d.zone})`,
  subject: (step, measure, plan, deadline) => `[${step}] ${measure} | ${plan} | due ${deadline}`,
  digestSubject: (count) => `Rectify daily digest: ${count} ${count === 1 ? 'notice' : 'notices'}`,
  greeting: (name) => `Dear ${name},`,
  intro: 'You have a notice from Rectify.',
  digestIntro: (count) => `Here ${count === 1 ? 'is today’s notice' : `are today’s ${count} notices`}.`,
  separator: ': ',
  labels: {
    step: 'Step',
    measure: 'Measure',
    plan: 'Plan',
    leadUnit: 'Lead unit',
    leadLeader: 'Lead leader',
    deadline: 'Deadline',
    action: 'What to do',
    link: 'Open the measure',
  },
  footer: (reference) => `Sent by Rectify${reference ? `, reference ${reference}` : ''}.`,
};

export const EMAIL_WORDING: Record<Language, EmailWording> = { 'zh-CN': zhCN, en };
