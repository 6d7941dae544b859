import { Alert, Button, Card, Form, Input, Pagination, Result, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import {
  DEFAULT_ESCALATION_POLICY,
  ESCALATION_STEP_KINDS,
  type EscalationPolicy,
  type EscalationStepKind,
} from '../../../../../libs/domain/src/escalation-ladder';
import { isOpen, type MeasureStatus } from '../../../../../libs/domain/src/measure-status';
import { api, unwrap } from '../../api/client';
import { useSession } from '../../auth/session';
import { PlanSelect } from '../../common/plan-select';
import { RefusalAlert } from '../../common/refusal-alert';
import { useApi } from '../../common/use-api';
import { useI18n } from '../../i18n/i18n';
import type {
  MeasurePage,
  PlanPolicy,
  PolicyApplied,
  PolicyPreview,
  QueueMeasure,
  StepMove,
} from './escalation.api';
import { levelLabel, statusLabel, stepLabel } from '../../common/labels';

type Tr = (zh: string, en: string) => string;

// The largest page GET /measures answers: the queue filters and sorts within it.
const QUEUE_PAGE = 500;

// 督办升级: a plan's escalation policy, changed by preview then apply (running measures move their
// pending steps to the new version), and the office's queue of overdue and escalated measures.
export function EscalationPage() {
  const { tr } = useI18n();
  const { may } = useSession();
  const [planId, setPlanId] = useState<string>();
  if (!may('measure:manage'))
    return <Result status="403" title={tr('无权管理督办升级', 'You may not manage escalation')} />;
  return (
    <>
      <Typography.Title level={2}>{tr('督办升级', 'Escalation')}</Typography.Title>
      <Form layout="inline" style={{ marginBottom: 16 }}>
        <Form.Item label={tr('整改方案', 'Plan')} htmlFor="escalation-plan">
          <PlanSelect id="escalation-plan" value={planId} onChange={setPlanId} />
        </Form.Item>
      </Form>
      {planId && <PolicyEditor key={planId} planId={planId} />}
      {planId && <Queue key={`queue-${planId}`} planId={planId} />}
    </>
  );
}

function PolicyEditor({ planId }: { planId: string }) {
  const { tr } = useI18n();
  const plan = useApi(
    () => unwrap<PlanPolicy>(api.GET('/plans/{id}', { params: { path: { id: planId } } })),
    [planId],
  );
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<{ text: string; answer: PolicyPreview }>();
  const [applied, setApplied] = useState<PolicyApplied>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (plan.data) setText(JSON.stringify(plan.data.escalationPolicy ?? DEFAULT_ESCALATION_POLICY, null, 2));
  }, [plan.data]);

  const parsed = useMemo(() => parsePolicy(text, tr), [text, tr]);
  const previewed = preview !== undefined && preview.text === text;

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  const onPreview = () =>
    run(async () => {
      if (!('policy' in parsed)) return;
      setApplied(undefined);
      const answer = await unwrap<PolicyPreview>(
        api.POST('/plans/{planId}/escalation-policy/preview', {
          params: { path: { planId } },
          body: { policy: parsed.policy } as never,
        }),
      );
      setPreview({ text, answer });
    });
  const onApply = () =>
    run(async () => {
      if (!('policy' in parsed) || !preview) return;
      setApplied(
        await unwrap<PolicyApplied>(
          api.POST('/plans/{planId}/escalation-policy', {
            params: { path: { planId } },
            body: { policy: parsed.policy, previewToken: preview.answer.previewToken } as never,
          }),
        ),
      );
      setPreview(undefined);
      plan.reload();
    });

  const zone = plan.data?.timeZone ?? 'Asia/Shanghai';
  return (
    <Card title={tr('督办规则', 'Escalation policy')} style={{ marginBottom: 16 }}>
      <RefusalAlert error={plan.error ?? error} />
      <Typography.Paragraph>
        {tr(
          '编辑或粘贴督办规则（JSON）：步骤 kind 为 reminder 提醒、overdue_notice 催办、supervision_notice 督办、formal_talk 约谈、accountability_referral 问责移送，offset 为相对完成时限的 ISO-8601 时长（-P7D 为到期前7天）。先预览，再对在办措施启用。',
          'Edit or paste the policy (JSON): step kinds reminder, overdue_notice, supervision_notice, formal_talk, accountability_referral; each offset an ISO-8601 duration from the deadline (-P7D: seven days before). Preview first, then apply to the open measures.',
        )}
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item
          label={tr('督办规则（JSON）', 'Policy (JSON)')}
          htmlFor="escalation-policy-text"
          validateStatus={'problem' in parsed ? 'error' : undefined}
          help={'problem' in parsed ? parsed.problem : undefined}
        >
          <Input.TextArea
            id="escalation-policy-text"
            value={text}
            onChange={(e) => setText(e.target.value)}
            autoSize={{ minRows: 6, maxRows: 20 }}
            style={{ fontFamily: 'monospace' }}
          />
        </Form.Item>
      </Form>
      {'policy' in parsed && (
        <Table
          size="small"
          rowKey="index"
          pagination={false}
          style={{ marginBottom: 16 }}
          aria-label={tr('规则步骤', 'Policy steps')}
          dataSource={parsed.policy.steps.map((s, index) => ({ ...s, index: index + 1 }))}
          columns={[
            { title: '#', dataIndex: 'index' },
            {
              title: tr('步骤', 'Step'),
              dataIndex: 'kind',
              render: (k: EscalationStepKind) => stepLabel(tr, k),
            },
            { title: tr('时点（相对时限）', 'Offset from the deadline'), dataIndex: 'offset' },
          ]}
        />
      )}
      <Space style={{ marginBottom: 16 }}>
        <Button onClick={() => void onPreview()} loading={busy} disabled={!('policy' in parsed)}>
          {tr('预览', 'Preview')}
        </Button>
        <Button type="primary" onClick={() => void onApply()} loading={busy} disabled={!previewed}>
          {tr('启用', 'Apply')}
        </Button>
      </Space>
      {applied && (
        <Alert
          type="success"
          showIcon
          role="status"
          style={{ marginBottom: 16 }}
          message={tr(
            `已对 ${applied.applied.length} 项措施启用规则 ${applied.policyVersion}`,
            `Policy ${applied.policyVersion} applied to ${applied.applied.length} measure(s)`,
          )}
          description={
            applied.refused.length
              ? `${tr('未启用', 'Refused')}: ${applied.refused.map((r) => `${r.code} (${r.reason})`).join('; ')}`
              : undefined
          }
        />
      )}
      {preview && previewed && <PreviewTable preview={preview.answer} zone={zone} />}
    </Card>
  );
}

function PreviewTable({ preview, zone }: { preview: PolicyPreview; zone: string }) {
  const { tr } = useI18n();
  const rows = preview.measures.filter((m) => m.moves.length > 0);
  return (
    <>
      <Typography.Paragraph strong>
        {tr(
          `规则 ${preview.policyVersion}：在办措施 ${preview.measures.length} 项，其中 ${preview.affected} 项的步骤将调整（时间为 ${zone}）`,
          `Policy ${preview.policyVersion}: ${preview.affected} of ${preview.measures.length} open measure(s) would have steps moved (times in ${zone})`,
        )}
      </Typography.Paragraph>
      <Table
        size="small"
        rowKey="id"
        aria-label={tr('预览：步骤调整', 'Preview: steps moved')}
        pagination={rows.length > 20 ? { pageSize: 20 } : false}
        dataSource={rows}
        columns={[
          { title: tr('措施编号', 'Measure'), dataIndex: 'code' },
          { title: tr('现行规则', 'Policy now'), dataIndex: 'currentPolicy' },
          {
            title: tr('步骤调整', 'Steps moved'),
            dataIndex: 'moves',
            render: (moves: readonly StepMove[]) => <Moves moves={moves} zone={zone} />,
          },
        ]}
      />
    </>
  );
}

function Moves({ moves, zone }: { moves: readonly StepMove[]; zone: string }) {
  const { tr } = useI18n();
  return (
    <ul style={{ margin: 0, paddingLeft: 16 }}>
      {moves.map((m) => (
        <li key={`${m.kind}:${m.ordinal}`}>
          {stepLabel(tr, m.kind)} #{m.ordinal}: {m.from ? at(m.from, zone) : tr('（新增）', '(new)')} →{' '}
          {m.to ? at(m.to, zone) : tr('（取消）', '(dropped)')}
        </li>
      ))}
    </ul>
  );
}

// Open measures of the plan past their deadline or on the ladder, most escalated first.
function Queue({ planId }: { planId: string }) {
  const { tr } = useI18n();
  const [offset, setOffset] = useState(0);
  const page = useApi(
    () =>
      unwrap<MeasurePage>(
        api.GET('/measures', { params: { query: { plan: planId, limit: QUEUE_PAGE, offset } } }),
      ),
    [planId, offset],
    { refreshMs: 30_000 },
  );
  const now = Date.now();
  const queue = (page.data?.items ?? [])
    .filter((m) => isOpen(m.status) && (m.overdueLevel > 0 || Date.parse(m.dueAt) <= now))
    .sort((a, b) => b.overdueLevel - a.overdueLevel || Date.parse(a.dueAt) - Date.parse(b.dueAt));
  return (
    <Card title={tr('逾期与升级督办的措施', 'Overdue and escalated measures')}>
      <RefusalAlert error={page.error} />
      <Table<QueueMeasure>
        size="small"
        rowKey="id"
        aria-label={tr('逾期与升级督办的措施', 'Overdue and escalated measures')}
        loading={page.loading && !page.data}
        dataSource={queue}
        pagination={queue.length > 20 ? { pageSize: 20 } : false}
        locale={{ emptyText: tr('没有逾期或升级督办的措施', 'No overdue or escalated measures') }}
        columns={[
          { title: tr('措施编号', 'Measure'), dataIndex: 'code' },
          { title: tr('整改措施', 'Title'), dataIndex: 'title' },
          { title: tr('牵头单位', 'Lead unit'), dataIndex: 'leadUnit' },
          { title: tr('完成时限', 'Deadline'), dataIndex: 'due' },
          {
            title: tr('状态', 'Status'),
            dataIndex: 'status',
            render: (s: MeasureStatus) => statusLabel(tr, s),
          },
          {
            title: tr('督办等级', 'Escalation level'),
            dataIndex: 'overdueLevel',
            render: (l: number) => <Tag>{levelLabel(tr, l)}</Tag>,
          },
          {
            title: tr('逾期天数', 'Days overdue'),
            dataIndex: 'dueAt',
            render: (d: string) => Math.max(0, Math.floor((now - Date.parse(d)) / 86_400_000)),
          },
        ]}
      />
      {(page.data?.total ?? 0) > QUEUE_PAGE && (
        <Pagination
          style={{ marginTop: 16 }}
          simple
          pageSize={QUEUE_PAGE}
          current={offset / QUEUE_PAGE + 1}
          total={page.data?.total}
          onChange={(p) => setOffset((p - 1) * QUEUE_PAGE)}
          showTotal={(total) =>
            tr(
              `按每 ${QUEUE_PAGE} 项措施一页查看，共 ${total} 项`,
              `${QUEUE_PAGE} measures a page, ${total} in all`,
            )
          }
        />
      )}
    </Card>
  );
}

function parsePolicy(text: string, tr: Tr): { policy: EscalationPolicy } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { problem: `${tr('不是有效的 JSON', 'not valid JSON')}: ${(e as Error).message}` };
  }
  const v = value as Partial<EscalationPolicy> | null;
  if (!v || typeof v.version !== 'string' || !v.version)
    return { problem: tr('需要 version（规则版本）', 'needs a version') };
  if (!Array.isArray(v.steps) || !v.steps.length)
    return { problem: tr('需要至少一个步骤（steps）', 'needs at least one step') };
  const bad = v.steps.findIndex(
    (s) => !s || !ESCALATION_STEP_KINDS.includes(s.kind) || typeof s.offset !== 'string',
  );
  if (bad >= 0)
    return {
      problem: tr(
        `第 ${bad + 1} 步需要 kind（${ESCALATION_STEP_KINDS.join('/')}）和 offset`,
        `step ${bad + 1} needs a kind (${ESCALATION_STEP_KINDS.join('/')}) and an offset`,
      ),
    };
  return { policy: v as EscalationPolicy };
}

const AT = new Map<string, Intl.DateTimeFormat>();

// An instant as read in the plan's time zone: 2019-09-23 00:00.
function at(iso: string, zone: string): string {
  let f = AT.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('sv-SE', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    AT.set(zone, f);
  }
  return f.format(new Date(iso));
}
