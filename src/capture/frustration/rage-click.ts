import type { ResolvedFrustration } from '../../core/frustration-config.js';

/** One pointer activation as the rage detector sees it. */
export interface Press {
  _t: number;
  _x: number;
  _y: number;
  _el: Element;
  _touch: boolean;
}

/**
 * Whether `next` continues the burst `burst` (SIGNALS.md §4.3 "Grouping"): soon enough after the
 * last press, and near the first one or on the same control. Navigations close bursts elsewhere.
 */
export function joinsBurst(burst: Press[], next: Press, c: ResolvedFrustration): boolean {
  const first = burst[0];
  const last = burst[burst.length - 1];
  if (!first || !last || next._t - last._t > c.rageGapMs || next._t - first._t > c.rageSpanMs)
    return false;
  const r = next._touch ? c.rageTouchRadiusPx : c.rageRadiusPx;
  return next._el === first._el || Math.hypot(next._x - first._x, next._y - first._y) <= r;
}

/** How the page answered the presses of a burst (reactions within `slowMs` of each press). */
export type ReactionProfile = 'none' | 'late' | 'each' | 'first_only' | 'some';

/**
 * The reaction profile of a burst: `each` press answered on its own (a stepper, a carousel:
 * effective repeated use, not rage), only the first, some, none within `slowMs` of its press
 * but later (`late`), or none at all by the end of the window.
 */
export function reactionProfile(
  burst: Press[],
  reactions: number[],
  c: ResolvedFrustration,
): ReactionProfile {
  const answered = burst.map((p, i) => {
    const until = Math.min(p._t + c.slowMs, burst[i + 1]?._t ?? Infinity);
    return reactions.some((t) => t >= p._t && t <= until);
  });
  const n = answered.filter(Boolean).length;
  if (n === burst.length) return 'each';
  if (n === 0) return reactions.some((t) => t >= burst[0]!._t) ? 'late' : 'none';
  return n === 1 && answered[0] ? 'first_only' : 'some';
}

/** Accessible names of steppers and pagers, where repeated presses are the normal use. */
const STEPPER = /^\s*([+\-−–<>‹›«»]|[<>‹›«»]{2})\s*$/;
const PAGER = /\b(next|prev|previous|more|suivant|précédent|precedent|plus)\b/i;

/** Controls whose repeated use is expected: steppers, pagers, number inputs and their buttons. */
export function repeatable(el: Element): boolean {
  const name = (el.getAttribute('aria-label') || el.textContent || '').slice(0, 60);
  if (STEPPER.test(name) || PAGER.test(name)) return true;
  if (el.matches('[role=spinbutton],input[type=number],input[type=range],[role=slider]'))
    return true;
  const parent = el.parentElement;
  return !!parent?.querySelector(':scope > input[type=number], :scope > [role=spinbutton]');
}

/** Spread of a burst: the farthest press from the first, CSS px. */
export function burstRadius(burst: Press[]): number {
  const f = burst[0]!;
  return Math.round(Math.max(...burst.map((p) => Math.hypot(p._x - f._x, p._y - f._y))));
}
