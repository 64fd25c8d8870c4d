import type { ClickFacts } from './click-facts.js';

/** The marks the detectors' click checks look for above the element hit. */
const MARKS = '[data-parcours-ignore],[aria-disabled=true]';
const seen = new WeakMap<ClickFacts, boolean>();

/**
 * Whether anything at or above the click's hit is marked `data-parcours-ignore` or
 * `aria-disabled="true"`: one walk up per click for both detectors, which look for their own
 * mark (at or above the hit too) only when there is one, which is rare.
 */
export function marked(f: ClickFacts): boolean {
  let m = seen.get(f);
  if (m === undefined) seen.set(f, (m = !!f._hit.closest(MARKS)));
  return m;
}
