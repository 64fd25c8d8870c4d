/** A box in viewport CSS px. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export const boxOf = (el: Element): Box => {
  const r = el.getBoundingClientRect();
  return { x: r.left, y: r.top, w: r.width, h: r.height };
};

/** Distance from a point to a box (0 inside). */
export function distanceToBox(x: number, y: number, b: Box): number {
  const dx = Math.max(b.x - x, 0, x - (b.x + b.w));
  const dy = Math.max(b.y - y, 0, y - (b.y + b.h));
  return Math.hypot(dx, dy);
}

/** Gap between two boxes (0 when they touch or overlap). */
export function boxGap(a: Box, b: Box): number {
  const dx = Math.max(b.x - (a.x + a.w), a.x - (b.x + b.w), 0);
  const dy = Math.max(b.y - (a.y + a.h), a.y - (b.y + b.h), 0);
  return Math.hypot(dx, dy);
}

/**
 * Near-miss radius of a target (SIGNALS.md §4.5, WCAG 2.5.8 / 2.5.5): half of what the target
 * lacks of the minimum size, between a base and a maximum. Mouse 8/16/24 px, touch 12/24/44 px.
 */
export function nearRadius(b: Box, touch: boolean): number {
  const [base, max, min] = touch ? [12, 24, 44] : [8, 16, 24];
  return Math.min(max, Math.max(base, (min - Math.min(b.w, b.h)) / 2));
}

/**
 * Where in A the press was, toward B: 0 at A's edge nearest B, 1 at the far edge (the press
 * point's share of A along the axis that separates them).
 */
export function edgeShare(px: number, py: number, a: Box, b: Box): number {
  const acx = a.x + a.w / 2;
  const acy = a.y + a.h / 2;
  const dx = b.x + b.w / 2 - acx;
  const dy = b.y + b.h / 2 - acy;
  if (Math.abs(dx) >= Math.abs(dy)) {
    if (!a.w) return 0.5;
    const t = (px - a.x) / a.w;
    return dx > 0 ? 1 - t : t;
  }
  if (!a.h) return 0.5;
  const t = (py - a.y) / a.h;
  return dy > 0 ? 1 - t : t;
}

/** Whether two boxes share a row or a column (centres within half the height or width). */
export function aligned(a: Box, b: Box): boolean {
  const row = Math.abs(a.y + a.h / 2 - (b.y + b.h / 2)) <= Math.max(a.h, b.h) / 2;
  const col = Math.abs(a.x + a.w / 2 - (b.x + b.w / 2)) <= Math.max(a.w, b.w) / 2;
  return row || col;
}
