/** Where an element stands on the page when it is audited. */
export interface Placement {
  /** Rendered (≥ 8×8 px, not hidden, not transparent) and not covered at its centre. */
  visible: boolean;
  /** Visible, with its top inside the first viewport of the page (this device's fold). */
  aboveFold: boolean;
}

const MIN_PX = 8;

/**
 * SIGNALS.md §4.11 R2/R3. One layout read per element, done in idle time. An element inside the
 * viewport whose centre shows another element (a cookie banner, a modal) is not visible.
 */
export function placementOf(el: Element): Placement {
  const r = el.getBoundingClientRect();
  if (r.width < MIN_PX || r.height < MIN_PX) return { visible: false, aboveFold: false };
  const check = (el as Element & { checkVisibility?: (o: object) => boolean }).checkVisibility;
  if (check) {
    if (!check.call(el, { opacityProperty: true, visibilityProperty: true }))
      return { visible: false, aboveFold: false };
  } else {
    const cs = getComputedStyle(el);
    if (cs.visibility === 'hidden' || cs.display === 'none' || Number(cs.opacity) < 0.1)
      return { visible: false, aboveFold: false };
  }
  const cx = r.left + r.width / 2;
  const cy = r.top + r.height / 2;
  if (cx >= 0 && cy >= 0 && cx < innerWidth && cy < innerHeight) {
    const hit = document.elementFromPoint(cx, cy);
    if (hit && !el.contains(hit) && !hit.contains(el)) return { visible: false, aboveFold: false };
  }
  const top = r.top + scrollY;
  return { visible: true, aboveFold: top < innerHeight && r.bottom + scrollY > 0 };
}
