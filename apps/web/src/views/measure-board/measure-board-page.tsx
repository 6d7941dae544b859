import { DownloadOutlined } from '@ant-design/icons';
import { AutoComplete, Button, DatePicker, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnType, SortOrder } from 'antd/es/table/interface';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { MEASURE_LIGHTS, type MeasureLight } from '../../../../../libs/domain/src/measure-light';
import { MEASURE_STATUSES, type MeasureStatus } from '../../../../../libs/domain/src/measure-status';
import { TRACKS, type Track } from '../../../../../libs/domain/src/track';
import { api, unwrap } from '../../api/client';
import type { operations } from '../../api/schema';
import { downloadFile } from '../../common/download';
import { PlanSelect } from '../../common/plan-select';
import { RefusalAlert } from '../../common/refusal-alert';
import { useApi } from '../../common/use-api';
import { useI18n } from '../../i18n/i18n';
import type { MeasurePage, MeasureRow, PlanTree } from './measure-board.api';
import { UpdatedAt } from '../../common/updated-at';
import {
  acknowledgementLabel,
  levelLabel,
  LEVELS,
  lightLabel,
  statusLabel,
  trackLabel,
} from '../../common/labels';
import { ACKNOWLEDGEMENT_STATUSES } from '../../../../../libs/domain/src/acknowledgement-policy';

// The filters the URL keeps (so a view is shared and reloaded as it is), as GET /measures names them.
const FILTERS = [
  'plan',
  'category',
  'problem',
  'unit',
  'leader',
  'track',
  'status',
  'level',
  'light',
  'dueFrom',
  'dueTo',
  'q',
  'acknowledgement',
] as const;
type FilterName = (typeof FILTERS)[number];
const PAGE_SIZES = [20, 50, 100, 200];
const DEFAULT_SORT = 'dueAt:asc';
// The columns the API sorts by (its `sort` names them).
const SORTABLE = ['code', 'title', 'dueAt', 'status', 'overdueLevel', 'leadUnit', 'leadLeader', 'track'];
const REFRESH_MS = 15_000;
type BoardQuery = NonNullable<operations['MeasuresController_list']['parameters']['query']>;

// Text colours keep at least 4.5:1 contrast on their pale backgrounds (WCAG AA).
const STATUS_COLOURS: Record<MeasureStatus, { color: string; background: string }> = {
  assigned: { color: '#0b50b3', background: '#e6f4ff' },
  in_progress: { color: '#7a4100', background: '#fff7e6' },
  completion_claimed: { color: '#531dab', background: '#f9f0ff' },
  verified: { color: '#1d5c0a', background: '#f6ffed' },
  closed: { color: '#434343', background: '#f5f5f5' },
  withdrawn: { color: '#595959', background: '#fafafa' },
};
const OVERDUE_COLOUR = { color: '#a8071a', background: '#fff1f0' };
// 亮灯: dark text on a light ground of the light's colour, legible on the white table.
const LIGHT_COLOURS: Record<MeasureLight, { color: string; background: string }> = {
  green: { color: '#1d5c0a', background: '#f6ffed' },
  blue: { color: '#0b50b3', background: '#e6f4ff' },
  yellow: { color: '#7a4100', background: '#fffbe6' },
  red: { color: '#a8071a', background: '#fff1f0' },
};

// 整改措施: every measure the caller may read, filtered, sorted and paged by the server, with the
// current view exported to XLSX.
export function MeasureBoardPage() {
  const { tr } = useI18n();
  const [params, setParams] = useSearchParams();
  const [exportError, setExportError] = useState<Error>();
  const [exporting, setExporting] = useState(false);
  const filter = (name: FilterName) => params.get(name) ?? undefined;
  const sort = params.get('sort') ?? DEFAULT_SORT;
  const size = PAGE_SIZES.includes(Number(params.get('size'))) ? Number(params.get('size')) : PAGE_SIZES[0];
  const page = Math.max(1, Number(params.get('page')) || 1);

  // The filters and sort as the API takes them (the list and its export alike).
  const apiQuery = useMemo(() => {
    const q = new URLSearchParams();
    for (const name of FILTERS) {
      const v = params.get(name);
      if (v) q.set(name, v);
    }
    q.set('sort', sort);
    return q;
  }, [params, sort]);

  const measures = useApi(
    () =>
      unwrap<MeasurePage>(
        api.GET('/measures', {
          params: {
            query: {
              ...(Object.fromEntries(apiQuery) as BoardQuery),
              level: filter('level') === undefined ? undefined : Number(filter('level')),
              limit: size,
              offset: (page - 1) * size,
            },
          },
        }),
      ),
    [apiQuery.toString(), size, page],
    { refreshMs: REFRESH_MS },
  );
  const plan = filter('plan');
  const tree = useApi(
    () =>
      plan
        ? unwrap<PlanTree>(api.GET('/plans/{id}', { params: { path: { id: plan } } }))
        : Promise.resolve(undefined),
    [plan],
  );

  // Changing a filter starts again at the first page; the plan's own choices go with the plan.
  const change = (patch: Partial<Record<FilterName | 'sort' | 'page' | 'size', string | undefined>>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next);
  };

  const problems = (tree.data?.categories ?? [])
    .filter((c) => !filter('category') || c.code === filter('category'))
    .flatMap((c) => [...(c.problems ?? []), ...c.aspects.flatMap((a) => a.problems)]);
  const leaders = [
    ...new Set(
      (tree.data?.categories ?? []).flatMap((c) =>
        [...(c.problems ?? []), ...c.aspects.flatMap((a) => a.problems)].flatMap((p) =>
          p.measures.map((m) => m.leadLeader),
        ),
      ),
    ),
  ];
  const [sortColumn, sortDirection] = sort.split(':');
  const sortOrder = (column: string): SortOrder =>
    column === sortColumn ? (sortDirection === 'desc' ? 'descend' : 'ascend') : null;

  return (
    <>
      <Typography.Title level={2}>{tr('整改措施', 'Measures')}</Typography.Title>
      <UpdatedAt
        at={measures.updatedAt}
        loading={measures.loading}
        error={measures.error}
        onReload={measures.reload}
      />
      {/* Placeholders are read as text (antd's default grey is under 4.5:1 on white). */}
      <>
        <Form layout="inline" style={{ rowGap: 12, marginBottom: 16 }} aria-label={tr('筛选', 'Filters')}>
          <Form.Item label={tr('方案', 'Plan')} htmlFor="board-plan">
            <PlanSelect
              id="board-plan"
              allowClear
              value={plan}
              onChange={(v) => change({ plan: v, category: undefined, problem: undefined })}
            />
          </Form.Item>
          <Form.Item label={tr('问题大类', 'Category')} htmlFor="board-category">
            <Select
              id="board-category"
              allowClear
              disabled={!plan}
              style={{ width: 200 }}
              value={filter('category')}
              onChange={(v?: string) => change({ category: v, problem: undefined })}
              options={(tree.data?.categories ?? []).map((c) => ({
                value: c.code,
                label: `${c.code} ${c.title}`,
              }))}
            />
          </Form.Item>
          <Form.Item label={tr('问题', 'Problem')} htmlFor="board-problem">
            <Select
              id="board-problem"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              disabled={!plan}
              style={{ width: 200 }}
              value={filter('problem')}
              onChange={(v?: string) => change({ problem: v })}
              options={problems.map((p) => ({ value: p.code, label: `${p.code} ${p.title}` }))}
            />
          </Form.Item>
          <Form.Item label={tr('责任单位', 'Unit')} htmlFor="board-unit">
            <TextFilter
              id="board-unit"
              width={160}
              value={filter('unit')}
              onChange={(v) => change({ unit: v })}
              options={(tree.data?.units ?? []).map((u) => ({ value: u.code, label: `${u.code} ${u.name}` }))}
            />
          </Form.Item>
          <Form.Item label={tr('牵头领导', 'Lead leader')} htmlFor="board-leader">
            <TextFilter
              id="board-leader"
              width={140}
              value={filter('leader')}
              onChange={(v) => change({ leader: v })}
              options={leaders.map((l) => ({ value: l }))}
            />
          </Form.Item>
          <Form.Item label={tr('整改类型', 'Track')} htmlFor="board-track">
            <Select
              id="board-track"
              allowClear
              style={{ width: 120 }}
              value={filter('track')}
              onChange={(v?: string) => change({ track: v })}
              options={TRACKS.map((t) => ({ value: t, label: trackLabel(tr, t) }))}
            />
          </Form.Item>
          <Form.Item label={tr('状态', 'Status')} htmlFor="board-status">
            <Select
              id="board-status"
              allowClear
              style={{ width: 130 }}
              value={filter('status')}
              onChange={(v?: string) => change({ status: v })}
              options={MEASURE_STATUSES.map((s) => ({ value: s, label: statusLabel(tr, s) }))}
            />
          </Form.Item>
          <Form.Item label={tr('签收', 'Acknowledgement')} htmlFor="board-acknowledgement">
            <Select
              id="board-acknowledgement"
              allowClear
              style={{ width: 130 }}
              value={filter('acknowledgement')}
              onChange={(v?: string) => change({ acknowledgement: v })}
              options={ACKNOWLEDGEMENT_STATUSES.map((s) => ({
                value: s,
                label: acknowledgementLabel(tr, s),
              }))}
            />
          </Form.Item>
          <Form.Item label={tr('督办等级', 'Escalation level')} htmlFor="board-level">
            <Select
              id="board-level"
              allowClear
              style={{ width: 120 }}
              value={filter('level')}
              onChange={(v?: string) => change({ level: v })}
              options={LEVELS.map((l) => ({ value: String(l), label: levelLabel(tr, l) }))}
            />
          </Form.Item>
          <Form.Item label={tr('亮灯', 'Light')} htmlFor="board-light">
            <Select
              id="board-light"
              allowClear
              style={{ width: 100 }}
              value={filter('light')}
              onChange={(v?: string) => change({ light: v })}
              options={MEASURE_LIGHTS.map((l) => ({ value: l, label: lightLabel(tr, l) }))}
            />
          </Form.Item>
          <Form.Item label={tr('完成时限', 'Due')}>
            <DatePicker.RangePicker
              aria-label={tr('完成时限', 'Due')}
              allowEmpty={[true, true]}
              value={[
                filter('dueFrom') ? dayjs(filter('dueFrom')) : null,
                filter('dueTo') ? dayjs(filter('dueTo')) : null,
              ]}
              onChange={(range) =>
                change({
                  dueFrom: range?.[0]?.format('YYYY-MM-DD'),
                  dueTo: range?.[1]?.format('YYYY-MM-DD'),
                })
              }
            />
          </Form.Item>
          <Form.Item label={tr('搜索', 'Search')} htmlFor="board-search">
            <Input.Search
              id="board-search"
              allowClear
              style={{ width: 200 }}
              placeholder={tr('编号或标题', 'Code or title')}
              defaultValue={filter('q')}
              key={`q-${filter('q') ?? ''}`}
              onSearch={(v) => change({ q: v.trim() || undefined })}
            />
          </Form.Item>
          <Form.Item>
            <Button
              icon={<DownloadOutlined />}
              loading={exporting}
              onClick={async () => {
                setExporting(true);
                setExportError(undefined);
                try {
                  await downloadFile(`/measures/export.xlsx?${apiQuery}`, 'measures.xlsx');
                } catch (e) {
                  setExportError(e instanceof Error ? e : new Error(String(e)));
                } finally {
                  setExporting(false);
                }
              }}
            >
              {tr('导出Excel', 'Export to XLSX')}
            </Button>
          </Form.Item>
        </Form>
      </>
      <RefusalAlert error={measures.error ?? tree.error ?? exportError} />
      <Table<MeasureRow>
        rowKey="id"
        size="middle"
        loading={measures.loading && !measures.data}
        dataSource={measures.data?.items as MeasureRow[] | undefined}
        onChange={(pagination, _filters, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          const column = typeof s?.field === 'string' ? s.field : undefined;
          const nextSort =
            column && s.order ? `${column}:${s.order === 'descend' ? 'desc' : 'asc'}` : DEFAULT_SORT;
          const nextSize = pagination.pageSize ?? size;
          change({
            sort: nextSort === DEFAULT_SORT ? undefined : nextSort,
            size: nextSize === PAGE_SIZES[0] ? undefined : String(nextSize),
            // A new order or page size starts again at the first page.
            page:
              nextSort !== sort || nextSize !== size || (pagination.current ?? 1) === 1
                ? undefined
                : String(pagination.current),
          });
        }}
        pagination={{
          current: page,
          pageSize: size,
          total: measures.data?.total ?? 0,
          showSizeChanger: { 'aria-label': tr('每页条数', 'Rows per page') },
          pageSizeOptions: PAGE_SIZES,
          showTotal: (total) => tr(`共 ${total} 条`, `${total} measures`),
        }}
        columns={(
          [
            {
              title: tr('编号', 'Code'),
              dataIndex: 'code',
              render: (code: string, m) => <Link to={`/measures/${m.id}`}>{code}</Link>,
            },
            { title: tr('整改措施', 'Measure'), dataIndex: 'title' },
            {
              title: tr('整改类型', 'Track'),
              dataIndex: 'track',
              render: (t: Track) => trackLabel(tr, t),
            },
            { title: tr('牵头单位', 'Lead unit'), dataIndex: 'leadUnit' },
            { title: tr('牵头领导', 'Lead leader'), dataIndex: 'leadLeader' },
            {
              title: tr('完成时限', 'Due'),
              dataIndex: 'dueAt',
              render: (_: string, m) =>
                m.overdue ? (
                  <Space size={4}>
                    <span style={{ color: OVERDUE_COLOUR.color, fontWeight: 600 }}>{m.due}</span>
                    <Tag bordered={false} style={OVERDUE_COLOUR}>
                      {tr('逾期', 'Overdue')}
                    </Tag>
                  </Space>
                ) : (
                  m.due
                ),
            },
            {
              title: tr('状态', 'Status'),
              dataIndex: 'status',
              render: (s: MeasureStatus, m: MeasureRow) => (
                <Space size={4}>
                  <Tag bordered={false} style={STATUS_COLOURS[s]}>
                    {statusLabel(tr, s)}
                  </Tag>
                  {/* 签收 not yet given: 待签收 or 已退回, for the office to chase */}
                  {m.acknowledgement && m.acknowledgement !== 'acknowledged' && (
                    <Tag bordered={false} style={OVERDUE_COLOUR}>
                      {acknowledgementLabel(tr, m.acknowledgement)}
                    </Tag>
                  )}
                </Space>
              ),
            },
            {
              title: tr('亮灯', 'Light'),
              dataIndex: 'light',
              render: (l: MeasureLight | null) =>
                l ? (
                  <Tag bordered={false} style={LIGHT_COLOURS[l]}>
                    {lightLabel(tr, l)}
                  </Tag>
                ) : (
                  ''
                ),
            },
            {
              title: tr('督办等级', 'Escalation'),
              dataIndex: 'overdueLevel',
              render: (l: number) =>
                l > 0 ? (
                  <Tag bordered={false} style={OVERDUE_COLOUR}>
                    {levelLabel(tr, l)}
                  </Tag>
                ) : (
                  ''
                ),
            },
          ] as (ColumnType<MeasureRow> & { dataIndex: string })[]
        ).map((c) =>
          SORTABLE.includes(c.dataIndex) ? { ...c, sorter: true, sortOrder: sortOrder(c.dataIndex) } : c,
        )}
      />
    </>
  );
}

// A text filter with suggestions: typed freely, applied when chosen, on Enter or on leaving the
// field, and only when it differs from the address's value.
function TextFilter(props: {
  id: string;
  width: number;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  options: { value: string; label?: string }[];
}) {
  const [text, setText] = useState(props.value ?? '');
  useEffect(() => setText(props.value ?? ''), [props.value]);
  const apply = (v: string) => {
    const next = v.trim() || undefined;
    if (next !== props.value) props.onChange(next);
  };
  return (
    <AutoComplete
      id={props.id}
      allowClear
      style={{ width: props.width }}
      value={text}
      onChange={(v: string) => setText(v ?? '')}
      onSelect={(v: string) => apply(v)}
      onBlur={() => apply(text)}
      onClear={() => apply('')}
      onKeyDown={(e) => e.key === 'Enter' && apply(text)}
      options={props.options}
    />
  );
}
