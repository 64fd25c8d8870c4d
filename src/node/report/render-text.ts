import {
  CLICK_KINDS,
  duration,
  exitRates,
  funnelViews,
  metricValue,
  pct,
  ratio,
  topNav,
  total,
} from './derive.js';
import type { ReportData } from './types.js';

const TOP = 5;
const WIDTH = 40;

/** Event text made safe for a terminal: control characters (escape sequences) shown as `?`. */
export const terminalText = (text: string): string =>
  // eslint-disable-next-line no-control-regex
  text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');

function clip(text: string, width = WIDTH): string {
  const safe = terminalText(text);
  return safe.length > width ? `${safe.slice(0, width - 1)}…` : safe;
}

/** A plain text table with aligned columns (numbers right-aligned). */
export function textTable(
  headers: readonly string[],
  rows: readonly (string | number)[][],
): string {
  const cells = [headers.map(String), ...rows.map((r) => r.map((c) => clip(String(c))))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i]?.length ?? 0)));
  const line = (r: string[]) =>
    r
      .map((c, i) =>
        /^[-–\d.,\s%]+(ms|s|min)?$/.test(c) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!),
      )
      .join('  ')
      .trimEnd();
  return [
    line(cells[0]!),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...cells.slice(1).map(line),
  ].join('\n');
}

const block = (title: string, body: string): string => `\n${title}\n${body || '  (none)'}\n`;

/** The terminal summary: the top findings of each section, all device classes together. */
export function renderText(data: ReportData): string {
  const t = data.totals;
  const out: string[] = [
    `parcours report: ${terminalText(data.source)}`,
    `${t.events} events, ${t.sessions} sessions (excluded: ${t.replays} replay, ${t.outOfRange} out of range, ${t.unreadable} unreadable)`,
  ];
  for (const [funnel, steps] of funnelViews(data, 'all')) {
    out.push(
      block(
        `Funnel ${clip(funnel)}`,
        textTable(
          ['step', 'sessions', 'conversion', 'drop-off', 'median gap', 'skipped'],
          steps.map((s) => [
            s.step,
            s.sessions,
            pct(s.conversion),
            pct(s.dropOff),
            duration(s.medianMs),
            s.skipped,
          ]),
        ),
      ),
    );
  }
  const elements = topNav(data.elements, 'all', TOP);
  out.push(
    block(
      'Elements with the most navigation errors',
      elements.length
        ? textTable(
            ['page', 'element', 'misclick rate', 'meant instead', 'rage/dead/slow/error'],
            elements.map((r) => [
              r.path,
              r.text || r.selector,
              `${pct(ratio(r.misclicks, r.clicks))} (${r.misclicks})`,
              r.meant ? r.meant.text || r.meant.selector : '',
              CLICK_KINDS.slice(0, 4)
                .map((k) => r.frustration[k] ?? 0)
                .join('/'),
            ]),
          )
        : '',
    ),
  );
  const vitals = data.vitals
    .filter((v) => v.device === 'all' && (v.metric === 'LCP' || v.metric === 'INP') && v.n > 0)
    .sort((a, b) => ratio(b.poor, b.n)! - ratio(a.poor, a.n)! || b.p75 - a.p75)
    .slice(0, TOP);
  out.push(
    block(
      'Slowest pages (p75)',
      vitals.length
        ? textTable(
            ['page', 'metric', 'p75', 'poor', 'fix first'],
            vitals.map((v) => [
              v.path,
              v.metric,
              metricValue(v.metric, v.p75),
              pct(ratio(v.poor, v.n)),
              v.target?.target ?? '',
            ]),
          )
        : '',
    ),
  );
  const conversion = data.conversion.filter((r) => r.device === 'all').slice(0, TOP);
  out.push(
    block(
      'Reassurance: conversion seen vs not seen',
      conversion.length
        ? textTable(
            ['step', 'kind', 'seen', 'not seen'],
            conversion.map((r) => [
              r.step,
              r.kind,
              pct(ratio(r.seenConverted, r.seen)),
              pct(ratio(r.unseenConverted, r.unseen)),
            ]),
          )
        : '',
    ),
  );
  const campaigns = data.campaigns
    .filter((r) => r.device === 'all')
    .sort((a, b) => b.landings - a.landings)
    .slice(0, TOP);
  out.push(
    block(
      'Landing pages: quick exits mismatched vs matched',
      campaigns.length
        ? textTable(
            ['campaign', 'landings', 'score', 'mismatched exits', 'matched exits'],
            campaigns.map((r) => [
              r.campaign,
              r.landings,
              r.meanScore.toFixed(0),
              pct(exitRates(r).mismatched),
              pct(exitRates(r).matched),
            ]),
          )
        : '',
    ),
  );
  const signals = data.pages
    .filter((p) => p.device === 'all')
    .reduce((n, p) => n + p.misclicks + total(p.frustration), 0);
  out.push(`${signals} navigation signals in all.`);
  return `${out.join('\n')}\n`;
}
