// The page sections about the journey: funnels and navigation errors.
import { barChart } from './charts.js';
import type { Bar } from './charts.js';
import {
  CLICK_KINDS,
  deviceSplit,
  duration,
  funnelViews,
  pct,
  ratio,
  topNav,
  total,
} from './derive.js';
import { h3, section, table } from './html-kit.js';
import type { Cell } from './html-kit.js';
import type { NavRow, ReportData } from './types.js';

const TOP = 15;

/** Section 1: conversion and drop-off per step, median time between steps, skipped steps. */
export function funnelsSection(data: ReportData): string {
  const devices = deviceSplit(data);
  const parts: string[] = [];
  for (const [funnel, steps] of funnelViews(data, 'all')) {
    const bars: Bar[] = [];
    for (const device of devices) {
      for (const s of funnelViews(data, device).get(funnel) ?? []) {
        bars.push({ group: `${s.index + 1}. ${s.step}`, series: device, value: s.conversion ?? 0 });
      }
    }
    parts.push(
      h3(`Funnel ${funnel}`),
      barChart(bars, {
        label: 'Sessions reaching the step, of those that entered the funnel',
        percent: true,
        title: `Funnel ${funnel}: conversion per step`,
      }),
      table(
        [
          '#',
          'step',
          'sessions',
          'conversion',
          ...devices.filter((d) => d !== 'all').map((d) => `conversion ${d}`),
          'drop-off to next',
          'median time from previous',
          'skipped',
        ],
        steps.map((s) => [
          String(s.index + 1),
          s.step,
          s.sessions,
          pct(s.conversion),
          ...devices
            .filter((d) => d !== 'all')
            .map((d) =>
              pct(
                funnelViews(data, d)
                  .get(funnel)
                  ?.find((x) => x.step === s.step)?.conversion,
              ),
            ),
          pct(s.dropOff),
          duration(s.medianMs),
          s.skipped,
        ]),
        'No step reached.',
      ),
    );
  }
  if (!parts.length) parts.push(table([], [], 'No funnel_step events in this range.'));
  return section(
    'funnels',
    'Funnels',
    'Sessions reaching each step (repeats not counted), conversion of the sessions that entered the funnel, drop-off to the next, and how often a step was skipped.',
    parts.join('\n'),
  );
}

/** Section 2: misclicks, frustration per page and element, and at which funnel step. */
export function navigationSection(data: ReportData): string {
  const devices = deviceSplit(data);
  const pages = topNav(data.pages, 'all', 8);
  const bars: Bar[] = pages.flatMap((p) =>
    devices.map((device) => {
      const row = data.pages.find((r) => r.path === p.path && r.device === device);
      return {
        group: p.path || '/',
        series: device,
        value: row ? (ratio(row.misclicks, row.clicks) ?? 0) : 0,
      };
    }),
  );
  const others = devices.filter((d) => d !== 'all');
  // The misclick rate of the same page or element on each device class.
  const rateOn = (rows: NavRow[], r: NavRow, device: string): string => {
    const row = rows.find(
      (x) => x.path === r.path && x.selector === r.selector && x.device === device,
    );
    return row ? pct(ratio(row.misclicks, row.clicks)) : '–';
  };
  const pageRows: Cell[][] = topNav(data.pages, 'all', TOP).map((r) => [
    { code: r.path },
    r.clicks,
    r.misclicks,
    pct(ratio(r.misclicks, r.clicks)),
    ...others.map((d) => rateOn(data.pages, r, d)),
    ...CLICK_KINDS.map((k) => r.frustration[k] ?? 0),
    r.frustration.u_turn ?? 0,
    r.frustration.quick_back ?? 0,
  ]);
  const elementRows: Cell[][] = topNav(data.elements, 'all', TOP).map((r) => [
    { code: r.path },
    { code: r.selector },
    r.text,
    r.clicks,
    r.misclicks,
    pct(ratio(r.misclicks, r.clicks)),
    ...others.map((d) => rateOn(data.elements, r, d)),
    r.meant ? `${r.meant.text || r.meant.selector} (${r.meant.count}×)` : '',
    ...CLICK_KINDS.map((k) => r.frustration[k] ?? 0),
  ]);
  const stepRows: Cell[][] = data.steps
    .filter((s) => s.device === 'all')
    .sort((a, b) => b.misclicks + total(b.frustration) - (a.misclicks + total(a.frustration)))
    .slice(0, TOP)
    .map((s) => [
      s.funnelStep,
      s.misclicks,
      ...CLICK_KINDS.map((k) => s.frustration[k] ?? 0),
      s.frustration.u_turn ?? 0,
      s.frustration.quick_back ?? 0,
    ]);
  const kinds = ['rage', 'dead', 'slow', 'error', 'blocked'];
  return section(
    'navigation',
    'Navigation errors',
    'Misclicks (confidence ≥ 0.65) over click events, per page and per element, with the control the visitor meant instead; rage, dead, slow, error and blocked clicks; u-turns and quick backs.',
    [
      barChart(bars, {
        label: 'Misclick rate (misclicks / clicks)',
        percent: true,
        title: 'Misclick rate per page',
      }),
      h3('Pages'),
      table(
        [
          'page',
          'clicks',
          'misclicks',
          'misclick rate',
          ...others.map((d) => `rate ${d}`),
          ...kinds,
          'u-turns',
          'quick backs',
        ],
        pageRows,
        'No misclick or frustration signal.',
      ),
      h3('Elements'),
      table(
        [
          'page',
          'element',
          'text',
          'clicks',
          'misclicks',
          'misclick rate',
          ...others.map((d) => `rate ${d}`),
          'meant instead',
          ...kinds,
        ],
        elementRows,
        'No misclick or frustration signal on an element.',
      ),
      h3('At which funnel step'),
      table(
        ['step', 'misclicks', ...kinds, 'u-turns', 'quick backs'],
        stepRows,
        'No signal carried a funnel step.',
      ),
    ].join('\n'),
  );
}
