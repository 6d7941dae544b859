import { createContext, useContext } from 'react';
import { Tag, Timeline, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n';
import { ROLE_NAMES } from './measure-actions';
import { formatInstant } from './measure-commands';
import type { LadderStep, MeasureEvent } from './measure-detail.api';
import type { Role } from '../../../../../libs/domain/src/authorization';
import {
  ACKNOWLEDGEMENT_EVENT_TEXT,
  INSTRUCTION_EVENT_TEXT,
  INSTRUCTION_TARGET_TEXT,
  STEP_TEXT,
} from '../../common/labels';
import type { InstructionTargetKind } from '../../../../../libs/domain/src/leader-instruction';

export const EVENT_NAMES: Record<string, readonly [string, string]> = {
  ...STEP_TEXT,
  ...INSTRUCTION_EVENT_TEXT,
  progress_reported: ['报告进展', 'Progress reported'],
  completion_claimed: ['申请销号', 'Completion claimed'],
  verified: ['验收通过（销号）', 'Verified (signed off)'],
  rejected: ['验收退回', 'Claim rejected'],
  extension_requested: ['申请延期', 'Extension requested'],
  extension_approved: ['延期获批', 'Extension approved'],
  extension_denied: ['延期未获批', 'Extension denied'],
  deadline_changed: ['期限调整', 'Deadline changed'],
  withdrawal_requested: ['申请调出/核销', 'Withdrawal requested'],
  withdrawal_denied: ['调出申请未获批', 'Withdrawal denied'],
  withdrawn: ['已调出/核销', 'Withdrawn'],
  reassigned: ['调整责任', 'Reassigned'],
  look_back_scheduled: ['安排回头看', 'Look-back scheduled'],
  look_back_due: ['回头看到期', 'Look-back due'],
  look_back_passed: ['回头看通过', 'Look-back passed'],
  look_back_failed: ['回头看未通过', 'Look-back failed'],
  material_change: ['重大变化', 'Material change'],
  review_due: ['定期评估到期', 'Review due'],
  review_recorded: ['定期评估', 'Review recorded'],
  referral_outcome: ['线索核实结果', 'Referral outcome'],
  decomposed: ['分解为子措施', 'Decomposed'],
  policy_applied: ['督办规则变更', 'Policy applied'],
  calendar_applied: ['工作日历变更', 'Calendar applied'],
  closed: ['关闭', 'Closed'],
  plan_closed: ['方案关闭', 'Plan closed'],
  ...ACKNOWLEDGEMENT_EVENT_TEXT,
  light_changed: ['亮灯变化', 'Light changed'],
  target_adjusted: ['指标目标调整', 'Indicator target adjusted'],
};

// The theme's primary colour is red: ordinary events get a blue of their own.
const NEUTRAL = '#0b50b3';
const LADDER = new Set([
  'reminder',
  'overdue_notice',
  'supervision_notice',
  'formal_talk',
  'accountability_referral',
]);
const GOOD = new Set([
  'verified',
  'extension_approved',
  'look_back_passed',
  'closed',
  'assignment_acknowledged',
]);
const BAD = new Set([
  'rejected',
  'extension_denied',
  'withdrawal_denied',
  'look_back_failed',
  'material_change',
  'instruction_answer_overdue',
  'assignment_returned',
  'acknowledgement_overdue',
]);

// The names of the accounts that acted on the measure (GET /measures/:id `people`).
export const PeopleContext = createContext<Readonly<Record<string, string>>>({});

// "unit:user:<id> (written name)" as recorded (actorOf on the API): the role in words, then who:
// the name the caller wrote, else its account's name, else the account id.
export function useActorName(): (actor: string) => string {
  const { tr } = useI18n();
  const people = useContext(PeopleContext);
  return (actor) => {
    if (actor === 'rectify:escalation-ladder') return tr('督办阶梯（系统）', 'escalation ladder (system)');
    if (actor === 'rectify:instruction-clock')
      return tr('批示落实时限（系统）', 'instruction clock (system)');
    if (actor === 'rectify:acknowledgement') return tr('交办送达（系统）', 'delivery (system)');
    const m = /^([a-z_]+):([a-z_]+):(\S+)(?: \((.*)\))?$/.exec(actor);
    if (!m || !(m[1] in ROLE_NAMES)) return actor;
    const role = tr(...ROLE_NAMES[m[1] as Role]);
    return `${role} ${m[4] ?? people[m[3]] ?? m[3]}`;
  };
}

// The record of everything that happened to the measure, oldest first, and the ladder's next step.
export function MeasureTimeline(props: {
  events: readonly MeasureEvent[];
  nextStep: LadderStep | null;
  timeZone?: string;
}) {
  const { tr } = useI18n();
  const actorName = useActorName();
  const at = (iso: string) => formatInstant(iso, props.timeZone);
  const describe = (e: MeasureEvent): string[] => {
    const d = e.detail as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const lines: string[] = [];
    const add = (zh: string, en: string, value: unknown) => {
      if (value !== undefined && value !== null && value !== '')
        lines.push(`${tr(zh, en)}：${String(value)}`);
    };
    if (LADDER.has(e.kind)) {
      add(
        '期限',
        'Deadline',
        `${d.target === 'final' ? tr('最终期限', 'final') : d.target} ${at(d.deadline)}`,
      );
      add('送达', 'To', d.addressee);
      if (d.catchUp) lines.push(tr('补发（错过的时点）', 'caught up (its time had passed)'));
    }
    switch (e.kind) {
      case 'progress_reported':
        add('进展', 'Progress', d.note);
        add(
          '指标',
          'Indicators',
          (d.indicators ?? [])
            .map((i: { code: string; current: number }) => `${i.code} = ${i.current}`)
            .join('，'),
        );
        add('完成节点', 'Milestones', (d.milestonesReached ?? []).join('，'));
        break;
      case 'completion_claimed':
        add(
          '佐证材料',
          'Evidence',
          (d.evidence ?? []).map((x: { description: string }) => x.description).join('，'),
        );
        add('说明', 'Explanation', d.explanation);
        add('提示', 'Flags', (d.flags ?? []).join('，'));
        break;
      case 'verified':
        add('申请人', 'Claimed by', d.claimedBy && actorName(d.claimedBy));
        break;
      case 'rejected':
        add('理由', 'Reasons', d.reasons);
        break;
      case 'extension_requested':
        add('申请延至', 'Asked for', at(d.requestedDueAt));
        add('理由', 'Reason', d.reason);
        break;
      case 'extension_approved':
        add('新期限', 'New deadline', at(d.dueAt));
        add('理由', 'Reason', d.reason);
        break;
      case 'deadline_changed':
        add('期限', 'Deadline', `${at(d.from)} → ${at(d.dueAt)}`);
        add('理由', 'Reason', d.reason);
        break;
      case 'extension_denied':
      case 'withdrawal_denied':
      case 'closed':
        add('理由', 'Reason', d.reason);
        break;
      case 'withdrawal_requested':
        add('理由', 'Justification', d.justification);
        break;
      case 'withdrawn':
        add('理由', 'Reason', d.reason ?? d.justification);
        break;
      case 'reassigned':
        add(
          '调整',
          'Change',
          `${d.from?.leadUnitCode}/${d.from?.leadLeader} → ${d.to?.leadUnitCode}/${d.to?.leadLeader}`,
        );
        add('理由', 'Reason', d.reason);
        break;
      case 'look_back_scheduled':
      case 'look_back_due':
      case 'review_due':
        add('日期', 'Due', at(d.dueAt));
        break;
      case 'look_back_passed':
      case 'look_back_failed':
        add('发现', 'Findings', d.findings);
        if (d.dueAt) add('新期限', 'New deadline', at(d.dueAt));
        break;
      case 'material_change':
        add('类型', 'Kind', d.kind);
        add('说明', 'Description', d.description);
        break;
      case 'review_recorded':
        add('结论', 'Outcome', d.outcome);
        add('说明', 'Note', d.note);
        break;
      case 'referral_outcome':
        add('线索', 'Item', d.itemCode);
        add('结果', 'Outcome', d.outcome);
        break;
      case 'decomposed':
        add('子措施', 'Sub-measures', (d.subMeasures ?? []).map((s: { code: string }) => s.code).join('，'));
        break;
      case 'instruction_issued':
        add(
          '批示对象',
          'On',
          `${tr(...(INSTRUCTION_TARGET_TEXT[d.targetKind as InstructionTargetKind] ?? [d.targetKind, d.targetKind]))} ${d.targetCode}`,
        );
        add('批示领导', 'By', d.author);
        add('批示日期', 'Dated', d.issuedOn);
        add('批示内容', 'Text', d.text);
        add('落实时限', 'Answer due', at(d.dueAt));
        break;
      case 'instruction_answered':
        add('落实单位', 'Unit', d.unitCode ?? tr('整改办', 'the office'));
        add('落实情况', 'Answer', d.text);
        if (d.late) lines.push(tr('逾期报送', 'answered late'));
        break;
      case 'instruction_answer_reminder':
      case 'instruction_answer_overdue':
        add('落实时限', 'Answer due', at(d.deadline));
        add('送达', 'To', (d.responsibleUnits ?? []).join('，') || tr('整改办', 'the office'));
        break;
      case 'assignment_delivered':
      case 'acknowledgement_reminder':
      case 'acknowledgement_overdue':
        add('签收单位', 'Unit', d.unitCode);
        add('签收时限', 'Acknowledge by', d.acknowledgeBy && at(d.acknowledgeBy));
        break;
      case 'assignment_acknowledged':
        add('签收时限', 'Acknowledge by', d.acknowledgeBy && at(d.acknowledgeBy));
        if (d.late) lines.push(tr('逾期签收', 'acknowledged late'));
        break;
      case 'assignment_returned':
        add('退回理由', 'Reason', d.reason);
        break;
      case 'policy_applied':
      case 'calendar_applied':
        add('变更', 'Change', `${d.from ?? '—'} → ${d.to ?? '—'}`);
        break;
    }
    return lines;
  };

  const items = props.events.map((e) => ({
    key: e.id,
    color: GOOD.has(e.kind)
      ? 'green'
      : BAD.has(e.kind) || (LADDER.has(e.kind) && e.level > 0)
        ? 'red'
        : NEUTRAL,
    content: (
      <div data-testid="timeline-event">
        <Typography.Text strong>{tr(...(EVENT_NAMES[e.kind] ?? [e.kind, e.kind]))}</Typography.Text>
        {LADDER.has(e.kind) && e.level > 0 && ` · ${tr('级别', 'level')} ${e.level}`}
        {e.detail.enteredLater === true && (
          <Tag style={{ marginLeft: 8 }} data-testid="entered-later">
            {tr('补录', 'entered later')}
          </Tag>
        )}
        <div>
          {at(e.occurredAt)} · {actorName(e.actor)}
          {/* 补录: when it happened above, when it was entered here. */}
          {e.detail.enteredLater === true && ` · ${tr('录入于', 'entered on')} ${at(e.recordedAt)}`}
        </div>
        {describe(e).map((line, i) => (
          <div key={i}>{line}</div>
        ))}
      </div>
    ),
  }));
  if (props.nextStep)
    items.push({
      key: 'next',
      color: 'gray',
      content: (
        <div>
          <Typography.Text>
            {tr('下一步', 'Next')}：
            {tr(...(EVENT_NAMES[props.nextStep.kind] ?? [props.nextStep.kind, props.nextStep.kind]))}
          </Typography.Text>
          <div>{at(props.nextStep.fireAt)}</div>
        </div>
      ),
    });
  if (!items.length)
    return <Typography.Paragraph>{tr('尚无记录', 'Nothing recorded yet')}</Typography.Paragraph>;
  return <Timeline items={items} />;
}
