import { startClicks } from './capture/clicks.js';
import { startErrors } from './capture/errors.js';
import { startFrustration } from './capture/frustration/start-frustration.js';
import { startMisclicks } from './capture/misclicks/start-misclicks.js';
import { startFunnels } from './capture/funnels.js';
import { startInputs } from './capture/inputs.js';
import { startNavigationTiming } from './capture/navigation-timing.js';
import { startPageviews } from './capture/pageviews.js';
import { startRouteTiming } from './capture/route-timing.js';
import { startVitals } from './capture/vitals.js';
import { startReplay } from './replay/recorder.js';
import type { CaptureContext } from './core/capture-context.js';
import type { TrackerConfig } from './core/config.js';
import { resolveConfig } from './core/config.js';
import { startTracker } from './core/tracker.js';
import { type Ticker, ticker } from './capture/due-queue.js';
import type { Stop } from './core/stop.js';
import type { Tracker, TrackerOptions } from './core/tracker-types.js';

/** The capture `init` starts, each behind its `capture.*` switch. */
export const DEFAULT_CAPTURE: ((ctx: CaptureContext, t?: Ticker) => Stop)[] = [
  // Funnels first: they hear the first page view.
  (ctx: CaptureContext, t?: Ticker) => (ctx.cfg.capture.funnels ? startFunnels(ctx, t) : () => {}),
  // Replay before page views: a sampled session keeps its first page view for export.
  (ctx: CaptureContext) => startReplay(ctx, startInputs),
  startPageviews,
  (ctx: CaptureContext) => (ctx.cfg.capture.clicks ? startClicks(ctx) : () => {}),
  (ctx: CaptureContext) => (ctx.cfg.capture.errors ? startErrors(ctx) : () => {}),
  // After clicks: it pairs each click event with the DOM event that made it.
  (ctx: CaptureContext, t?: Ticker) => {
    const f = ctx.cfg.capture.frustration;
    return f && ctx.cfg.capture.clicks ? startFrustration(ctx, f, t) : () => {};
  },
  (ctx: CaptureContext, t?: Ticker) => {
    const m = ctx.cfg.capture.misclicks;
    return m && ctx.cfg.capture.clicks ? startMisclicks(ctx, m, t) : () => {};
  },
  (ctx: CaptureContext) => (ctx.cfg.capture.vitals ? startVitals(ctx) : () => {}),
  (ctx: CaptureContext) => (ctx.cfg.capture.vitals ? startNavigationTiming(ctx) : () => {}),
  (ctx: CaptureContext) => (ctx.cfg.capture.vitals ? startRouteTiming(ctx) : () => {}),
];

/**
 * Starts a tracker with the default capture: page views (and SPA route changes), clicks,
 * errors, Web Vitals and timings, and funnel steps, as `config.capture` allows. Throws a
 * `ConfigError` naming the field for a bad config.
 *
 * @example
 * import { init } from 'parcours';
 * const t = init({ endpoint: 'https://collect.example.com/v1/batch', siteId: 'shop-fr' });
 * t.track('add_to_cart', { sku: 'A1', price: 29.9, currency: 'EUR' });
 */
/* @__NO_SIDE_EFFECTS__ */
export function init(
  config: TrackerConfig,
  options: Omit<TrackerOptions, 'capture'> = {},
): Tracker {
  // One timer for the detectors' windows and the outbox's writes (capture/due-queue.ts).
  const t = ticker(options.now ?? Date.now);
  return startTracker(
    config,
    {
      ...options,
      schedule: options.schedule ?? t._schedule,
      capture: DEFAULT_CAPTURE.map((start) => (ctx: CaptureContext) => start(ctx, t)),
    },
    resolveConfig,
  );
}
