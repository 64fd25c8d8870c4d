import type { CaptureContext } from '../core/capture-context.js';
import type { Stop } from '../core/stop.js';

/**
 * Page views: one on start (`capture.pageviews`) and, with `capture.spa`, one per route change:
 * `history.pushState`/`replaceState` are patched (the patch calls the original first, so the
 * URL has changed when the view is taken), and `popstate`/`hashchange` are heard. `stop`
 * restores `history` unless someone patched it after us.
 */
export function startPageviews(ctx: CaptureContext): Stop {
  const stops: Stop[] = [];
  if (ctx.cfg.capture.pageviews) ctx.pageview(false);
  if (!ctx.cfg.capture.spa) return () => {};
  const onRoute = ctx.guard.wrap('pageviews', () => ctx.pageview(true));
  for (const m of ['pushState', 'replaceState'] as const) {
    const original = history[m];
    const patched = function (this: History, ...args: Parameters<History['pushState']>) {
      const r = original.apply(this, args);
      onRoute();
      return r;
    };
    history[m] = patched;
    stops.push(() => {
      if (history[m] === patched) history[m] = original;
    });
  }
  stops.push(ctx.listen(window, 'popstate', onRoute), ctx.listen(window, 'hashchange', onRoute));
  return () => {
    for (const s of stops.splice(0)) s();
  };
}
