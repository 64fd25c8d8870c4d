import { ConfigError } from './config-error.js';
import { type NumberSpec, resolveThresholds } from './thresholds.js';

/**
 * Thresholds of the frustration detectors (`capture.frustration`), SIGNALS.md §4.2–4.4, §4.8.
 * Every field is optional; the README's config table lists the defaults.
 */
export interface FrustrationConfig {
  /** A first reaction later than this makes a `slow_click`, ms. @defaultValue 1000 */
  slowMs?: number;
  /** No reaction by then (and no request in flight) makes a `dead_click`, ms. @defaultValue 2500 */
  deadMs?: number;
  /** How long a click's request may stay in flight before the click is judged, ms. @defaultValue 7000 */
  maxWaitMs?: number;
  /** Clicks in a burst that make a `rage_click`. @defaultValue 3 */
  rageClicks?: number;
  /** Longest gap between two clicks of a burst, ms. @defaultValue 700 */
  rageGapMs?: number;
  /** Longest burst, first to last click, ms. @defaultValue 2000 */
  rageSpanMs?: number;
  /** Burst radius around its first click (mouse, pen), CSS px. @defaultValue 30 */
  rageRadiusPx?: number;
  /** Burst radius for touch, CSS px. @defaultValue 40 */
  rageTouchRadiusPx?: number;
  /** An uncaught error this soon after a click makes an `error_click`, ms. @defaultValue 2000 */
  errorWindowMs?: number;
  /** Direction changes of the cursor on one axis that make a `thrashed_cursor`. @defaultValue 20 */
  thrashChanges?: number;
  /** ... within this window, ms. @defaultValue 2000 */
  thrashWindowMs?: number;
  /** CSS selectors of elements never judged (as `data-parcours-ignore="frustration"`). @defaultValue [] */
  ignore?: string[];
  /**
   * CSS selectors of page-wide feedback regions (cart badge, toast area): a change there counts
   * as a reaction to any click. `[role=status]`, `[role=alert]`, `[aria-live]` and `output`
   * always count. @defaultValue []
   */
  feedback?: string[];
}

export type ResolvedFrustration = Required<FrustrationConfig>;

const NUMBERS: NumberSpec[] = [
  ['slowMs', 100, 60_000, 1_000],
  ['deadMs', 200, 60_000, 2_500],
  ['maxWaitMs', 500, 120_000, 7_000],
  ['rageClicks', 2, 50, 3],
  ['rageGapMs', 50, 10_000, 700],
  ['rageSpanMs', 100, 60_000, 2_000],
  ['rageRadiusPx', 1, 500, 30],
  ['rageTouchRadiusPx', 1, 500, 40],
  ['errorWindowMs', 100, 60_000, 2_000],
  ['thrashChanges', 4, 1_000, 20],
  ['thrashWindowMs', 200, 60_000, 2_000],
];

/** Checks `capture.frustration` (`true`, `false` or thresholds); `false` resolves to `null`. */
export function resolveFrustration(v: unknown): ResolvedFrustration | null {
  const r = resolveThresholds('capture.frustration', v, NUMBERS, [
    'ignore',
    'feedback',
  ]) as ResolvedFrustration | null;
  if (r && (r.deadMs <= r.slowMs || r.maxWaitMs < r.deadMs)) {
    throw new ConfigError(
      'capture.frustration.deadMs',
      `more than slowMs (${r.slowMs}) and at most maxWaitMs (${r.maxWaitMs})`,
      r.deadMs,
    );
  }
  return r;
}
