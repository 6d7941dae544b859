import { Col, Row, Typography } from 'antd';
import ReactECharts from 'echarts-for-react';
import { useI18n } from '../../i18n/i18n';
import { formatInstant } from './measure-commands';
import type { Indicator, MeasureEvent, Milestone } from './measure-detail.api';

interface Point {
  readonly at: string;
  readonly value: number;
}

// The values reported for each indicator over time: progress reports carry the values given, a
// completion claim the indicators as claimed.
export function reportedValues(events: readonly MeasureEvent[]): Map<string, Point[]> {
  const byCode = new Map<string, Point[]>();
  for (const e of events) {
    if (e.kind !== 'progress_reported' && e.kind !== 'completion_claimed') continue;
    const list = (e.detail.indicators ?? []) as { code: string; current?: number }[];
    for (const i of list) {
      if (typeof i.current !== 'number') continue;
      const points = byCode.get(i.code) ?? [];
      points.push({ at: e.occurredAt, value: i.current });
      byCode.set(i.code, points);
    }
  }
  for (const points of byCode.values()) points.sort((a, b) => a.at.localeCompare(b.at));
  return byCode;
}

export function IndicatorCharts(props: {
  indicators: readonly Indicator[];
  milestones: readonly Milestone[];
  events: readonly MeasureEvent[];
  timeZone?: string;
}) {
  const { tr } = useI18n();
  const values = reportedValues(props.events);
  if (!props.indicators.length && !props.milestones.length)
    return (
      <Typography.Paragraph>{tr('本措施未设指标和节点', 'No indicators or milestones')}</Typography.Paragraph>
    );
  return (
    <>
      <Row gutter={[16, 16]}>
        {props.indicators.map((ind) => (
          <Col key={ind.code} xs={24} lg={12}>
            <IndicatorChart indicator={ind} points={values.get(ind.code) ?? []} timeZone={props.timeZone} />
          </Col>
        ))}
      </Row>
      {props.milestones.length > 0 && (
        <>
          <Typography.Title level={5}>{tr('节点', 'Milestones')}</Typography.Title>
          <ul>
            {props.milestones.map((m) => (
              <li key={m.code}>
                {m.code} {m.title} · {tr('期限', 'due')} {formatInstant(m.dueAt, props.timeZone)} ·{' '}
                {m.reachedAt
                  ? `${tr('已完成', 'reached')} ${formatInstant(m.reachedAt, props.timeZone)}`
                  : tr('未完成', 'not reached')}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function IndicatorChart(props: { indicator: Indicator; points: readonly Point[]; timeZone?: string }) {
  const { tr } = useI18n();
  const ind = props.indicator;
  const last = props.points.at(-1);
  const current = last?.value ?? ind.current ?? ind.baseline;
  const share = current !== undefined && ind.target ? Math.round((current / ind.target) * 100) : null;
  // What the chart shows, in words: its text alternative.
  const summary = `${ind.name}：${tr('目标', 'target')} ${ind.target} ${ind.unit}，${tr('最新', 'latest')} ${
    current ?? '—'
  } ${ind.unit}${share !== null ? `（${share}%）` : ''}`;
  const reported = tr('上报值', 'Reported');
  const option = {
    animation: false,
    title: { text: `${ind.name}（${ind.unit}）`, textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis' },
    legend: { data: [reported], top: 0, right: 0 },
    grid: { left: 60, right: 24, top: 56, bottom: 32 },
    xAxis: { type: 'time' },
    yAxis: {
      type: 'value',
      min: 0,
      max: (extent: { max: number }) => Math.ceil(Math.max(extent.max, ind.target) * 1.1),
    },
    series: [
      {
        name: reported,
        type: 'line',
        data: props.points.map((p) => [p.at, p.value]),
        markLine: {
          symbol: 'none',
          lineStyle: { type: 'dashed', color: '#b71c1c' },
          label: { formatter: `${tr('目标', 'Target')} ${ind.target}`, position: 'insideEndTop' },
          data: [{ yAxis: ind.target }],
        },
      },
    ],
  };
  return (
    <figure style={{ margin: 0 }}>
      <div role="img" aria-label={summary}>
        <ReactECharts option={option} style={{ height: 240 }} notMerge />
      </div>
      <figcaption>{summary}</figcaption>
      {props.points.length > 0 && (
        <details>
          <summary>{tr('上报记录', 'Reported values')}</summary>
          <table>
            <thead>
              <tr>
                <th scope="col">{tr('时间', 'When')}</th>
                <th scope="col">{tr('数值', 'Value')}</th>
              </tr>
            </thead>
            <tbody>
              {props.points.map((p, i) => (
                <tr key={i}>
                  <td>{formatInstant(p.at, props.timeZone)}</td>
                  <td>{p.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </figure>
  );
}
