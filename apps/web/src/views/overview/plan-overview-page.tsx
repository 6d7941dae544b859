import { Card, Col, Empty, Row, Space, Statistic, Table, Typography } from 'antd';
import type { EChartsOption } from 'echarts';
import { Link, useParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { RefusalAlert } from '../../common/refusal-alert';
import { useApi } from '../../common/use-api';
import { useI18n } from '../../i18n/i18n';
import { Chart, PALETTE } from './chart';
import { bucketLabel } from './labels';
import type { PlanOverview } from './overview.api';
import { UpdatedAt } from '../../common/updated-at';
import { levelLabel, lightLabel, statusLabel, trackLabel } from '../../common/labels';
import { MEASURE_LIGHTS, type MeasureLight } from '../../../../../libs/domain/src/measure-light';

type Tr = (zh: string, en: string) => string;

// One plan at a glance, as far as the caller may see it: the API counts only the measures of the
// caller's scope. Refreshed every 15 s, so it follows the workflows (the ladder climbs on its own).
export function PlanOverviewPage() {
  const { id = '' } = useParams();
  const { tr } = useI18n();
  const overview = useApi(
    () => unwrap<PlanOverview>(api.GET('/plans/{id}/overview', { params: { path: { id } } })),
    [id],
    { refreshMs: 15_000 },
  );
  const o = overview.data;
  return (
    <>
      <Typography.Title level={2}>
        {o ? `${o.planCode} ${o.title}` : tr('方案总览', 'Plan overview')}
      </Typography.Title>
      <UpdatedAt
        at={overview.updatedAt}
        loading={overview.loading}
        error={overview.error}
        onReload={overview.reload}
      />
      <RefusalAlert error={overview.error} />
      {o && <Overview o={o} tr={tr} />}
    </>
  );
}

function Overview({ o, tr }: { o: PlanOverview; tr: Tr }) {
  const totals: [string, number][] = [
    [tr('问题', 'Problems'), o.totals.problems],
    [tr('整改措施', 'Measures'), o.totals.measures],
    [tr('在办措施', 'Open measures'), o.totals.open],
    [tr('已销号', 'Signed off'), o.totals.signedOff],
    [tr('逾期措施', 'Overdue measures'), o.totals.overdue],
  ];
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text>
          {tr('截至', 'As of')} {o.asOf.slice(0, 16).replace('T', ' ')} UTC
        </Typography.Text>
        <Link to={`/scorecard?plan=${o.planId}`}>{tr('单位考评', 'Unit scorecard')}</Link>
      </Space>
      <Row gutter={[16, 16]}>
        {totals.map(([title, value]) => (
          <Col key={title} xs={12} md={4}>
            <Card size="small">
              <div role="group" aria-label={title}>
                {/* The theme's grey for statistic titles falls short of 4.5:1 on white. */}
                <Statistic title={<span style={{ color: '#434343' }}>{title}</span>} value={value} />
              </div>
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={tr('措施状态', 'Measures by status')}>
            <StatusChart o={o} tr={tr} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={tr('整改类型', 'By track')}>
            <TrackChart o={o} tr={tr} />
          </Card>
        </Col>
        <Col xs={24}>
          <Card title={tr('整改进度（按周）', 'Progress by week')}>
            <ProgressChart o={o} tr={tr} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={tr('逾期热力图（按牵头单位）', 'Overdue by lead unit')}>
            <OverdueHeatmap o={o} tr={tr} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={tr('逾期时长', 'Ageing of overdue measures')}>
            <AgeingChart o={o} tr={tr} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={tr('督办升级层级', 'Escalation levels')}>
            <EscalationChart o={o} tr={tr} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={tr('指标完成情况', 'Indicator progress')}>
            <IndicatorChart o={o} tr={tr} />
          </Card>
        </Col>
        <Col xs={24}>
          <Card title={tr('亮灯情况（按牵头单位）', 'Lights by lead unit')}>
            <LightTable o={o} tr={tr} />
          </Card>
        </Col>
        <Col xs={24}>
          <Card title={tr('按问题', 'By problem')}>
            <ProblemTable o={o} tr={tr} />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}

const GRID = { left: 8, right: 16, top: 40, bottom: 8, containLabel: true };

function StatusChart({ o, tr }: { o: PlanOverview; tr: Tr }) {
  const rows = o.byStatus.map((s) => ({ name: statusLabel(tr, s.status), value: s.measures }));
  return (
    <Chart
      summary={`${tr('措施状态', 'Measures by status')}: ${rows.map((r) => `${r.name} ${r.value}`).join(', ')}`}
      option={{
        color: PALETTE,
        tooltip: {},
        grid: GRID,
        xAxis: { type: 'category', data: rows.map((r) => r.name) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [{ type: 'bar', data: rows.map((r) => r.value), label: { show: true, position: 'top' } }],
      }}
    />
  );
}

function TrackChart({ o, tr }: { o: PlanOverview; tr: Tr }) {
  const names = o.byTrack.map((t) => trackLabel(tr, t.track));
  const problems = tr('问题', 'Problems');
  const measures = tr('措施', 'Measures');
  return (
    <Chart
      summary={`${tr('整改类型', 'By track')}: ${o.byTrack
        .map((t, i) => `${names[i]} ${problems} ${t.problems}, ${measures} ${t.measures}`)
        .join('; ')}`}
      option={groupedBars(names, [
        { name: problems, data: o.byTrack.map((t) => t.problems) },
        { name: measures, data: o.byTrack.map((t) => t.measures) },
      ])}
    />
  );
}

function ProgressChart({ o, tr }: { o: PlanOverview; tr: Tr }) {
  const claimed = tr('申请销号', 'Claimed');
  const verified = tr('销号', 'Signed off');
  const toDate = tr('累计销号', 'Signed off to date');
  const last = o.progress.at(-1);
  const option: EChartsOption = {
    color: PALETTE,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: GRID,
    xAxis: { type: 'category', data: o.progress.map((w) => w.firstDay) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: claimed, type: 'bar', data: o.progress.map((w) => w.claimed) },
      { name: verified, type: 'bar', data: o.progress.map((w) => w.verified) },
      { name: toDate, type: 'line', data: o.progress.map((w) => w.verifiedToDate) },
    ],
  };
  return (
    <Chart
      summary={`${tr('整改进度（按周）', 'Progress by week')}: ${o.progress.length} ${tr('周', 'weeks')}, ${claimed} ${sum(
        o.progress.map((w) => w.claimed),
      )}, ${toDate} ${last?.verifiedToDate ?? 0}`}
      option={option}
    />
  );
}

function OverdueHeatmap({ o, tr }: { o: PlanOverview; tr: Tr }) {
  if (!o.overdueByUnit.length) return <Empty description={tr('没有逾期措施', 'No overdue measures')} />;
  const buckets = o.ageingBuckets.map((b) => bucketLabel(tr, b));
  const units = o.overdueByUnit.map((u) => u.name);
  const max = Math.max(1, ...o.overdueByUnit.flatMap((u) => u.buckets));
  return (
    <Chart
      height={Math.max(200, 60 + units.length * 36)}
      summary={`${tr('逾期热力图（按牵头单位）', 'Overdue by lead unit')}: ${o.overdueByUnit
        .map((u) => `${u.name} ${u.total}`)
        .join(', ')}`}
      option={{
        tooltip: {},
        grid: { ...GRID, top: 8, bottom: 48 },
        xAxis: { type: 'category', data: buckets, splitArea: { show: true } },
        // Units read top to bottom in the answer's order.
        yAxis: { type: 'category', data: units, inverse: true, splitArea: { show: true } },
        visualMap: {
          min: 0,
          max,
          orient: 'horizontal',
          left: 'center',
          bottom: 0,
          itemHeight: 120,
          inRange: { color: ['#fdecea', '#b71c1c'] },
        },
        series: [
          {
            type: 'heatmap',
            data: o.overdueByUnit.flatMap((u, y) => u.buckets.map((v, x) => [x, y, v])),
            label: { show: true, color: '#000' },
          },
        ],
      }}
    />
  );
}

function AgeingChart({ o, tr }: { o: PlanOverview; tr: Tr }) {
  const names = o.ageingBuckets.map((b) => bucketLabel(tr, b));
  return (
    <Chart
      summary={`${tr('逾期时长', 'Ageing of overdue measures')}: ${o.ageing
        .map((b, i) => `${names[i]} ${b.measures}`)
        .join(', ')}`}
      option={{
        color: [PALETTE[1]],
        tooltip: {},
        grid: GRID,
        xAxis: { type: 'category', data: names },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { type: 'bar', data: o.ageing.map((b) => b.measures), label: { show: true, position: 'top' } },
        ],
      }}
    />
  );
}

function EscalationChart({ o, tr }: { o: PlanOverview; tr: Tr }) {
  const names = o.escalationLevels.map((l) => levelLabel(tr, l.level));
  const reached = tr('曾达到的最高层级', 'Highest level reached');
  const current = tr('当前层级', 'Level now');
  return (
    <Chart
      summary={`${tr('督办升级层级', 'Escalation levels')}, ${reached}: ${o.escalationLevels
        .map((l, i) => `${names[i]} ${l.reached}`)
        .join(', ')}; ${current}: ${o.escalationLevels.map((l, i) => `${names[i]} ${l.current}`).join(', ')}`}
      option={groupedBars(names, [
        { name: reached, data: o.escalationLevels.map((l) => l.reached) },
        { name: current, data: o.escalationLevels.map((l) => l.current) },
      ])}
    />
  );
}

function IndicatorChart({ o, tr }: { o: PlanOverview; tr: Tr }) {
  const items = o.indicators.items;
  if (!items.length) return <Empty description={tr('没有量化指标', 'No indicators')} />;
  const percent = (i: (typeof items)[number]) =>
    i.target ? Math.round(((i.current ?? i.baseline ?? 0) / i.target) * 1000) / 10 : 0;
  const names = items.map((i) => `${i.measureCode} ${i.name}`);
  return (
    <>
      <Chart
        height={Math.max(160, 40 + items.length * 32)}
        summary={`${tr('指标完成情况', 'Indicator progress')}: ${items
          .map((i, n) => `${names[n]} ${i.current ?? '—'} / ${i.target} ${i.unit} (${percent(i)}%)`)
          .join('; ')}`}
        option={{
          color: [PALETTE[2]],
          tooltip: {},
          grid: { ...GRID, top: 8 },
          xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
          yAxis: { type: 'category', data: names },
          series: [
            {
              type: 'bar',
              data: items.map(percent),
              label: { show: true, position: 'right', formatter: '{c}%' },
            },
          ],
        }}
      />
      {o.indicators.total > items.length && (
        <Typography.Text>
          {tr(
            `共${o.indicators.total}项指标，显示前${items.length}项`,
            `${items.length} of ${o.indicators.total} indicators shown`,
          )}
        </Typography.Text>
      )}
    </>
  );
}

function ProblemTable({ o, tr }: { o: PlanOverview; tr: Tr }) {
  return (
    <Table
      rowKey="code"
      size="small"
      dataSource={o.byProblem as PlanOverview['byProblem'][number][]}
      pagination={o.byProblem.length > 20 ? { pageSize: 20 } : false}
      columns={[
        { title: tr('编号', 'Code'), dataIndex: 'code' },
        { title: tr('问题', 'Problem'), dataIndex: 'title' },
        { title: tr('整改类型', 'Track'), dataIndex: 'track', render: (t) => trackLabel(tr, t) },
        { title: tr('措施', 'Measures'), dataIndex: 'measures', align: 'right' },
        { title: tr('已销号', 'Signed off'), dataIndex: 'signedOff', align: 'right' },
        { title: tr('逾期', 'Overdue'), dataIndex: 'overdue', align: 'right' },
      ]}
    />
  );
}

// 亮灯: open measures per lead unit and light, the plan's totals in the last row.
function LightTable({ o, tr }: { o: PlanOverview; tr: Tr }) {
  if (!o.lightsByUnit.length) return <Empty description={tr('没有推进中的措施', 'No open measures')} />;
  const total = Object.fromEntries(o.byLight.map((l) => [l.light, l.measures])) as Record<
    MeasureLight,
    number
  >;
  const rows = [...o.lightsByUnit, { unit: '', name: tr('合计', 'Total'), ...total }];
  return (
    <Table
      rowKey="unit"
      size="small"
      dataSource={rows}
      pagination={false}
      columns={[
        { title: tr('牵头单位', 'Lead unit'), dataIndex: 'name' },
        ...MEASURE_LIGHTS.map((l) => ({
          title: lightLabel(tr, l),
          dataIndex: l,
          align: 'right' as const,
        })),
      ]}
    />
  );
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

// Bars side by side per category, each labelled with its value.
function groupedBars(categories: string[], series: { name: string; data: number[] }[]): EChartsOption {
  return {
    color: PALETTE,
    tooltip: {},
    legend: { top: 0 },
    grid: GRID,
    xAxis: { type: 'category', data: categories },
    yAxis: { type: 'value', minInterval: 1 },
    series: series.map((x) => ({
      ...x,
      type: 'bar' as const,
      label: { show: true, position: 'top' as const },
    })),
  };
}
