import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { useSession } from '../../auth/session';
import { RefusalAlert } from '../../common/refusal-alert';
import { useApi } from '../../common/use-api';
import { useI18n } from '../../i18n/i18n';
import { CommandModal } from '../../common/command-modal';
import { StateTag, type Tone } from '../../common/state-tag';
import type { NoticeKind } from '../../../../../libs/domain/src/spot-inspection';
import type { DrawCheck, SpotFinding, SpotRound } from './spot-inspections.api';

// The notice kinds of libs/domain/src/spot-inspection.ts (not imported: it hashes with node:crypto).
const NOTICE_WORDS: Record<NoticeKind, readonly [string, string]> = {
  task_notice: ['整改任务通知书', 'Task notice'],
  supervision_letter: ['督办函', 'Supervision letter'],
};

const STATE_TAGS: Record<string, readonly [Tone, string, string]> = {
  rectified: ['green', '已整改', 'Rectified'],
  in_progress: ['blue', '整改中', 'In progress'],
  overdue: ['red', '超期', 'Overdue'],
  withdrawn: ['grey', '已调出', 'Withdrawn'],
};

// One round: its groups and places (with the draw, re-run on request), its findings and the
// notices they issued, whose measures are followed like any other; the office records findings and
// issues notices here.
export function SpotRoundPage() {
  const { code = '' } = useParams();
  const { tr } = useI18n();
  const { may } = useSession();
  const round = useApi(
    () => unwrap<SpotRound>(api.GET('/spot-rounds/{code}', { params: { path: { code } } })),
    [code],
    { refreshMs: 30_000 },
  );
  const r = round.data;
  const manages = may('spot:manage');
  const places = r ? [...new Map(r.groups.flatMap((g) => g.places).map((p) => [p.unit, p])).values()] : [];

  return (
    <>
      <Typography.Title level={2}>
        {tr('抽查暗访', 'Spot inspection')} {code}
      </Typography.Title>
      <Link to="/spot-inspections">{tr('返回轮次列表', 'Back to the rounds')}</Link>
      <RefusalAlert error={round.error} />
      {r && (
        <Space direction="vertical" size="large" style={{ width: '100%', marginTop: 16 }}>
          <Descriptions
            bordered
            size="small"
            column={2}
            items={[
              { label: tr('名称', 'Title'), children: r.title },
              { label: tr('组织单位', 'Organiser'), children: r.organiser },
              { label: tr('时间', 'Dates'), children: `${r.startsOn} — ${r.endsOn}` },
              { label: tr('时区', 'Time zone'), children: r.timeZone },
            ]}
          />
          <Row gutter={16}>
            {(
              [
                ['findings', '发现问题', 'Findings'],
                ['noticesIssued', '下发通知', 'Notices issued'],
                ['rectified', '已整改', 'Rectified'],
                ['inProgress', '整改中', 'In progress'],
                ['overdue', '超期', 'Overdue'],
              ] as const
            ).map(([key, zh, en]) => (
              <Col key={key}>
                <Card size="small">
                  <Statistic title={tr(zh, en)} value={r.figures[key]} />
                </Card>
              </Col>
            ))}
          </Row>
          <Card
            title={tr('暗访组与点位', 'Groups and places')}
            size="small"
            extra={r.draw && <DrawButton code={r.code} />}
          >
            {r.draw && (
              <Typography.Paragraph>
                {tr('抽签种子', 'Seed')} <code>{r.draw.seed}</code> · {r.draw.algorithm} · {r.draw.periodKey}
              </Typography.Paragraph>
            )}
            <Table
              rowKey={(p) => `${p.group}/${p.unit}`}
              size="small"
              pagination={false}
              dataSource={r.groups.flatMap((g) => g.places.map((p) => ({ ...p, group: g.name })))}
              columns={[
                { title: tr('暗访组', 'Group'), dataIndex: 'group' },
                {
                  title: tr('点位', 'Place'),
                  key: 'place',
                  render: (_: unknown, p) => `${p.name} (${p.unit})`,
                },
                {
                  title: tr('走访户数', 'Households'),
                  dataIndex: 'households',
                  render: (h: Record<string, number> | null) =>
                    h
                      ? Object.entries(h)
                          .map(([k, n]) => `${k} ${n}`)
                          .join('，')
                      : '—',
                },
              ]}
            />
          </Card>
          <Card
            title={tr('发现问题', 'Findings')}
            size="small"
            extra={
              manages && (
                <CommandModal<{
                  group: string;
                  place: string;
                  description: string;
                  foundOn: string;
                  planCode?: string;
                  problemCode?: string;
                }>
                  label={tr('记录发现问题', 'Record a finding')}
                  title={tr('记录发现问题', 'Record a finding')}
                  buttonProps={{ type: 'primary' }}
                  submit={({ planCode, problemCode, ...v }) =>
                    unwrap(
                      api.POST('/spot-rounds/{code}/findings', {
                        params: { path: { code: r.code } },
                        body: (planCode || problemCode
                          ? { ...v, link: { planCode, problemCode } }
                          : v) as never,
                      }),
                    )
                  }
                  onDone={round.reload}
                >
                  {() => (
                    <>
                      <Form.Item name="group" label={tr('暗访组', 'Group')} rules={[{ required: true }]}>
                        <Select options={r.groups.map((g) => ({ value: g.code, label: g.name }))} />
                      </Form.Item>
                      <Form.Item name="place" label={tr('点位', 'Place')} rules={[{ required: true }]}>
                        <Select
                          options={places.map((p) => ({ value: p.unit, label: `${p.name} (${p.unit})` }))}
                        />
                      </Form.Item>
                      <Form.Item
                        name="foundOn"
                        label={tr('发现日期', 'Found on')}
                        rules={[{ required: true }]}
                      >
                        <Input type="date" min={r.startsOn} max={r.endsOn} />
                      </Form.Item>
                      <Form.Item
                        name="description"
                        label={tr('问题描述', 'Description')}
                        rules={[{ required: true }]}
                      >
                        <Input.TextArea rows={3} />
                      </Form.Item>
                      <Space>
                        <Form.Item name="planCode" label={tr('关联方案编号', 'Linked plan code')}>
                          <Input />
                        </Form.Item>
                        <Form.Item name="problemCode" label={tr('关联问题编号', 'Linked problem code')}>
                          <Input />
                        </Form.Item>
                      </Space>
                    </>
                  )}
                </CommandModal>
              )
            }
          >
            <Table<SpotFinding>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={r.findings}
              columns={[
                { title: tr('编号', 'Code'), dataIndex: 'code' },
                { title: tr('暗访组', 'Group'), dataIndex: 'group' },
                { title: tr('点位', 'Place'), dataIndex: 'place' },
                { title: tr('日期', 'Found on'), dataIndex: 'foundOn' },
                { title: tr('问题描述', 'Description'), dataIndex: 'description' },
                {
                  title: tr('关联问题', 'Linked problem'),
                  dataIndex: 'link',
                  render: (l: SpotFinding['link']) => (l ? `${l.planCode} / ${l.problemCode}` : '—'),
                },
                {
                  title: tr('通知', 'Notice'),
                  key: 'notice',
                  render: (_: unknown, f) =>
                    f.notice ? (
                      <NoticeCell notice={f.notice} />
                    ) : (
                      manages && <IssueNotice roundCode={r.code} finding={f} onDone={round.reload} />
                    ),
                },
              ]}
            />
          </Card>
        </Space>
      )}
    </>
  );
}

function NoticeCell({ notice }: { notice: NonNullable<SpotFinding['notice']> }) {
  const { tr } = useI18n();
  const words = NOTICE_WORDS[notice.kind] as (typeof NOTICE_WORDS)[NoticeKind] | undefined;
  const state = notice.measure && STATE_TAGS[notice.measure.state];
  return (
    <Space direction="vertical" size={0}>
      <Typography.Text>
        {words ? tr(...words) : notice.name} {notice.number ?? ''}
      </Typography.Text>
      {notice.measure && (
        <Space size={4}>
          <Link to={`/measures/${notice.measure.id}`}>{notice.measure.code}</Link>
          {tr('期限', 'due')} {notice.measure.dueAt.slice(0, 10)}
          {state && <StateTag tone={state[0]}>{tr(state[1], state[2])}</StateTag>}
        </Space>
      )}
    </Space>
  );
}

function IssueNotice(props: { roundCode: string; finding: SpotFinding; onDone: () => void }) {
  const { tr } = useI18n();
  return (
    <CommandModal<{
      kind: string;
      number?: string;
      leadUnit?: string;
      leadLeader: string;
      due: string;
    }>
      label={tr('下发通知', 'Issue a notice')}
      ariaLabel={`${tr('下发通知', 'Issue a notice')} ${props.finding.code}`}
      title={`${tr('下发通知', 'Issue a notice')}: ${props.finding.code}`}
      initialValues={{ kind: 'task_notice', leadUnit: props.finding.place }}
      submit={(v) =>
        unwrap(
          api.POST('/spot-rounds/{code}/findings/{id}/notice', {
            params: { path: { code: props.roundCode, id: props.finding.id } },
            body: Object.fromEntries(
              Object.entries(v).filter(([, x]) => x !== undefined && x !== ''),
            ) as never,
          }),
        )
      }
      onDone={props.onDone}
    >
      {() => (
        <>
          <Form.Item name="kind" label={tr('通知类别', 'Kind')} rules={[{ required: true }]}>
            <Select options={Object.entries(NOTICE_WORDS).map(([k, w]) => ({ value: k, label: tr(...w) }))} />
          </Form.Item>
          <Form.Item name="number" label={tr('文号', 'Number')}>
            <Input />
          </Form.Item>
          <Form.Item name="leadUnit" label={tr('责任单位', 'Lead unit')}>
            <Input />
          </Form.Item>
          <Form.Item name="leadLeader" label={tr('牵头领导', 'Lead leader')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item
            name="due"
            label={tr('整改期限（日期或带时区的时刻）', 'Due (a date, or an instant with its offset)')}
            rules={[{ required: true }]}
          >
            <Input placeholder="2019-05-31" />
          </Form.Item>
        </>
      )}
    </CommandModal>
  );
}

// Re-runs the round's recorded draw on the server and says whether it gives the recorded places.
function DrawButton({ code }: { code: string }) {
  const { tr } = useI18n();
  const [check, setCheck] = useState<DrawCheck>();
  const [error, setError] = useState<Error>();
  return (
    <Space>
      {check && (
        <Alert
          role="status"
          type={check.matches ? 'success' : 'error'}
          message={check.matches ? tr('复核一致', 'Draw matches') : tr('复核不一致', 'Draw does not match')}
        />
      )}
      <RefusalAlert error={error} />
      <Button
        onClick={async () => {
          setError(undefined);
          try {
            setCheck(
              await unwrap<DrawCheck>(api.GET('/spot-rounds/{code}/draw', { params: { path: { code } } })),
            );
          } catch (e) {
            setError(e as Error);
          }
        }}
      >
        {tr('复核抽签', 'Re-run the draw')}
      </Button>
    </Space>
  );
}
