import { type NumberSpec, resolveThresholds } from './thresholds.js';

/**
 * Thresholds of the wrong-button detectors (`capture.misclicks`), SIGNALS.md §4.5–4.8. Every
 * field is optional; the README's config table lists the defaults.
 */
export interface MisclickConfig {
  /** A corrective pattern is emitted from this confidence (0–100, percent). @defaultValue 50 */
  emitAt?: number;
  /** Near miss: the intended control must be activated within this, mouse, ms. @defaultValue 2500 */
  confirmMs?: number;
  /** ... touch, ms. @defaultValue 3000 */
  touchConfirmMs?: number;
  /** `sibling_switch` (and the neighbour after an undo or a dismiss) within, ms. @defaultValue 2000 */
  switchMs?: number;
  /** `dialog_reopen`: the same dialog opened again within, ms. @defaultValue 5000 */
  reopenMs?: number;
  /** `quick_dismiss`: what A opened is closed within, ms. @defaultValue 1500 */
  dismissMs?: number;
  /** `undo`: A's effect undone within, ms. @defaultValue 5000 */
  undoMs?: number;
  /** `u_turn`: back from the page a click led to within, with no engagement there, ms. @defaultValue 5000 */
  uTurnMs?: number;
  /** `quick_back`: back within, ms. @defaultValue 15000 */
  quickBackMs?: number;
  /** `cart_undo`: a SKU removed within this of its add (or re-added within this of its removal), ms. @defaultValue 10000 */
  cartUndoMs?: number;
  /** `cart_undo` is `likely_misclick` within, ms. @defaultValue 5000 */
  cartMisclickMs?: number;
}

export type ResolvedMisclicks = Required<MisclickConfig>;

const NUMBERS: NumberSpec[] = [
  ['emitAt', 1, 100, 50],
  ['confirmMs', 100, 30_000, 2_500],
  ['touchConfirmMs', 100, 30_000, 3_000],
  ['switchMs', 100, 30_000, 2_000],
  ['reopenMs', 100, 60_000, 5_000],
  ['dismissMs', 100, 30_000, 1_500],
  ['undoMs', 100, 60_000, 5_000],
  ['uTurnMs', 500, 120_000, 5_000],
  ['quickBackMs', 500, 600_000, 15_000],
  ['cartUndoMs', 500, 600_000, 10_000],
  ['cartMisclickMs', 500, 600_000, 5_000],
];

/** Checks `capture.misclicks` (`true`, `false` or thresholds); `false` resolves to `null`. */
export function resolveMisclicks(v: unknown): ResolvedMisclicks | null {
  return resolveThresholds('capture.misclicks', v, NUMBERS) as ResolvedMisclicks | null;
}
