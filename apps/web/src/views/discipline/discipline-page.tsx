import { Button, Form, Input, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { LEAD_OUTCOMES } from '../../../../../libs/domain/src/accountability';
import { api, unwrap } from '../../api/client';
import { useSession } from '../../auth/session';
import { RefusalAlert } from '../../common/refusal-alert';
import { useApi } from '../../common/use-api';
import { useI18n } from '../../i18n/i18n';
import { CommandModal } from '../../common/command-modal';
import { StateTag } from '../../common/state-tag';
import type { BodyView, CaseSummary, FiguresAnswer, ProblemLead, SeedFigures } from './discipline.api';
import { OUTCOME_WORDS, ORIGIN_WORDS, words } from './discipline-labels';

const PAGE_SIZE = 20;

// 纪检监察: the accountability cases of the caller's jurisdiction (every case for the office), the
// problem leads it was handed, and its figures. The API decides what each caller sees.
export function DisciplinePage() {
  const { tr } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'cases';
  return (
    <>
      <Typography.Title level={2}>{tr('纪检监察', 'Discipline desk')}</Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'cases' ? {} : { tab: k }, { replace: true })}
        items={[
          { key: 'cases', label: tr('问责案件', 'Cases'), children: <CasesTab /> },
          { key: 'leads', label: tr('问题线索', 'Problem leads'), children: <LeadsTab /> },
          { key: 'figures', label: tr('执纪问责数据', 'Figures'), children: <FiguresTab /> },
        ]}
      />
    </>
  );
}

function CasesTab() {
  const { tr } = useI18n();
  const [status, setStatus] = useState<'open' | 'concluded'>();
  const [page, setPage] = useState(1);
  const cases = useApi(
    () =>
      unwrap<{ total: number; items: CaseSummary[] }>(
        api.GET('/cases', {
          params: {
            query: { status, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } as never,
          },
        }),
      ),
    [status, page],
    { refreshMs: 30_000 },
  );
  const now = Date.now();
  return (
    <>
      <StatusFilter
        label={tr('案件状态', 'Case status')}
        value={status}
        onChange={(v) => {
          setStatus(v);
          setPage(1);
        }}
        options={[
          { value: 'open', label: tr('办理中', 'Open') },
          { value: 'concluded', label: tr('已结案', 'Concluded') },
        ]}
      />
      <RefusalAlert error={cases.error} />
      <Table<CaseSummary>
        rowKey="id"
        loading={cases.loading && !cases.data}
        dataSource={cases.data?.items}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: cases.data?.total,
          showSizeChanger: false,
          onChange: setPage,
        }}
        columns={[
          {
            title: tr('事由', 'Reason'),
            dataIndex: 'reason',
            render: (reason: string | null, c) => (
              <Link to={`/discipline/cases/${c.id}`}>{reason ?? words(ORIGIN_WORDS, c.origin, tr)}</Link>
            ),
          },
          {
            title: tr('来源', 'Origin'),
            dataIndex: 'origin',
            render: (o: string) => words(ORIGIN_WORDS, o, tr),
          },
          {
            title: tr('承办机关', 'Body'),
            dataIndex: 'bodyCode',
            render: (b: string | null) => b ?? <StateTag tone="red">{tr('未指定', 'None')}</StateTag>,
          },
          { title: tr('立案时间', 'Opened'), dataIndex: 'openedAt', render: (t: string) => t.slice(0, 10) },
          {
            title: tr('办理期限', 'Due'),
            dataIndex: 'dueAt',
            render: (t: string, c) => (
              <Space>
                {t.slice(0, 10)}
                {c.status === 'open' && Date.parse(t) < now && (
                  <StateTag tone="red">{tr('超期', 'Overdue')}</StateTag>
                )}
              </Space>
            ),
          },
          {
            title: tr('状态', 'Status'),
            dataIndex: 'status',
            render: (s: string) =>
              s === 'open' ? (
                <StateTag tone="blue">{tr('办理中', 'Open')}</StateTag>
              ) : (
                <StateTag tone="green">{tr('已结案', 'Concluded')}</StateTag>
              ),
          },
        ]}
      />
    </>
  );
}

function LeadsTab() {
  const { tr } = useI18n();
  const { may } = useSession();
  const [status, setStatus] = useState<'pending' | 'verified'>();
  const [page, setPage] = useState(1);
  const leads = useApi(
    () =>
      unwrap<{ total: number; items: ProblemLead[] }>(
        api.GET('/leads', {
          params: { query: { status, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE } as never },
        }),
      ),
    [status, page],
    { refreshMs: 30_000 },
  );
  return (
    <>
      <StatusFilter
        label={tr('线索状态', 'Lead status')}
        value={status}
        onChange={(v) => {
          setStatus(v);
          setPage(1);
        }}
        options={[
          { value: 'pending', label: tr('待核实', 'Pending') },
          { value: 'verified', label: tr('已核实', 'Verified') },
        ]}
      />
      <RefusalAlert error={leads.error} />
      <Table<ProblemLead>
        rowKey="id"
        loading={leads.loading && !leads.data}
        dataSource={leads.data?.items}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: leads.data?.total,
          showSizeChanger: false,
          onChange: setPage,
        }}
        columns={[
          { title: tr('线索编号', 'Ref'), dataIndex: 'ref' },
          { title: tr('摘要', 'Summary'), dataIndex: 'summary', render: (s: string | null) => s ?? '—' },
          { title: tr('件数', 'Items'), dataIndex: 'items' },
          { title: tr('移交机关', 'Body'), dataIndex: 'bodyCode' },
          { title: tr('收到日期', 'Received'), dataIndex: 'receivedOn' },
          {
            title: tr('核实期限', 'Due'),
            dataIndex: 'dueAt',
            render: (t: string, l) => (
              <Space>
                {t.slice(0, 10)}
                {l.overdue && <StateTag tone="red">{tr('超期', 'Overdue')}</StateTag>}
              </Space>
            ),
          },
          {
            title: tr('核实结果', 'Outcome'),
            dataIndex: 'outcome',
            render: (o: string | null, l) =>
              o ? (
                <Space direction="vertical" size={0}>
                  {words(OUTCOME_WORDS, o, tr)}
                  {l.caseId && <Link to={`/discipline/cases/${l.caseId}`}>{tr('问责案件', 'Case')}</Link>}
                </Space>
              ) : (
                <Tag>{tr('待核实', 'Pending')}</Tag>
              ),
          },
          {
            title: tr('操作', 'Actions'),
            key: 'actions',
            render: (_: unknown, l) =>
              l.status === 'pending' &&
              may('lead:verify') && (
                <CommandModal<{ outcome: string; note?: string }>
                  label={tr('核实', 'Verify')}
                  ariaLabel={`${tr('核实', 'Verify')} ${l.ref}`}
                  title={`${tr('核实线索', 'Verify lead')} ${l.ref}`}
                  submit={(v) =>
                    unwrap(
                      api.POST('/leads/{id}/verification', {
                        params: { path: { id: l.id } },
                        body: v as never,
                      }),
                    )
                  }
                  onDone={leads.reload}
                >
                  {() => (
                    <>
                      <Form.Item
                        name="outcome"
                        label={tr('核实结果', 'Outcome')}
                        rules={[{ required: true }]}
                      >
                        <Select
                          options={LEAD_OUTCOMES.map((o) => ({
                            value: o,
                            label: words(OUTCOME_WORDS, o, tr),
                          }))}
                        />
                      </Form.Item>
                      <Form.Item name="note" label={tr('说明', 'Note')}>
                        <Input.TextArea rows={3} />
                      </Form.Item>
                    </>
                  )}
                </CommandModal>
              ),
          },
        ]}
      />
    </>
  );
}

const FIGURE_ROWS: readonly [keyof SeedFigures, string, string][] = [
  ['cases', '查处问题（件）', 'Cases'],
  ['persons', '涉及人员（人）', 'Persons'],
  ['partyOrGovernmentSanctions', '党纪政务处分（人）', 'Party or government sanctions'],
  ['organisationalHandling', '组织处理（人）', 'Organisational handling'],
  ['heldAccountable', '问责（人）', 'Held accountable'],
  ['judicialReferrals', '移送司法机关（人）', 'Judicial referrals'],
];

function FiguresTab() {
  const { tr } = useI18n();
  const bodies = useApi(() => unwrap<{ items: BodyView[] }>(api.GET('/discipline-bodies')), []);
  const year = new Date().getFullYear();
  const [query, setQuery] = useState<{ body: string; from: string; to: string }>();
  const figures = useApi(
    () =>
      query
        ? unwrap<FiguresAnswer>(api.GET('/discipline-figures', { params: { query: query as never } }))
        : Promise.resolve(undefined),
    [query],
  );
  return (
    <>
      <Form
        layout="inline"
        initialValues={{ from: `${year}-01-01`, to: `${year}-12-31` }}
        onFinish={(v: { body: string; from: string; to: string }) => setQuery({ ...v })}
        style={{ marginBottom: 16 }}
      >
        <Form.Item name="body" label={tr('纪检机关', 'Body')} rules={[{ required: true }]}>
          <Select
            style={{ minWidth: 220 }}
            loading={bodies.loading}
            options={(bodies.data?.items ?? []).map((b) => ({
              value: b.code,
              label: `${b.name} (${b.code})`,
            }))}
          />
        </Form.Item>
        <Form.Item name="from" label={tr('起', 'From')} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="to" label={tr('止', 'To')} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {tr('统计', 'Show figures')}
        </Button>
      </Form>
      <RefusalAlert error={bodies.error ?? figures.error} />
      {figures.data && (
        <Table
          rowKey={(r) => r.body.code}
          pagination={false}
          dataSource={[
            { body: { code: '', name: tr('合计', 'Total') }, total: figures.data.total },
            ...figures.data.byBody,
          ]}
          columns={[
            { title: tr('机关', 'Body'), key: 'body', render: (_: unknown, r) => r.body.name },
            ...FIGURE_ROWS.map(([key, zh, en]) => ({
              title: tr(zh, en),
              key,
              render: (_: unknown, r: { total: SeedFigures }) => r.total[key],
            })),
          ]}
        />
      )}
    </>
  );
}

// A list's status filter: any status when cleared; a change goes back to the first page.
function StatusFilter<S extends string>(props: {
  label: string;
  value: S | undefined;
  onChange: (v: S | undefined) => void;
  options: { value: S; label: string }[];
}) {
  const { tr } = useI18n();
  return (
    <Space style={{ marginBottom: 16 }}>
      <Select
        aria-label={props.label}
        style={{ width: 160 }}
        allowClear
        placeholder={tr('全部状态', 'Any status')}
        value={props.value}
        onChange={props.onChange}
        options={props.options}
      />
    </Space>
  );
}
