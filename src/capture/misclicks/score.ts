/** The facts a corrective pattern is scored on (SIGNALS.md §4.6 "Scoring"). */
export interface PairFacts {
  /** ms between the wrong press and the correction, and the pattern's window. */
  gapMs: number;
  windowMs: number;
  /** A and B are at most 16 px apart; or merely in the same control group. */
  adjacent: boolean;
  sameGroup: boolean;
  /** Where A was pressed: 0 at its edge toward B, 1 at the far edge (null: unknown). */
  edge: number | null;
  /** Their names are known opposites (Cancel / Confirm, − / +, wishlist / cart…). */
  opposed: boolean;
  /** A or B is under 24 px (mouse) or 44 px (touch). */
  small: boolean;
  /** Part of ≥ 3 successive distinct choices in one group (browsing swatches). */
  exploring: boolean;
  /** Weight of the pattern's own evidence (an explicit Undo, a reopened dialog). */
  base: number;
}

/**
 * The part of a gap no correction is faster than (seeing the effect, aiming again): a gap up
 * to it counts as an instant correction. Fitted on the Bench Shop's tuning split, where the
 * spec's plain `gap / T` scored desktop mouse corrections (travel included) under touch ones.
 */
export const GRACE_MS = 500;

/** The confidence of a corrective pattern, 0–1, two decimals. */
export function scorePair(f: PairFacts): number {
  const late = Math.max(0, f.gapMs - GRACE_MS) / Math.max(1, f.windowMs - GRACE_MS);
  let s = f.base + 0.35 * Math.max(0, 1 - late);
  s += f.adjacent ? 0.25 : f.sameGroup ? 0.1 : 0;
  if (f.edge !== null) s += f.edge <= 0.25 ? 0.2 : f.edge <= 0.35 ? 0.05 : 0;
  if (f.opposed) s += 0.15;
  if (f.small) s += 0.05;
  if (f.exploring) s -= 0.4;
  return Math.round(Math.min(1, Math.max(0, s)) * 100) / 100;
}

/**
 * The confidence of a confirmed near miss: closer to the control is surer; an ambiguous
 * press (two controls as near) is less sure.
 */
export function scoreNearMiss(d: number, r: number, ambiguous: boolean, slip: boolean): number {
  const s = slip ? 0.8 : 0.6 + 0.3 * (1 - d / r) - (ambiguous ? 0.1 : 0);
  return Math.round(Math.min(1, Math.max(0, s)) * 100) / 100;
}
