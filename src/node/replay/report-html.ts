import { createHash } from 'node:crypto';
import { DIVERGENCE_LABEL, type ReplayResult, type StepResult } from './step-result.js';

/** `text` safe inside HTML text and quoted attributes. */
export function escapeHtml(text: unknown): string {
  return String(text).replace(
    /[&<>"'`]/g,
    (c) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' })[c]!,
  );
}

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d1d1f;background:#f5f5f7}
header{padding:16px 24px;background:#fff;border-bottom:1px solid #ddd}
h1{font-size:20px;margin:0 0 4px}.meta{color:#555;margin:0}
.counts span{display:inline-block;margin:8px 8px 0 0;padding:2px 10px;border-radius:10px;background:#eee}
main{padding:16px 24px;display:grid;gap:16px}
.step{background:#fff;border:1px solid #ddd;border-left:6px solid #2e7d32;border-radius:6px;padding:12px 16px}
.step.diverged{border-left-color:#c62828;background:#fff5f5}.step.skipped{border-left-color:#999}
.step h2{font-size:15px;margin:0 0 6px}.badge{font-size:12px;padding:1px 8px;border-radius:8px;margin-right:6px;color:#fff;background:#2e7d32}
.diverged .badge{background:#c62828}.skipped .badge{background:#777}
.why{font-weight:600;color:#c62828}.url,.detail{margin:2px 0;color:#444;word-break:break-all}
ul.log{margin:6px 0;padding-left:18px;color:#8a1c1c;font-family:ui-monospace,monospace;font-size:12px}
img{display:block;max-width:100%;max-height:420px;margin-top:8px;border:1px solid #ccc}`;

const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

/** The report page's Content-Security-Policy: no script at all, images from the report's folder. */
export const REPORT_CSP = `default-src 'none'; img-src 'self' data:; style-src 'sha256-${STYLE_HASH}'; base-uri 'none'; form-action 'none'`;

function stepHtml(s: StepResult): string {
  const why = s.reason ? `<p class="why">${escapeHtml(DIVERGENCE_LABEL[s.reason])}</p>` : '';
  const log = (title: string, lines: string[]) =>
    lines.length
      ? `<p class="detail">${title}</p><ul class="log">${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`
      : '';
  const img = s.screenshot
    ? `<img src="${escapeHtml(encodeURIComponent(s.screenshot))}" alt="Screenshot after step ${s.n}">`
    : '';
  return `<section class="step ${escapeHtml(s.status)}" id="step-${s.n}">
<h2><span class="badge">${escapeHtml(s.status)}</span>${s.n}. ${escapeHtml(s.action)}</h2>
${why}<p class="detail">${escapeHtml(s.detail)}</p><p class="url">${escapeHtml(s.url)}</p>
${log('Uncaught errors', s.errors)}${log('Console errors', s.console)}${img}
</section>`;
}

/**
 * The replay report: a self-contained page that works offline (screenshots are files next to
 * it), with the steps in order and the divergences highlighted. Every text that comes from the
 * session or the replayed page is escaped, and the page's CSP allows no script at all.
 */
export function reportHtml(r: ReplayResult): string {
  const started = Number.isFinite(r.startedAt) ? new Date(r.startedAt).toISOString() : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(REPORT_CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>parcours replay · ${escapeHtml(r.sid)}</title>
<style>${STYLE}</style></head><body>
<header><h1>Replay of session ${escapeHtml(r.sid)}</h1>
<p class="meta">recorded ${escapeHtml(started)} · viewport ${escapeHtml(r.viewport.w)}×${escapeHtml(r.viewport.h)} · replayed against ${escapeHtml(r.baseUrl)}</p>
<p class="counts"><span>${r.steps.length} steps</span><span>${r.passed} passed</span><span>${r.diverged} diverged</span><span>${r.skipped} skipped</span></p></header>
<main>
${r.steps.map(stepHtml).join('\n')}
</main></body></html>
`;
}
