import { actionable, INTERACTIVE } from '../interactive.js';
import { type Box, boxOf, distanceToBox, nearRadius } from './geometry.js';

/** The control a press just missed. */
export interface NearCandidate {
  _el: Element;
  _box: Box;
  _d: number;
  _r: number;
  _ambiguous: boolean;
}

/**
 * The nearest enabled control whose near-miss radius holds the press point but whose box does
 * not (bubble-cursor rule). Bounded: it hit-tests the point and 16 points around it at the
 * largest radius instead of scanning every control of the page.
 */
export function nearestMissed(
  x: number,
  y: number,
  touch: boolean,
  hitControl: Element | null,
): NearCandidate | undefined {
  const rMax = touch ? 24 : 16;
  const seen = new Set<Element>();
  // The 17 points mostly hit the same few elements (the card, the grid, body): each element is
  // resolved to its control once, and each control checked once, not once per point.
  const resolved = new Map<Element, Element | null>();
  const checked = new Set<Element>();
  for (let k = 0; k < 17; k++) {
    const ring = k === 0 ? 0 : k <= 8 ? rMax / 2 : rMax;
    const a = (k % 8) * (Math.PI / 4) + (k > 8 ? Math.PI / 8 : 0);
    for (const e of document
      .elementsFromPoint(x + ring * Math.cos(a), y + ring * Math.sin(a))
      .slice(0, 6)) {
      let c = resolved.get(e);
      if (c === undefined) resolved.set(e, (c = actionable(e)));
      if (!c || checked.has(c)) continue;
      checked.add(c);
      if (c !== hitControl && usable(c)) seen.add(c);
    }
  }
  const found: NearCandidate[] = [];
  for (const el of seen) {
    if (hitControl && (el.contains(hitControl) || hitControl.contains(el))) continue;
    const b = boxOf(el);
    const d = distanceToBox(x, y, b);
    const r = nearRadius(b, touch);
    if (d > 0 && d <= r) found.push({ _el: el, _box: b, _d: d, _r: r, _ambiguous: false });
  }
  found.sort((p, q) => p._d - q._d);
  const best = found[0];
  if (best && found[1] && found[1]._d - best._d <= 2) best._ambiguous = true;
  return best;
}

function usable(el: Element): boolean {
  if (el === document.body || el.matches(':disabled,[aria-disabled=true]')) return false;
  if (!el.matches(INTERACTIVE) && typeof (el as HTMLElement).onclick !== 'function') return false;
  const b = el.getBoundingClientRect();
  // Large containers made clickable (a whole card) are not targets one aims at and misses.
  return b.width > 0 && b.height > 0 && b.width * b.height < 0.25 * innerWidth * innerHeight;
}
