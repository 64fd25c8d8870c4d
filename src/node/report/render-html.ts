import { createHash } from 'node:crypto';
import { CHART_CSS } from './charts.js';
import { escapeHtml } from './html-kit.js';
import { funnelsSection, navigationSection } from './html-journey.js';
import { landingSection, reassuranceSection, vitalsSection } from './html-pages.js';
import type { ReportData } from './types.js';

const PAGE_CSS = `:root{color-scheme:light;font-family:system-ui,sans-serif;color:#1d2330}
body{margin:0 auto;max-width:1100px;padding:24px;line-height:1.4}
h1{margin:0 0 4px}h2{margin-top:40px;border-bottom:2px solid #e3e6ee;padding-bottom:4px}
.meta{color:#596173;margin:0}.intro{color:#596173;max-width:80ch}
nav a{margin-right:14px}
.scroll{overflow-x:auto}table{border-collapse:collapse;font-size:13px;margin:8px 0 20px}
th,td{border-bottom:1px solid #e3e6ee;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f5f6fa}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
code{font-size:12px;word-break:break-all}.empty{color:#8a90a0;font-style:italic}
${CHART_CSS}`;

const when = (ms: number | null): string =>
  ms === null ? '–' : new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/**
 * The report as one self-contained HTML page: no script at all, no request (charts are
 * inline SVG), one `<style>` allowed by its hash in the page's own Content-Security-Policy,
 * so it opens from `file://` and under the strictest policy, and event text stays text.
 */
export function renderHtml(data: ReportData, generatedAt = Date.now()): string {
  const hash = createHash('sha256').update(PAGE_CSS).digest('base64');
  // Built from constants only (the hash is base64), so it needs no escaping in the attribute.
  const csp = `default-src 'none'; style-src 'sha256-${hash}'; img-src data:; base-uri 'none'; form-action 'none'`;
  const t = data.totals;
  const range =
    data.range.from || data.range.to
      ? `${data.range.from ?? '…'} to ${data.range.to ?? '…'}`
      : 'all dates';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>parcours report</title>
<style>${PAGE_CSS}</style>
</head><body>
<header><h1>parcours report</h1>
<p class="meta">${escapeHtml(`${data.source} · ${range} · events ${when(data.range.first)} to ${when(data.range.last)} UTC`)}</p>
<p class="meta">${escapeHtml(
    `${t.events} events, ${t.sessions} sessions, devices: ${t.devices.join(', ') || '–'}; excluded: ${t.replays} replay, ${t.outOfRange} out of range, ${t.unreadable} unreadable · generated ${when(generatedAt)} UTC`,
  )}</p>
<nav><a href="#funnels">Funnels</a><a href="#navigation">Navigation errors</a><a href="#vitals">Load times</a><a href="#reassurance">Reassurance</a><a href="#landing">Landing pages</a></nav>
</header>
<main>
${funnelsSection(data)}
${navigationSection(data)}
${vitalsSection(data)}
${reassuranceSection(data)}
${landingSection(data)}
</main>
</body></html>
`;
}
