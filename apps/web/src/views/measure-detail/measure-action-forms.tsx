import { DatePicker, Form, Input, InputNumber, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import type { ScreenCommand } from './measure-actions';
import { formatInstant, type CommandBody, type CommandPath } from './measure-commands';
import type { MeasureDetail, PlanTree, WorkflowState } from './measure-detail.api';
import { EvidenceUploadField, type ClaimEvidenceItem } from './evidence-upload-field';

export interface FormContext {
  readonly measure: MeasureDetail;
  readonly live: WorkflowState | null;
  readonly plan: PlanTree | undefined;
  readonly tr: (zh: string, en: string) => string;
}

type Values = Record<string, unknown>;

// One command's form: the fields it asks for and the body it posts.
export interface ActionForm<P extends CommandPath = CommandPath> {
  readonly command: ScreenCommand;
  readonly path: P;
  readonly label: [string, string];
  readonly fields: (ctx: FormContext) => ReactNode;
  readonly body: (values: Values, ctx: FormContext) => CommandBody<P>;
  readonly initial?: (ctx: FormContext) => Values;
}

const form = <P extends CommandPath>(f: ActionForm<P>) => f as unknown as ActionForm;

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const instant = (v: unknown) => (v as Dayjs).toDate().toISOString();

function indicatorsOf(ctx: FormContext) {
  return ctx.live?.indicators ?? ctx.measure.indicators;
}

function indicatorFields(ctx: FormContext): ReactNode {
  return indicatorsOf(ctx).map((ind) => (
    <Form.Item
      key={ind.code}
      name={['indicators', ind.code]}
      label={`${ind.name}（${ind.unit}，${ctx.tr('目标', 'target')} ${ind.target}）`}
    >
      <InputNumber style={{ width: 200 }} />
    </Form.Item>
  ));
}

function indicatorValues(values: Values, ctx: FormContext) {
  const given = (values.indicators ?? {}) as Record<string, number | null | undefined>;
  const list = indicatorsOf(ctx)
    .filter((ind) => typeof given[ind.code] === 'number')
    .map((ind) => ({ code: ind.code, current: given[ind.code] as number }));
  return list.length ? list : undefined;
}

const reasonField = (ctx: FormContext, name: string, zh: string, en: string, required = true) => (
  <Form.Item
    name={name}
    label={ctx.tr(zh, en)}
    rules={required ? [{ required: true, whitespace: true, message: ctx.tr('必填', 'Required') }] : []}
  >
    <Input.TextArea rows={3} />
  </Form.Item>
);

const instantField = (ctx: FormContext, name: string, zh: string, en: string, required = true) => (
  <Form.Item
    name={name}
    label={ctx.tr(zh, en)}
    rules={required ? [{ required: true, message: ctx.tr('必填', 'Required') }] : []}
  >
    <DatePicker showTime />
  </Form.Item>
);

const approveField = (ctx: FormContext) => (
  <Form.Item name="approve" label={ctx.tr('决定', 'Decision')} rules={[{ required: true }]}>
    <Radio.Group
      options={[
        { value: true, label: ctx.tr('同意', 'Approve') },
        { value: false, label: ctx.tr('不同意', 'Deny') },
      ]}
    />
  </Form.Item>
);

export const ACTION_FORMS: Record<ScreenCommand, ActionForm> = {
  reportProgress: form({
    command: 'reportProgress',
    path: '/measures/{id}/progress-reports',
    label: ['报告进展', 'Report progress'],
    fields: (ctx) => (
      <>
        {reasonField(ctx, 'note', '进展情况', 'Progress')}
        {indicatorFields(ctx)}
        {(ctx.live?.milestones ?? []).some((m) => !m.reachedAt) && (
          <Form.Item name="milestonesReached" label={ctx.tr('已完成的节点', 'Milestones reached')}>
            <Select
              mode="multiple"
              options={(ctx.live?.milestones ?? [])
                .filter((m) => !m.reachedAt)
                .map((m) => ({ value: m.code, label: `${m.code} ${m.title}` }))}
            />
          </Form.Item>
        )}
      </>
    ),
    body: (v, ctx) => ({
      note: text(v.note)!,
      indicators: indicatorValues(v, ctx),
      milestonesReached: (v.milestonesReached as string[] | undefined)?.length
        ? (v.milestonesReached as string[])
        : undefined,
    }),
  }),
  claimCompletion: form({
    command: 'claimCompletion',
    path: '/measures/{id}/completion-claims',
    label: ['申请销号', 'Claim completion'],
    fields: (ctx) => (
      <>
        <Form.Item
          name="evidence"
          label={ctx.tr('佐证材料', 'Evidence')}
          rules={[
            {
              validator: (_, items: ClaimEvidenceItem[] | undefined) =>
                items?.length
                  ? items.every((i) => i.description.trim())
                    ? Promise.resolve()
                    : Promise.reject(new Error(ctx.tr('每份材料都要有说明', 'Describe every file')))
                  : Promise.reject(new Error(ctx.tr('请上传佐证材料', 'Upload the evidence'))),
            },
          ]}
        >
          <EvidenceUploadField measureId={ctx.measure.id} />
        </Form.Item>
        {indicatorFields(ctx)}
        {reasonField(
          ctx,
          'explanation',
          '说明（指标未达标时必填）',
          'Explanation (needed below target)',
          false,
        )}
      </>
    ),
    body: (v, ctx) => ({
      evidence: ((v.evidence ?? []) as ClaimEvidenceItem[]).map((i) => ({
        kind: i.kind,
        description: i.description.trim(),
        fileId: i.fileId,
      })),
      indicators: indicatorValues(v, ctx),
      explanation: text(v.explanation),
    }),
  }),
  verify: form({
    command: 'verify',
    path: '/measures/{id}/verification',
    label: ['验收', 'Verify'],
    initial: () => ({ decision: 'accept' }),
    fields: (ctx) => (
      <>
        <Form.Item name="decision" label={ctx.tr('验收结论', 'Decision')} rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: 'accept', label: ctx.tr('通过（销号）', 'Accept (sign off)') },
              { value: 'reject', label: ctx.tr('退回整改', 'Reject') },
            ]}
          />
        </Form.Item>
        <Form.Item noStyle dependencies={['decision']}>
          {({ getFieldValue }) =>
            reasonField(ctx, 'reasons', '理由', 'Reasons', getFieldValue('decision') === 'reject')
          }
        </Form.Item>
      </>
    ),
    body: (v) => ({ decision: v.decision as 'accept' | 'reject', reasons: text(v.reasons) }),
  }),
  requestExtension: form({
    command: 'requestExtension',
    path: '/measures/{id}/extension-requests',
    label: ['申请延期', 'Request extension'],
    fields: (ctx) => (
      <>
        {instantField(ctx, 'requestedDueAt', '申请延至', 'New deadline')}
        {reasonField(ctx, 'reason', '理由', 'Reason')}
      </>
    ),
    body: (v) => ({ requestedDueAt: instant(v.requestedDueAt), reason: text(v.reason)! }),
  }),
  decideExtension: form({
    command: 'decideExtension',
    path: '/measures/{id}/extension-decision',
    label: ['审批延期', 'Decide extension'],
    fields: (ctx) => (
      <>
        {ctx.live?.extensionRequest && (
          <p>
            {ctx.tr('申请延至', 'Asked for')} {ctx.live.extensionRequest.requestedDueAt.slice(0, 10)}:{' '}
            {ctx.live.extensionRequest.reason}
          </p>
        )}
        {approveField(ctx)}
        {reasonField(ctx, 'reason', '理由（不同意时必填）', 'Reason (needed to deny)', false)}
      </>
    ),
    body: (v) => ({ approve: v.approve as boolean, reason: text(v.reason) }),
  }),
  requestWithdrawal: form({
    command: 'requestWithdrawal',
    path: '/measures/{id}/withdrawal-requests',
    label: ['申请调出/核销', 'Request withdrawal'],
    fields: (ctx) => reasonField(ctx, 'justification', '理由', 'Justification'),
    body: (v) => ({ justification: text(v.justification)! }),
  }),
  decideWithdrawal: form({
    command: 'decideWithdrawal',
    path: '/measures/{id}/withdrawal-decision',
    label: ['审批调出/核销', 'Decide withdrawal'],
    fields: (ctx) => (
      <>
        {ctx.live?.withdrawalRequest && <p>{ctx.live.withdrawalRequest.justification}</p>}
        {approveField(ctx)}
        {reasonField(ctx, 'reason', '理由（不同意时必填）', 'Reason (needed to deny)', false)}
      </>
    ),
    body: (v) => ({ approve: v.approve as boolean, reason: text(v.reason) }),
  }),
  recordReferralOutcome: form({
    command: 'recordReferralOutcome',
    path: '/measures/{id}/referral-outcomes',
    label: ['记录线索核实结果', 'Record referral outcome'],
    fields: (ctx) => (
      <>
        <Form.Item name="itemCode" label={ctx.tr('线索', 'Item')} rules={[{ required: true }]}>
          <Select
            options={(ctx.live?.referralItems ?? [])
              .filter((i) => !i.outcome)
              .map((i) => ({ value: i.code, label: `${i.code} ${i.summary}` }))}
          />
        </Form.Item>
        {reasonField(ctx, 'outcome', '核实结果', 'Outcome')}
      </>
    ),
    body: (v) => ({ itemCode: v.itemCode as string, outcome: text(v.outcome)! }),
  }),
  changeDeadline: form({
    command: 'changeDeadline',
    path: '/measures/{id}/deadline',
    label: ['调整期限', 'Change deadline'],
    fields: (ctx) => (
      <>
        {instantField(ctx, 'dueAt', '新期限', 'New deadline')}
        {reasonField(ctx, 'reason', '理由', 'Reason')}
      </>
    ),
    body: (v) => ({ dueAt: instant(v.dueAt), reason: text(v.reason)! }),
  }),
  reassign: form({
    command: 'reassign',
    path: '/measures/{id}/reassignment',
    label: ['调整责任单位/领导', 'Reassign'],
    fields: (ctx) => (
      <>
        <Form.Item name="leadUnitCode" label={ctx.tr('牵头单位', 'Lead unit')}>
          <Select
            allowClear
            showSearch
            options={(ctx.plan?.units ?? []).map((u) => ({ value: u.code, label: `${u.code} ${u.name}` }))}
          />
        </Form.Item>
        <Form.Item name="leadLeader" label={ctx.tr('牵头领导', 'Lead leader')}>
          <Input />
        </Form.Item>
        {reasonField(ctx, 'reason', '理由', 'Reason')}
      </>
    ),
    body: (v) => ({
      leadUnitCode: (v.leadUnitCode as string | undefined) || undefined,
      leadLeader: text(v.leadLeader),
      reason: text(v.reason)!,
    }),
  }),
  scheduleLookBack: form({
    command: 'scheduleLookBack',
    path: '/measures/{id}/look-back-schedule',
    label: ['安排回头看', 'Schedule look-back'],
    initial: () => ({ after: 'P90D' }),
    fields: (ctx) => (
      <Form.Item
        name="after"
        label={ctx.tr('多久之后（ISO-8601，如 P90D）', 'After (ISO-8601, e.g. P90D)')}
        rules={[{ required: true, pattern: /^P/, message: ctx.tr('如 P90D', 'e.g. P90D') }]}
      >
        <Input />
      </Form.Item>
    ),
    body: (v) => ({ after: (v.after as string).trim() }),
  }),
  recordLookBack: form({
    command: 'recordLookBack',
    path: '/measures/{id}/look-back',
    label: ['记录回头看', 'Record look-back'],
    fields: (ctx) => (
      <>
        <Form.Item name="outcome" label={ctx.tr('结论', 'Outcome')} rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: 'passed', label: ctx.tr('通过', 'Passed') },
              { value: 'failed', label: ctx.tr('未通过（重新整改）', 'Failed (reopen)') },
            ]}
          />
        </Form.Item>
        {reasonField(ctx, 'findings', '发现', 'Findings')}
        {instantField(ctx, 'dueAt', '重新整改期限（未通过时）', 'New deadline (when failed)', false)}
      </>
    ),
    body: (v) => ({
      outcome: v.outcome as 'passed' | 'failed',
      findings: text(v.findings)!,
      dueAt: v.dueAt ? instant(v.dueAt) : undefined,
    }),
  }),
  recordReview: form({
    command: 'recordReview',
    path: '/measures/{id}/reviews',
    label: ['记录定期评估', 'Record review'],
    fields: (ctx) => (
      <>
        <Form.Item name="outcome" label={ctx.tr('结论', 'Outcome')} rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: 'effective', label: ctx.tr('有效', 'Effective') },
              { value: 'ineffective', label: ctx.tr('无效（重新整改）', 'Ineffective (reopen)') },
            ]}
          />
        </Form.Item>
        {reasonField(ctx, 'note', '说明', 'Note')}
        {instantField(ctx, 'dueAt', '重新整改期限（无效时）', 'New deadline (when ineffective)', false)}
      </>
    ),
    body: (v) => ({
      outcome: v.outcome as 'effective' | 'ineffective',
      note: text(v.note)!,
      dueAt: v.dueAt ? instant(v.dueAt) : undefined,
    }),
  }),
  reportMaterialChange: form({
    command: 'reportMaterialChange',
    path: '/measures/{id}/material-changes',
    label: ['报告重大变化', 'Report material change'],
    fields: (ctx) => (
      <>
        <Form.Item name="kind" label={ctx.tr('类型', 'Kind')} rules={[{ required: true }]}>
          <Select
            options={[
              { value: 'indicator_regression', label: ctx.tr('指标回落', 'Indicator regression') },
              { value: 'regression_evidence', label: ctx.tr('问题反弹', 'Evidence of regression') },
              { value: 'feedback_upheld', label: ctx.tr('群众反映属实', 'Feedback upheld') },
            ]}
          />
        </Form.Item>
        {reasonField(ctx, 'description', '说明', 'Description')}
      </>
    ),
    body: (v) => ({
      kind: v.kind as 'indicator_regression' | 'regression_evidence' | 'feedback_upheld',
      description: text(v.description)!,
    }),
  }),
  acknowledge: form({
    command: 'acknowledge',
    path: '/measures/{id}/acknowledgement',
    label: ['签收', 'Acknowledge'],
    fields: (ctx) => (
      <p>
        {ctx.tr(
          `签收后，本单位即确认接收此项整改任务（签收时限：${formatInstant(ctx.live?.acknowledgement?.acknowledgeBy ?? ctx.measure.acknowledgeBy)}）。`,
          `By acknowledging, your unit confirms it has received this measure (acknowledge by ${formatInstant(ctx.live?.acknowledgement?.acknowledgeBy ?? ctx.measure.acknowledgeBy)}).`,
        )}
      </p>
    ),
    body: () => ({}),
  }),
  returnAssignment: form({
    command: 'returnAssignment',
    path: '/measures/{id}/assignment-return',
    label: ['退回', 'Return'],
    fields: (ctx) =>
      reasonField(
        ctx,
        'reason',
        '退回理由（如：非本单位职责、已由其他措施覆盖）',
        'Reason (wrong unit, already covered…)',
      ),
    body: (v) => ({ reason: text(v.reason)! }),
  }),
  confirmAssignment: form({
    command: 'confirmAssignment',
    path: '/measures/{id}/assignment-confirmation',
    label: ['维持交办', 'Confirm assignment'],
    fields: (ctx) => (
      <p>
        {ctx.tr(
          `不采纳退回意见（${ctx.live?.acknowledgement?.returned?.reason ?? '—'}），仍由原单位承办，该单位须重新签收。`,
          `Keep the measure with its unit despite the return (${ctx.live?.acknowledgement?.returned?.reason ?? '—'}); the unit must acknowledge it anew.`,
        )}
      </p>
    ),
    body: () => ({}),
  }),
  close: form({
    command: 'close',
    path: '/measures/{id}/close',
    label: ['关闭', 'Close'],
    fields: (ctx) => reasonField(ctx, 'reason', '理由', 'Reason'),
    body: (v) => ({ reason: text(v.reason)! }),
  }),
  withdraw: form({
    command: 'withdraw',
    path: '/measures/{id}/withdrawal',
    label: ['直接调出', 'Withdraw'],
    fields: (ctx) => reasonField(ctx, 'reason', '理由', 'Reason'),
    body: (v) => ({ reason: text(v.reason)! }),
  }),
};
