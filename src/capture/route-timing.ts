import type { CaptureContext } from '../core/capture-context.js';
import type { Stop } from '../core/stop.js';

/** DOM quiet for this long after a route change means the new route is rendered. */
export const ROUTE_QUIET_MS = 100;
/** A route that keeps changing the DOM longer than this is measured up to here (`settled: false`). */
export const ROUTE_MAX_MS = 10_000;

/**
 * A `timing` event with `spa: true` per SPA route change (a page view with `spa`): `duration`
 * is the ms from the history change to the first frame painted after the last DOM mutation of
 * the route, where "last" means no mutation followed for {@link ROUTE_QUIET_MS}. A mutation
 * only notes the time and asks for one double `requestAnimationFrame` (the frame after the
 * paint); nothing runs on the click path but starting an observer. A newer route change, or a
 * page hidden before the route settles, drops the measure.
 */
export function startRouteTiming(ctx: CaptureContext): Stop {
  let cancel: (() => void) | undefined;
  const off = ctx.on('pageview', (e) => {
    if (!e?.props.spa || typeof MutationObserver !== 'function') return;
    cancel?.();
    cancel = measure(ctx);
  });
  return () => {
    off();
    cancel?.();
  };
}

function measure(ctx: CaptureContext): () => void {
  const start = performance.now();
  let last = start; // last mutation
  let painted = 0; // first frame after the last mutation
  let mutations = 0;
  let frame = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const paint = () => {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => {
        frame = 0;
        painted = performance.now();
      });
    });
  };
  const mo = new MutationObserver((records) => {
    mutations += records.length;
    last = performance.now();
    painted = 0;
    paint();
  });
  const done = () => {
    mo.disconnect();
    clearTimeout(timer);
    cancelAnimationFrame(frame);
  };
  const tick = ctx.guard.wrap('route-timing', () => {
    const t = performance.now();
    const capped = t - start >= ROUTE_MAX_MS;
    if (document.visibilityState === 'hidden') return done();
    if (!capped && (frame || !painted || t - last < ROUTE_QUIET_MS)) {
      timer = setTimeout(tick, Math.max(16, ROUTE_QUIET_MS - (t - last)));
      return;
    }
    done();
    const end = painted || t;
    ctx.emit('timing', {
      spa: true,
      navigationType: 'route',
      duration: Math.round(end - start),
      settled: !capped,
      mutations,
    });
  });
  mo.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
  paint();
  timer = setTimeout(tick, ROUTE_QUIET_MS);
  return done;
}
