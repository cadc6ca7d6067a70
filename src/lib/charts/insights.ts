/**
 * The insights charts, drawn at build with Observable Plot in Node (linkedom stands in for the
 * DOM) and inlined as static SVG: no chart JavaScript on the page, and no browser needed to
 * build them. Mermaid's `xychart-beta` was the other candidate: it cannot stack bars (counts by
 * severity, shares of causes), and it writes colours into the SVG per render, so the dark theme
 * would need a second rendering of every chart in Chromium. Plot writes axes and labels in
 * `currentColor` and takes CSS variables as colours, so one SVG follows the page's light, dark and
 * print styles (the palettes are `--chart-*` in src/styles/global.css).
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

/** Laid out at this width; the SVG scales with the content column (see InsightsChart.astro). */
export const CHART_WIDTH = 640;
const FONT_SIZE = '13px';

let document: Document | undefined;
const dom = () => (document ??= parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document);

/** One stacked series: its key, the label a reader sees, and the CSS colour (a `var(--chart-…)`). */
export interface Series {
  key: string;
  label: string;
  color: string;
}

export interface ChartText {
  /** The accessible name of the chart (its `<title>` and `aria-label`). */
  title: string;
}

/** What every insights chart shares: the DOM, the layout width, the font size. */
const frame = (height: number, marginLeft: number) => ({ document: dom(), width: CHART_WIDTH, height, marginLeft, style: { fontSize: FONT_SIZE } });

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Serialises a Plot chart as an image with an accessible name (the table beside it has the numbers). */
function svgOf(chart: Element, text: ChartText): string {
  chart.setAttribute('role', 'img');
  chart.setAttribute('aria-label', text.title);
  chart.setAttribute('focusable', 'false');
  chart.removeAttribute('aria-description');
  // Plot labels its groups (`aria-label="bar"`); inside an image they are noise, and ARIA forbids
  // a name on an element without a role.
  for (const child of chart.querySelectorAll('[aria-label], [aria-description]')) {
    child.removeAttribute('aria-label');
    child.removeAttribute('aria-description');
  }
  return chart.outerHTML.replace(/^<svg\b([^>]*)>/, `<svg$1><title>${escapeXml(text.title)}</title>`);
}

/** Integer ticks for counts (no "0.5 incidents"). */
const countAxis = (max: number, label: string) => ({ label, grid: true, ticks: Math.max(1, Math.min(5, max)), tickFormat: 'd' as const });

export interface StackedRow {
  /** The bar (a period). */
  x: string;
  /** The series within it. */
  key: string;
  count: number;
}

/**
 * Stacked bars of counts per period (`share`: each bar scaled to 100 %). Bars are in the order of
 * `periods`, segments in the order of `series`.
 */
export function stackedBars(rows: readonly StackedRow[], periods: readonly string[], series: readonly Series[], text: ChartText & { share?: boolean; yLabel: string }): string {
  const order = new Map(series.map((s, i) => [s.key, i]));
  const data = rows.filter((r) => r.count > 0 && order.has(r.key));
  const totals = new Map<string, number>();
  for (const r of data) totals.set(r.x, (totals.get(r.x) ?? 0) + r.count);
  const max = Math.max(1, ...totals.values());
  const label = new Map(series.map((s) => [s.key, s.label]));
  // Labels wider than their bar turn sideways (quarters like 2024-Q1 once there are many).
  const rotate = Math.max(0, ...periods.map((p) => p.length)) * 8 > CHART_WIDTH / Math.max(1, periods.length);
  const chart = Plot.plot({
    ...frame(260, 48),
    marginBottom: rotate ? 56 : 30,
    x: { label: null, domain: [...periods], tickRotate: rotate ? -45 : 0 },
    y: text.share ? { label: text.yLabel, grid: true, percent: true, domain: [0, 100] } : countAxis(max, text.yLabel),
    color: { domain: series.map((s) => s.key), range: series.map((s) => s.color) },
    marks: [
      Plot.barY(
        data,
        Plot.stackY({
          x: 'x',
          y: 'count',
          fill: 'key',
          order: (d: StackedRow) => order.get(d.key)!,
          offset: text.share ? 'normalize' : null,
          stroke: 'var(--chart-bg)',
          strokeWidth: 1,
          title: (d: StackedRow) => `${d.x}, ${label.get(d.key)}: ${d.count}${text.share ? ` of ${totals.get(d.x)}` : ''}`,
        }),
      ),
      Plot.ruleY([0]),
    ],
  });
  return svgOf(chart, text);
}

export interface SpreadPoint {
  period: string;
  /** `median` or `p90`. */
  stat: 'median' | 'p90';
  /** In the chart's unit (`yLabel`). */
  value: number;
}

/** Median and p90 per period as two lines with dots (periods without a figure are left out). */
export function spreadLines(points: readonly SpreadPoint[], periods: readonly string[], text: ChartText & { yLabel: string }): string {
  const chart = Plot.plot({
    ...frame(220, 56),
    x: { label: null, domain: [...periods], type: 'point', padding: 0.5 },
    y: { label: text.yLabel, grid: true, zero: true },
    color: { domain: ['median', 'p90'], range: ['var(--chart-median)', 'var(--chart-p90)'] },
    marks: [
      Plot.line(points, { filter: (d: SpreadPoint) => d.stat === 'median', x: 'period', y: 'value', stroke: 'stat', strokeWidth: 2 }),
      Plot.line(points, { filter: (d: SpreadPoint) => d.stat === 'p90', x: 'period', y: 'value', stroke: 'stat', strokeWidth: 2, strokeDasharray: '6 4' }),
      Plot.dot(points, { x: 'period', y: 'value', fill: 'stat', r: 4, symbol: (d: SpreadPoint) => (d.stat === 'p90' ? 'square' : 'circle'), title: (d: SpreadPoint) => `${d.period}, ${d.stat}: ${+d.value.toFixed(1)} ${text.yLabel}` }),
      Plot.ruleY([0]),
    ],
  });
  return svgOf(chart, text);
}

export interface BarRow {
  label: string;
  value: number;
}

/** Horizontal bars, one per row in the given order (top to bottom). */
export function horizontalBars(rows: readonly BarRow[], text: ChartText & { xLabel: string; color: string; integer?: boolean }): string {
  const longest = Math.max(4, ...rows.map((r) => r.label.length));
  const max = Math.max(1, ...rows.map((r) => r.value));
  const chart = Plot.plot({
    ...frame(40 + rows.length * 26, Math.min(240, 16 + longest * 7.5)),
    y: { label: null, domain: rows.map((r) => r.label) },
    x: text.integer ? { ...countAxis(max, text.xLabel), label: text.xLabel } : { label: text.xLabel, grid: true },
    marks: [Plot.barX(rows, { y: 'label', x: 'value', fill: text.color, title: (d: BarRow) => `${d.label}: ${d.value}` }), Plot.ruleX([0])],
  });
  return svgOf(chart, text);
}
