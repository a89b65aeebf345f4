import { useEffect, useRef } from 'react';
import * as echarts from 'echarts';
import { formatNumber } from '../lib/format';

type Axis = { type?: string; axisLabel?: { formatter?: unknown } & Record<string, unknown> } & Record<string, unknown>;
type Series = { label?: { show?: boolean; formatter?: unknown } & Record<string, unknown> } & Record<string, unknown>;

const last = (v: unknown): unknown => (Array.isArray(v) ? v[v.length - 1] : v);
const number = (v: unknown) => (typeof v === 'number' ? formatNumber(v, 2) : String(v ?? ''));

/**
 * The option with Vietnamese numbers wherever the chart writes one itself: value axes ("2.100"), shown
 * series labels and heat-map cells ("5,7"), tooltips, month categories ("11/2026"). A formatter the page
 * set is kept. The legend stays on one line.
 */
export function vietnameseNumbers(option: echarts.EChartsOption): echarts.EChartsOption {
  const axes = (a: unknown) => {
    if (!a) return a;
    const one = (x: Axis) =>
      x.type === 'category' || x.type === 'time' || x.axisLabel?.formatter
        ? x
        : { ...x, axisLabel: { ...x.axisLabel, formatter: (v: number) => number(v) } };
    return Array.isArray(a) ? a.map(one) : one(a as Axis);
  };
  const series = (s: unknown) => {
    if (!s) return s;
    const one = (x: Series) =>
      x.label?.show && !x.label.formatter
        ? { ...x, label: { ...x.label, formatter: (p: { value: unknown }) => number(last(p.value)) } }
        : x;
    return Array.isArray(s) ? s.map(one) : one(s as Series);
  };
  const tooltip = option.tooltip as Record<string, unknown> | undefined;
  const legend = option.legend as Record<string, unknown> | undefined;
  return {
    ...option,
    // One line of legend that pages with arrows when it does not fit (a phone): never wrapped over the axis.
    ...(legend && !Array.isArray(legend) ? { legend: { type: 'scroll', ...legend } } : {}),
    xAxis: axes(option.xAxis) as echarts.EChartsOption['xAxis'],
    yAxis: axes(option.yAxis) as echarts.EChartsOption['yAxis'],
    series: series(option.series) as echarts.EChartsOption['series'],
    ...(tooltip && !tooltip.valueFormatter && !tooltip.formatter
      ? { tooltip: { ...tooltip, valueFormatter: (v: unknown) => number(last(v)) } }
      : {}),
  };
}

/** An ECharts chart that follows its container's size. Animation is off so screenshots are stable. */
export function Chart({ option, height = 320 }: { option: echarts.EChartsOption; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!ref.current) return;
    chart.current = echarts.init(ref.current, undefined, { renderer: 'canvas' });
    const ro = new ResizeObserver(() => chart.current?.resize());
    ro.observe(ref.current);
    return () => {
      ro.disconnect();
      chart.current?.dispose();
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(
      { animation: false, textStyle: { fontFamily: 'Segoe UI, Roboto, Arial, sans-serif' }, ...vietnameseNumbers(option) },
      true,
    );
  }, [option]);
  return <div ref={ref} style={{ width: '100%', height }} />;
}
