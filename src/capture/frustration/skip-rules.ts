import type { PageLog } from './observe.js';

/** Where focus is the reaction, or the reaction cannot be observed (SIGNALS.md §4.4 step 1). */
const UNJUDGED =
  'textarea,select,[contenteditable]:not([contenteditable=false]),canvas,video,audio,embed,' +
  'object,iframe,a[download],a[target]:not([target=_self]),[data-print],' +
  'input:not([type=button],[type=submit],[type=reset],[type=image],[type=checkbox],[type=radio])';
/** Controls whose effect happens outside the page (a print dialog, a download, the clipboard). */
const OUTSIDE = /print|download|copy|imprimer|télécharger|telecharger|copier/i;
/** A tab wake or a new window this close to the click explains the silence. */
const AWAY_MS = 1_000;
/** A selection started this soon after the click: the visitor was selecting text. */
const SELECT_MS = 500;

/** Whether an activation is outside what dead and slow clicks judge. */
export function skipsDead(hit: Element, el: Element, t0: number, log: PageLog): boolean {
  if (hit === document.body || hit === document.documentElement) return true;
  if (el.closest(UNJUDGED) || (hit !== el && hit.closest(UNJUDGED))) return true;
  const name = `${el.getAttribute('aria-label') ?? ''} ${(el.textContent ?? '').slice(0, 80)}`;
  if (OUTSIDE.test(name)) return true;
  if (log._back.some((t) => t >= t0 - AWAY_MS && t <= t0)) return true; // tab wake
  if (log._leave.some((t) => t >= t0 - AWAY_MS && t <= t0 + AWAY_MS)) return true;
  return log._select.some((t) => t >= t0 - 50 && t <= t0 + SELECT_MS);
}

/**
 * The state of the form around a disabled control: `incomplete` (a required field is empty),
 * `invalid` (a filled field fails its constraints), `valid`, or `none` (no form). Reads
 * `:invalid` and emptiness only, never a value, and never calls `checkValidity()`, which fires
 * `invalid` events at the page.
 */
export function blockedFormState(form: HTMLFormElement | null): string {
  if (!form) return 'none';
  const bad = Array.from(form.querySelectorAll(':invalid')).filter((f) => f !== form);
  if (!bad.length) return 'valid';
  return bad.some((f) => !(f as HTMLInputElement).value) ? 'incomplete' : 'invalid';
}
