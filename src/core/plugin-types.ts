import type { ResolvedConfig } from './config.js';
import type { Json, TrackEvent } from './types.js';

/** Tracker moments a plugin can follow through `ctx.on`. */
export type HookName = 'pageview' | 'click' | 'funnel_step' | 'flush' | 'event';

/** The page as the tracker last saw it. */
export interface PageInfo {
  url: string;
  path: string;
  title: string;
}

/** What a plugin's `setup` receives. */
export interface PluginContext {
  /** Records a `custom` event, as `tracker.track`. */
  track(name: string, props?: Record<string, unknown>): void;
  /** Records an event of the plugin's own type (`reassurance`, `landing_check`, …). */
  emit(type: string, props?: Record<string, unknown>): void;
  /** Calls `fn` after each event of that kind is recorded (`event`: every event); returns an unsubscribe function. */
  on(hook: Exclude<HookName, 'flush'>, fn: (event: TrackEvent) => void): () => void;
  /** Calls `fn` before the tracker writes and sends (page hidden, `flush()`, `shutdown()`): emit what you hold. */
  on(hook: 'flush', fn: () => void): () => void;
  /** The resolved configuration, read-only. */
  readonly config: Readonly<ResolvedConfig>;
  /** The current page. */
  page(): PageInfo;
  /** Logs when `debug` is on. */
  debug(message: string, detail?: Json): void;
}

/**
 * A plugin: `{ name, setup(ctx), beforeEvent?(event), teardown?() }`. Plugins run in the order
 * given; one that throws is disabled and reported once (an `sdk_error` event), never fatal.
 *
 * @example
 * const addShop: Plugin = { name: 'acme/shop@1', setup() {}, beforeEvent: (e) => ({ ...e, props: { ...e.props, shop: 'fr' } }) };
 */
export interface Plugin {
  /** Versioned name, e.g. `parcours/landing@1`. */
  name: string;
  /** Called once when the plugin is added. */
  setup(ctx: PluginContext): void;
  /** Returns the event (changed or not), or `null` to drop it. */
  beforeEvent?(event: TrackEvent): TrackEvent | null;
  /** Called on `shutdown`. */
  teardown?(): void;
}
