import type { CaptureContext } from '../core/capture-context.js';
import type { Stop } from '../core/stop.js';

/**
 * One `timing` event per page load, from Navigation Timing, read in a task after `load`
 * (`loadEventEnd` is set once the load handlers have run; one entry read, no idle wait, so an
 * SPA route change right after load does not lend the event its path): durations in ms from
 * the navigation start, sizes in bytes. A page restored from the back/forward cache gets a `timing` event
 * with `bfcache: true` and `restore`, the ms from `pageshow` to the next frame.
 */
export function startNavigationTiming(ctx: CaptureContext): Stop {
  let live = true;
  const send = ctx.guard.wrap('timing', () => {
    const n = performance.getEntriesByType?.('navigation')[0] as
      PerformanceNavigationTiming | undefined;
    if (!live || !n) return;
    const ms = (v: number) => Math.max(0, Math.round(v));
    ctx.emit('timing', {
      spa: false,
      bfcache: false,
      navigationType: n.type,
      dns: ms(n.domainLookupEnd - n.domainLookupStart),
      connect: ms(n.connectEnd - n.connectStart),
      tls: n.secureConnectionStart > 0 ? ms(n.connectEnd - n.secureConnectionStart) : 0,
      ttfb: ms(n.responseStart),
      domInteractive: ms(n.domInteractive),
      domContentLoaded: ms(n.domContentLoadedEventEnd),
      domComplete: ms(n.domComplete),
      load: ms(n.loadEventEnd),
      transferSize: n.transferSize ?? 0,
    });
  });
  const later = () => setTimeout(send, 0);
  const stops: Stop[] = [
    ctx.listen(window, 'pageshow', (ev) => {
      const e = ev as PageTransitionEvent;
      if (!e.persisted) return;
      requestAnimationFrame(() =>
        requestAnimationFrame(
          ctx.guard.wrap('timing', () => {
            if (live)
              ctx.emit('timing', {
                spa: false,
                bfcache: true,
                navigationType: 'back_forward_cache',
                restore: Math.max(0, Math.round(performance.now() - e.timeStamp)),
              });
          }),
        ),
      );
    }),
  ];
  if (document.readyState === 'complete') later();
  else stops.push(ctx.listen(window, 'load', later));
  return () => {
    live = false;
    for (const s of stops.splice(0)) s();
  };
}
