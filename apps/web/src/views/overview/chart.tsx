import ReactECharts from 'echarts-for-react';
import type { EChartsOption } from 'echarts';

// A chart with its text alternative: screen readers read `summary` (the figures in words), since
// the canvas itself says nothing. No animation: the screen refreshes every 15 s, and bars that
// grow again each time would draw the eye to nothing.
export function Chart({
  summary,
  option,
  height = 260,
}: {
  summary: string;
  option: EChartsOption;
  height?: number;
}) {
  return (
    <div role="img" aria-label={summary}>
      <ReactECharts
        option={{ animation: false, ...option, series: withBarWidth(option.series) }}
        style={{ height }}
        notMerge
      />
    </div>
  );
}

// Dark enough to read on white, and told apart without relying on red and green alone.
export const PALETTE = ['#0b50b3', '#b71c1c', '#2e7d32', '#6a1b9a', '#e65100', '#37474f'];

// Bars stay bars when a chart has one or two categories (a plan's first week).
function withBarWidth(series: EChartsOption['series']): EChartsOption['series'] {
  const list = Array.isArray(series) ? series : series ? [series] : [];
  return list.map((s) => (s.type === 'bar' ? { barMaxWidth: 48, ...s } : s));
}
