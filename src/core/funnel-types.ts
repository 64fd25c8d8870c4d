import type { TrackEvent } from './types.js';

/**
 * One way a funnel step is reached. Every field given must hold (AND); a step reached several
 * ways lists several matches (OR).
 */
export interface FunnelMatch {
  /**
   * Path glob(s) of a page view: `*` is any characters but `/`, `**` any characters (`/**\/`
   * also matches `/`). Case-insensitive; a trailing `/` is ignored.
   */
  path?: string | string[];
  /** Event name(s): a `custom` event's `name` (`track('add_to_cart')`) or an event `type`. */
  event?: string | string[];
  /** A CSS selector present in the page (checked on page views and when the DOM changes). */
  selector?: string;
  /** A predicate called with each event (not `funnel_step`); `true` reaches the step. */
  when?: (event: TrackEvent) => boolean;
}

/** A match, a list of matches (any of them), or a predicate on each event. */
export type StepMatch = FunnelMatch | FunnelMatch[] | ((event: TrackEvent) => boolean);

/** One funnel: its name (no `:`) and its ordered steps. */
export interface FunnelConfig {
  /** 1–100 characters, no `:` (markup writes `funnel:step`). */
  name: string;
  /** Ordered steps; names unique within the funnel. */
  steps: { name: string; match?: StepMatch }[];
}

/** A ready funnel definition, by name (`'ecommerce'`: GA4 e-commerce events and common URLs). */
export type FunnelPreset = 'ecommerce';

/** A match after config resolution: arrays everywhere, nothing missing that was given. */
export interface ResolvedMatch {
  path?: string[];
  event?: string[];
  selector?: string;
  when?: (event: TrackEvent) => boolean;
}

/** A funnel after config resolution. */
export interface ResolvedFunnel {
  name: string;
  steps: { name: string; match: ResolvedMatch[] }[];
}
