import { Alert, Card, Col, Descriptions, Row, Space, Spin, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { MeasureStatus } from '../../../../../libs/domain/src/measure-status';
import { api, unwrap } from '../../api/client';
import { RefusalAlert } from '../../common/refusal-alert';
import { useApi } from '../../common/use-api';
import { useI18n } from '../../i18n/i18n';
import { EvidencePanel } from './evidence-panel';
import { IndicatorCharts } from './indicator-charts';
import { MeasureActionsPanel } from './measure-actions-panel';
import { formatInstant } from './measure-commands';
import type { MeasureDetail, MeasureSummary, PlanTree, WorkflowState } from './measure-detail.api';
import { MeasureTimeline, PeopleContext } from './measure-timeline';
import { UpdatedAt } from '../../common/updated-at';
import { acknowledgementLabel, statusLabel, trackLabel } from '../../common/labels';
import type { Track } from '../../../../../libs/domain/src/track';

// While a command's effect or someone else's decision is awaited, the screen follows closely.
const PENDING_REFRESH_MS = 5_000;
const REFRESH_MS = 30_000;

// Solid tags (white text) in colours of at least 4.5:1 contrast.
const STATUS_COLOURS: Record<MeasureStatus, string> = {
  assigned: '#0b50b3',
  in_progress: '#0b50b3',
  completion_claimed: '#8a4b00',
  verified: '#1b5e20',
  closed: '#424242',
  withdrawn: '#424242',
};

export function StatusTag({ status }: { status: MeasureStatus }) {
  const { tr } = useI18n();
  return (
    <Tag color={STATUS_COLOURS[status]} data-testid="measure-status">
      {statusLabel(tr, status)}
    </Tag>
  );
}

// 整改措施详情: what the measure is, everything recorded about it, its indicators and evidence,
// its sub-measures, and what the signed-in user may do with it now.
export function MeasureDetailPage() {
  const { id = '' } = useParams();
  const { tr } = useI18n();
  // The state a command answered with, until the screen has loaded a measure that shows it.
  const [awaiting, setAwaiting] = useState<WorkflowState | null>(null);
  const [waitingOnOthers, setWaitingOnOthers] = useState(false);
  const measure = useApi(
    () => unwrap<MeasureDetail>(api.GET('/measures/{id}', { params: { path: { id } } })),
    [id],
    { refreshMs: awaiting || waitingOnOthers ? PENDING_REFRESH_MS : REFRESH_MS },
  );
  const m = measure.data?.id === id ? measure.data : undefined;
  const live = m?.workflow ?? null;
  const planId = m?.planId;
  // The plan's name, clock, units and the measure's problem: read once, they do not move.
  const plan = useApi(
    () =>
      planId
        ? unwrap<PlanTree>(api.GET('/plans/{id}', { params: { path: { id: planId } } }))
        : Promise.resolve(undefined),
    [planId],
  );

  useEffect(() => {
    if (awaiting && m && (live?.eventSeq ?? -1) >= awaiting.eventSeq && m.status === awaiting.status)
      setAwaiting(null);
    setWaitingOnOthers(
      live?.status === 'completion_claimed' || !!live?.extensionRequest || !!live?.withdrawalRequest,
    );
  }, [awaiting, m, live]);

  if (measure.error && !m)
    return (
      <>
        <Typography.Title level={2}>{tr('整改措施', 'Measure')}</Typography.Title>
        <RefusalAlert error={measure.error} />
      </>
    );
  if (!m) return <Spin />;

  const p = plan.data;
  const tz = p?.timeZone;
  const status = live?.status ?? m.status;
  const problem = p?.categories
    .flatMap((c) => [...(c.problems ?? []), ...c.aspects.flatMap((a) => a.problems)])
    .find((pr) => pr.measures.some((x) => x.id === m.id || x.id === m.parentMeasureId));
  const unitName = (code: string) => {
    const name = p?.units.find((u) => u.code === code)?.name;
    return name ? `${name}（${code}）` : code;
  };
  const level = live?.overdueLevel ?? m.overdueLevel;
  const ackStatus = live?.acknowledgement?.status ?? m.acknowledgement ?? null;
  const ackBy = live?.acknowledgement?.acknowledgeBy ?? m.acknowledgeBy ?? null;

  return (
    <PeopleContext.Provider value={m.people ?? {}}>
      <>
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <div>
            <Typography.Title level={2} style={{ marginBottom: 4 }}>
              {m.code} {m.title}
            </Typography.Title>
            <Space wrap>
              <StatusTag status={status} />
              <UpdatedAt
                at={measure.updatedAt}
                loading={measure.loading}
                error={measure.error}
                onReload={measure.reload}
              />
              {level > 0 && (
                <Tag color="#b71c1c">
                  {tr('逾期督办', 'Escalated')} {tr('级别', 'level')} {level}
                </Tag>
              )}
              {awaiting && (
                <span role="status" aria-label={tr('正在更新', 'Updating')}>
                  <Spin size="small" />
                </span>
              )}
            </Space>
          </div>
          <RefusalAlert error={measure.error} />
          {m.workflowError && (
            <Alert
              type="warning"
              showIcon
              title={m.workflowError.code}
              description={`${tr(
                '暂时无法读取流程的实时状态，以下为已记录的情况。',
                'The live state is unavailable; what is shown is the record.',
              )} (${m.workflowError.message})`}
            />
          )}
          <Descriptions
            bordered
            size="small"
            column={{ xs: 1, md: 2, xl: 3 }}
            items={[
              {
                key: 'plan',
                label: tr('整改方案', 'Plan'),
                children: p ? <Link to={`/plans/${p.id}`}>{`${p.code} ${p.title}`}</Link> : '…',
              },
              {
                key: 'problem',
                label: tr('问题', 'Problem'),
                children: problem ? `${problem.code} ${problem.title}` : '—',
              },
              {
                key: 'track',
                label: tr('整改类型', 'Track'),
                children: trackLabel(tr, m.track as Track),
              },
              {
                key: 'status',
                label: tr('状态', 'Status'),
                children: statusLabel(tr, status),
              },
              {
                key: 'due',
                label: tr('整改期限', 'Deadline'),
                children: `${formatInstant(live?.dueAt ?? m.dueAt, tz)}${tz ? ` (${tz})` : ''} · ${m.due}`,
              },
              {
                key: 'level',
                label: tr('督办级别', 'Escalation level'),
                children: level > 0 ? level : tr('未逾期', 'none'),
              },
              {
                key: 'lead',
                label: tr('牵头单位', 'Lead unit'),
                children: unitName(live?.leadUnitCode ?? m.leadUnit),
              },
              // 签收: only on measures whose policy asks for it.
              ...(ackStatus
                ? [
                    {
                      key: 'acknowledgement',
                      label: tr('签收', 'Acknowledgement'),
                      children: (
                        <span data-testid="measure-acknowledgement">
                          {acknowledgementLabel(tr, ackStatus)}
                          {ackBy && ` · ${tr('时限', 'by')} ${formatInstant(ackBy, tz)}`}
                        </span>
                      ),
                    },
                  ]
                : []),
              {
                key: 'leader',
                label: tr('牵头领导', 'Lead leader'),
                children: live?.leadLeader ?? m.leadLeader,
              },
              {
                key: 'co',
                label: tr('协办单位', 'Co-units'),
                children: m.coUnits.length ? m.coUnits.map(unitName).join('、') : '—',
              },
              ...(m.parentMeasureId
                ? [
                    {
                      key: 'parent',
                      label: tr('上级措施', 'Parent measure'),
                      children: <Link to={`/measures/${m.parentMeasureId}`}>{tr('查看', 'Open')}</Link>,
                    },
                  ]
                : []),
              ...(m.signedOffAt
                ? [
                    {
                      key: 'signed',
                      label: tr('销号时间', 'Signed off'),
                      children: formatInstant(m.signedOffAt, tz),
                    },
                  ]
                : []),
              ...(m.method
                ? [
                    {
                      key: 'method',
                      label: tr('整改措施', 'Method'),
                      children: m.method,
                      span: 'filled' as const,
                    },
                  ]
                : []),
              ...(m.requirements
                ? [
                    {
                      key: 'req',
                      label: tr('整改要求', 'Requirements'),
                      children: m.requirements,
                      span: 'filled' as const,
                    },
                  ]
                : []),
            ]}
          />
          <Row gutter={[24, 24]}>
            <Col xs={24} lg={15}>
              <Card title={tr('整改记录', 'Timeline')} size="small">
                <MeasureTimeline events={m.events} nextStep={live?.nextStep ?? null} timeZone={tz} />
              </Card>
            </Col>
            <Col xs={24} lg={9}>
              <MeasureActionsPanel
                ctx={{ measure: m, live, plan: p, tr }}
                onDone={(answer) => {
                  setAwaiting(answer.workflow);
                  measure.reload();
                }}
              />
              {live?.claim && status === 'completion_claimed' && (
                <Card
                  title={tr('待验收的销号申请', 'Claim under verification')}
                  size="small"
                  style={{ marginTop: 16 }}
                >
                  <p>
                    {formatInstant(live.claim.claimedAt, tz)} · {live.claim.evidence.length}{' '}
                    {tr('份材料', 'items of evidence')}
                  </p>
                  {live.claim.explanation && <p>{live.claim.explanation}</p>}
                  {live.claim.flags.includes('paper_only') && (
                    <Alert
                      type="warning"
                      showIcon
                      title={tr('仅有文件材料（纸上整改？）', 'Documents only (paper rectification?)')}
                    />
                  )}
                </Card>
              )}
            </Col>
          </Row>
          <Card title={tr('指标与节点', 'Indicators and milestones')} size="small">
            <IndicatorCharts
              indicators={live?.indicators ?? m.indicators}
              milestones={live?.milestones ?? m.milestones}
              events={m.events}
              timeZone={tz}
            />
          </Card>
          <Card title={tr('佐证材料', 'Evidence')} size="small">
            <EvidencePanel events={m.events} timeZone={tz} />
          </Card>
          <Card title={tr('子措施', 'Sub-measures')} size="small">
            {m.children.length ? (
              <Table<MeasureSummary>
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={m.children as MeasureSummary[]}
                columns={[
                  {
                    title: tr('编号', 'Code'),
                    dataIndex: 'code',
                    render: (code: string, c) => <Link to={`/measures/${c.id}`}>{code}</Link>,
                  },
                  { title: tr('名称', 'Title'), dataIndex: 'title' },
                  { title: tr('牵头单位', 'Lead unit'), dataIndex: 'leadUnit', render: unitName },
                  {
                    title: tr('期限', 'Deadline'),
                    dataIndex: 'dueAt',
                    render: (d: string) => formatInstant(d, tz),
                  },
                  {
                    title: tr('状态', 'Status'),
                    dataIndex: 'status',
                    render: (s: MeasureStatus) => <StatusTag status={s} />,
                  },
                ]}
              />
            ) : (
              <Typography.Paragraph>{tr('未分解子措施', 'No sub-measures')}</Typography.Paragraph>
            )}
          </Card>
          <Card title={tr('通知', 'Notices sent')} size="small">
            {m.notifications.length ? (
              <Table
                size="small"
                rowKey={(n) => `${n.createdAt}/${n.addressee}/${n.subject}`}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                dataSource={m.notifications as MeasureDetail['notifications'][number][]}
                columns={[
                  {
                    title: tr('时间', 'When'),
                    dataIndex: 'createdAt',
                    render: (d: string) => formatInstant(d, tz),
                  },
                  { title: tr('对象', 'To'), dataIndex: 'addressee' },
                  { title: tr('事由', 'Subject'), dataIndex: 'subject' },
                  { title: tr('状态', 'Status'), dataIndex: 'status' },
                ]}
              />
            ) : (
              <Typography.Paragraph>{tr('尚无通知', 'No notices yet')}</Typography.Paragraph>
            )}
          </Card>
        </Space>
      </>
    </PeopleContext.Provider>
  );
}
