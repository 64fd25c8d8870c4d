// The page sections about what pages do: load times, reassurance and landings.
import { barChart } from './charts.js';
import type { Bar } from './charts.js';
import {
  deviceSplit,
  duration,
  exitRates,
  GOOD,
  METRICS,
  metricValue,
  pct,
  ratio,
} from './derive.js';
import { h3, section, table } from './html-kit.js';
import type { Cell } from './html-kit.js';
import type { ReportData } from './types.js';

/** Section 3: p75 Web Vitals per page and device class, with attribution; SPA routes. */
export function vitalsSection(data: ReportData): string {
  const devices = deviceSplit(data);
  const parts: string[] = [];
  for (const metric of ['LCP', 'INP'] as const) {
    const pages = data.vitals
      .filter((v) => v.metric === metric && v.device === 'all')
      .sort((a, b) => b.p75 - a.p75)
      .slice(0, 8);
    const bars = pages.flatMap((p) =>
      devices.flatMap((device) => {
        const v = data.vitals.find(
          (r) => r.metric === metric && r.path === p.path && r.device === device,
        );
        return v ? [{ group: p.path || '/', series: device, value: v.p75 }] : [];
      }),
    );
    parts.push(
      barChart(bars, {
        label: `p75 ${metric} (ms); dashed: good ≤ ${GOOD[metric]} ms`,
        rule: GOOD[metric],
        title: `p75 ${metric} per page`,
      }),
    );
  }
  const others = devices.filter((d) => d !== 'all');
  const p75 = (path: string, metric: string, device: string): string => {
    const v = data.vitals.find(
      (r) => r.path === path && r.metric === metric && r.device === device,
    );
    return v ? metricValue(metric, v.p75) : '–';
  };
  const rows: Cell[][] = data.vitals
    .filter((v) => (METRICS as readonly string[]).includes(v.metric) && v.device === 'all')
    .sort(
      (a, b) =>
        a.path.localeCompare(b.path) ||
        METRICS.indexOf(a.metric as never) - METRICS.indexOf(b.metric as never),
    )
    .slice(0, 200)
    .map((v) => [
      { code: v.path },
      v.metric,
      v.n,
      metricValue(v.metric, v.p75),
      ...others.map((d) => p75(v.path, v.metric, d)),
      pct(ratio(v.poor, v.n)),
      v.target ? { code: `${v.target.target} (${v.target.count}×)` } : '',
    ]);
  const routes: Cell[][] = data.routes
    .filter((r) => devices.includes(r.device))
    .sort((a, b) => b.p75 - a.p75)
    .slice(0, 50)
    .map((r) => [{ code: r.path }, r.device, r.n, duration(r.median), duration(r.p75)]);
  parts.push(
    h3('Per page'),
    table(
      [
        'page',
        'metric',
        'values',
        'p75',
        ...others.map((d) => `p75 ${d}`),
        'poor',
        'what to fix (attribution target)',
      ],
      rows,
      'No vital events.',
    ),
    h3('SPA routes'),
    table(['route', 'device', 'changes', 'median', 'p75'], routes, 'No SPA route timing.'),
  );
  return section(
    'vitals',
    'Load times',
    'p75 of LCP, INP, CLS and TTFB (the last value per metric id), the element most often behind values not rated good, and SPA route timings.',
    parts.join('\n'),
  );
}

/** Section 4: reassurance kinds present and seen, and conversion with vs without them. */
export function reassuranceSection(data: ReportData): string {
  const conversion = data.conversion
    .filter((r) => r.device === 'all')
    .sort(
      (a, b) =>
        a.funnel.localeCompare(b.funnel) ||
        a.step.localeCompare(b.step) ||
        a.kind.localeCompare(b.kind),
    );
  const bars: Bar[] = conversion.slice(0, 10).flatMap((r) => [
    { group: `${r.step}: ${r.kind}`, series: 'seen', value: ratio(r.seenConverted, r.seen) ?? 0 },
    {
      group: `${r.step}: ${r.kind}`,
      series: 'not seen',
      value: ratio(r.unseenConverted, r.unseen) ?? 0,
    },
  ]);
  const presence: Cell[][] = data.presence
    .filter((r) => r.device === 'all')
    .sort((a, b) => a.pageType.localeCompare(b.pageType) || a.kind.localeCompare(b.kind))
    .map((r) => [
      r.pageType,
      r.kind,
      r.pages,
      pct(ratio(r.present, r.pages)),
      pct(ratio(r.visible, r.pages)),
      pct(ratio(r.aboveFold, r.pages)),
    ]);
  const rows: Cell[][] = conversion.map((r) => [
    r.funnel,
    r.step,
    r.kind,
    r.seen,
    pct(ratio(r.seenConverted, r.seen)),
    r.unseen,
    pct(ratio(r.unseenConverted, r.unseen)),
  ]);
  return section(
    'reassurance',
    'Reassurance',
    'Which reassurance kinds (returns, delivery, secure payment, reviews…) were on the page and seen, and the conversion of sessions that had seen each one when reaching a step vs those that had not.',
    [
      barChart(bars, {
        label: 'Conversion (reached the last step)',
        percent: true,
        title: 'Conversion with vs without having seen reassurance',
      }),
      h3('Present and seen, per page type'),
      table(
        ['page type', 'kind', 'pages', 'present', 'visible', 'above the fold'],
        presence,
        'No reassurance events.',
      ),
      h3('Conversion with vs without'),
      table(
        [
          'funnel',
          'step',
          'kind',
          'sessions seen',
          'conversion seen',
          'sessions not seen',
          'conversion not seen',
        ],
        rows,
        'No funnel step carried reassuranceSeen / reassuranceUnseen.',
      ),
    ].join('\n'),
  );
}

/** Section 5: landing consistency per campaign, mismatches, quick exits mismatched vs matched. */
export function landingSection(data: ReportData): string {
  const campaigns = data.campaigns
    .filter((r) => r.device === 'all')
    .sort((a, b) => b.landings - a.landings)
    .slice(0, 30);
  const bars: Bar[] = campaigns.slice(0, 8).flatMap((r) => {
    const rates = exitRates(r);
    return [
      { group: r.campaign, series: 'mismatched', value: rates.mismatched ?? 0 },
      { group: r.campaign, series: 'matched', value: rates.matched ?? 0 },
    ];
  });
  const rows: Cell[][] = campaigns.map((r) => {
    const rates = exitRates(r);
    return [
      r.campaign,
      r.landings,
      r.meanScore.toFixed(0),
      r.mismatched,
      pct(rates.mismatched),
      r.matched,
      pct(rates.matched),
      r.mismatches
        .slice(0, 3)
        .map((m) => `${m.id} (${m.count})`)
        .join(', '),
    ];
  });
  return section(
    'landing',
    'Landing pages',
    'Consistency score (0–100) of each campaign’s landings with the ad that brought them, the checks that failed, and the quick-exit rate of mismatched landings vs matched ones.',
    [
      barChart(bars, {
        label: 'Quick-exit rate',
        percent: true,
        title: 'Quick exits of mismatched vs matched landings',
      }),
      table(
        [
          'campaign',
          'landings',
          'mean score',
          'mismatched',
          'quick exits',
          'matched',
          'quick exits',
          'top mismatches',
        ],
        rows,
        'No landing_check events.',
      ),
    ].join('\n'),
  );
}
