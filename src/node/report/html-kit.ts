// The few HTML helpers of the report page. Every piece of event text goes through `escapeHtml`
// (or is set as a text node by Plot): the page is data, never markup from the events.

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** `text` safe inside an element or a quoted attribute. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** A table cell: plain text, or text shown as code (selectors, paths). */
export type Cell = string | number | { code: string };

function cell(value: Cell): string {
  if (typeof value === 'number') return `<td class="n">${escapeHtml(String(value))}</td>`;
  if (typeof value === 'object') return `<td><code>${escapeHtml(value.code)}</code></td>`;
  return /^[-–\d.,\s%]+(ms|s|min)?$/.test(value)
    ? `<td class="n">${escapeHtml(value)}</td>`
    : `<td>${escapeHtml(value)}</td>`;
}

/** A table, or a "nothing recorded" note when there are no rows. */
export function table(headers: readonly string[], rows: readonly Cell[][], empty: string): string {
  if (!rows.length) return `<p class="empty">${escapeHtml(empty)}</p>`;
  const head = headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('\n');
  return `<div class="scroll"><table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}

/** A section of the page with its heading and an explanation. */
export function section(id: string, title: string, intro: string, body: string): string {
  return `<section id="${escapeHtml(id)}"><h2>${escapeHtml(title)}</h2><p class="intro">${escapeHtml(intro)}</p>\n${body}\n</section>`;
}

/** A sub-heading. */
export const h3 = (text: string): string => `<h3>${escapeHtml(text)}</h3>`;
