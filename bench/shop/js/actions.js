// Handlers with knobs: `ok` calls the shop API and updates the UI when it answers; `broken` has
// no handler; `slow` is `ok` with 4 s latency by default; `throws` raises a TypeError and leaves
// the UI unchanged. With feedback on, the control shows a spinner and `aria-busy` meanwhile.
import { delayOf, feedbackOf, knob, mode, statusOf } from './knobs.js';
import { $ } from './dom.js';

/** Calls the shop API for component `name`; resolves to the Response. */
export const api = (name) =>
  fetch(`/api/${name}?delay=${delayOf(name)}&status=${statusOf(name)}`, { method: 'POST' });

/** Shows `text` in the page's status region (the toast). */
export function toast(text) {
  const t = $('toast');
  if (!t) return;
  t.textContent = text;
  t.hidden = false;
  clearTimeout(toast._t);
  toast._t = setTimeout(() => (t.hidden = true), 2500);
}

/** Adds `n` to the header cart badge. */
export function bumpCart(n = 1) {
  const b = $('cart-badge');
  if (b) b.textContent = String(Number(b.textContent || 0) + n);
}

/**
 * Binds the click handler of component `name` on `el`: `done(res)` runs once the request
 * succeeds; on failure a message is shown only with `<name>.errmsg=1` (silent by default).
 */
export function bindAction(el, name, done) {
  const m = mode(name);
  if (!el || m === 'broken') return;
  el.addEventListener('click', async () => {
    if (m === 'throws') {
      const cart = undefined;
      cart.add(name); // the bug: a TypeError from the handler, UI unchanged
    }
    const busy = feedbackOf(name);
    const label = el.innerHTML;
    if (busy) {
      el.setAttribute('aria-busy', 'true');
      el.disabled = true;
      el.innerHTML = `<span class="spinner" aria-hidden="true"></span> Working…`;
    }
    let res;
    try {
      res = await api(name);
    } catch {
      res = { ok: false, status: 0 };
    }
    if (busy) {
      el.removeAttribute('aria-busy');
      el.disabled = false;
      el.innerHTML = label;
    }
    if (res.ok) done(res);
    else if (knob(`${name}.errmsg`) === '1') toast(`Something went wrong (${res.status})`);
  });
}
