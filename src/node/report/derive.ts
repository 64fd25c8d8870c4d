// Figures computed from the rows, shared by the HTML page and the terminal summary.
import type { CampaignRow, FunnelStepRow, NavRow, ReportData } from './types.js';

/** `part / whole`, or null when there is no whole. */
export const ratio = (part: number, whole: number): number | null =>
  whole > 0 ? part / whole : null;

/** A funnel step with its conversion figures. */
export interface FunnelStepView extends FunnelStepRow {
  /** Sessions here / sessions that entered the funnel (at any step). */
  conversion: number | null;
  /** 1 − sessions at the next step / sessions here; null on the last step. */
  dropOff: number | null;
}

/** Each funnel's steps for one device, in step order, with conversion and drop-off. */
export function funnelViews(data: ReportData, device: string): Map<string, FunnelStepView[]> {
  const byFunnel = new Map<string, FunnelStepRow[]>();
  for (const row of data.funnels) {
    if (row.device !== device) continue;
    const list = byFunnel.get(row.funnel) ?? [];
    list.push(row);
    byFunnel.set(row.funnel, list);
  }
  const views = new Map<string, FunnelStepView[]>();
  for (const [funnel, rows] of byFunnel) {
    rows.sort((a, b) => a.index - b.index);
    // Sessions enter a funnel at its first step, or later when they skip it.
    const base = rows.reduce((n, r) => n + r.entered, 0) || (rows[0]?.sessions ?? 0);
    views.set(
      funnel,
      rows.map((row, i) => {
        const next = rows[i + 1];
        const step = next ? ratio(next.sessions, row.sessions) : null;
        return {
          ...row,
          conversion: ratio(row.sessions, base),
          dropOff: step === null ? null : 1 - step,
        };
      }),
    );
  }
  return views;
}

/** Sum of a kind-count record. */
export const total = (counts: Record<string, number>): number =>
  Object.values(counts).reduce((a, b) => a + b, 0);

/** Frustration kinds that are about clicks on an element. */
export const CLICK_KINDS = [
  'rage_click',
  'dead_click',
  'slow_click',
  'error_click',
  'blocked_click',
] as const;

/** Navigation rows of one device with the most signals first. */
export function topNav(rows: readonly NavRow[], device: string, limit: number): NavRow[] {
  return rows
    .filter((r) => r.device === device && r.misclicks + total(r.frustration) > 0)
    .sort(
      (a, b) =>
        b.misclicks + total(b.frustration) - (a.misclicks + total(a.frustration)) ||
        a.path.localeCompare(b.path),
    )
    .slice(0, limit);
}

/** Quick-exit rates of mismatched and matched landings. */
export function exitRates(row: CampaignRow): { mismatched: number | null; matched: number | null } {
  return {
    mismatched: ratio(row.mismatchedQuickExits, row.mismatched),
    matched: ratio(row.matchedQuickExits, row.matched),
  };
}

/** The device keys to split by: each class present, or only `all` when there is one class. */
export function deviceSplit(data: ReportData): string[] {
  return data.totals.devices.length > 1 ? ['all', ...data.totals.devices] : ['all'];
}

/** A 0–1 rate as `12.3 %`, `–` when unknown. */
export const pct = (value: number | null | undefined): string =>
  value === null || value === undefined || Number.isNaN(value)
    ? '–'
    : `${(value * 100).toFixed(1)} %`;

/** A metric value: ms rounded, CLS to 3 decimals. */
export const metricValue = (metric: string, value: number): string =>
  Number.isNaN(value) ? '–' : metric === 'CLS' ? value.toFixed(3) : `${Math.round(value)} ms`;

/** Milliseconds as `850 ms`, `12.4 s`, `3.2 min`. */
export function duration(ms: number | null): string {
  if (ms === null || Number.isNaN(ms)) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}

/** The "good" thresholds of Core Web Vitals (web.dev), in each metric's unit. */
export const GOOD: Record<string, number> = { LCP: 2500, INP: 200, CLS: 0.1, FCP: 1800, TTFB: 800 };

/** The metrics a report shows, in order. */
export const METRICS = ['LCP', 'INP', 'CLS', 'TTFB'] as const;
