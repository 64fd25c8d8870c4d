import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

/** One bar of a {@link barChart}. */
export interface Bar {
  /** The group (one small chart row per group): a step, a page, a kind. */
  group: string;
  /** The bar within its group: a device class, `seen` / `not seen`. */
  series: string;
  value: number;
}

/** What a {@link barChart} draws. */
export interface BarChartOptions {
  /** The x axis label. */
  label: string;
  /** Values are 0–1 rates, shown as percentages. */
  percent?: boolean;
  /** A reference line (a "good" threshold), in the values' unit. */
  rule?: number;
  /** Accessible description of the chart. */
  title: string;
}

/** The class prefix of every chart element; the page's stylesheet styles them (charts.css). */
export const PLOT_CLASS = 'plot';

const SERIES_COLORS = ['#4269d0', '#efb118', '#ff725c', '#6cc5b0', '#3ca951', '#a463f2'];

/**
 * Removes what a strict CSP would block: Plot's `<style>` elements (the page's own
 * stylesheet carries the same rules for the fixed class prefix) and `style` attributes.
 */
function strictCsp(root: Element): void {
  for (const style of [...root.querySelectorAll('style')]) style.remove();
  if (root.hasAttribute('style')) root.removeAttribute('style');
  for (const el of [...root.querySelectorAll('[style]')]) el.removeAttribute('style');
}

/**
 * A horizontal grouped bar chart rendered by Observable Plot into static SVG, in Node,
 * with linkedom as its DOM. Text in the data (page paths, selectors) is set as text nodes
 * and escaped when serialised, so it can never become markup.
 *
 * @returns the chart's HTML (a `<figure>` with a legend and an `<svg>`), or '' for no bars.
 */
export function barChart(bars: readonly Bar[], options: BarChartOptions): string {
  if (!bars.length) return '';
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const series = [...new Set(bars.map((b) => b.series))];
  const groups = [...new Set(bars.map((b) => b.group))];
  const format = options.percent
    ? (v: number) => `${(v * 100).toFixed(1)} %`
    : (v: number) => `${Math.round(v * 1000) / 1000}`;
  const chart = Plot.plot({
    document: document as unknown as Document,
    className: PLOT_CLASS,
    width: 760,
    marginLeft: 200,
    marginRight: 70,
    height: Math.max(90, groups.length * (series.length * 16 + 14) + 50),
    ariaLabel: options.title,
    x: { label: options.label, percent: options.percent, grid: true, nice: true },
    y: { axis: null, domain: series },
    fy: {
      label: null,
      domain: groups,
      tickFormat: (g: string) => (g.length > 32 ? `${g.slice(0, 31)}…` : g),
    },
    color: { legend: series.length > 1, domain: series, range: SERIES_COLORS },
    marks: [
      Plot.barX(bars, {
        x: 'value',
        y: 'series',
        fy: 'group',
        fill: 'series',
        title: (b: Bar) => `${b.group} · ${b.series}: ${format(b.value)}`,
      }),
      Plot.text(bars, {
        x: 'value',
        y: 'series',
        fy: 'group',
        text: (b: Bar) => format(b.value),
        dx: 4,
        textAnchor: 'start',
        fontSize: 9,
      }),
      ...(options.rule === undefined
        ? []
        : [Plot.ruleX([options.rule], { stroke: '#3ca951', strokeDasharray: '4 3' })]),
      Plot.ruleX([0]),
    ],
  }) as unknown as Element;
  strictCsp(chart);
  return chart.outerHTML;
}

/** The rules Plot puts in each chart's `<style>`, for the fixed {@link PLOT_CLASS} prefix. */
export const CHART_CSS = `.plot{display:block;height:auto;max-width:100%;background:#fff}
.plot text,.plot tspan{white-space:pre}
.plot-figure{margin:0 0 1.5em}
.plot-swatches{font-family:system-ui,sans-serif;font-size:10px;margin-bottom:.5em}
.plot-swatches-wrap{display:flex;align-items:center;min-height:33px;flex-wrap:wrap}
.plot-swatch{display:inline-flex;align-items:center;margin-right:1em}
.plot-swatch>svg{margin-right:.5em;overflow:visible}`;
