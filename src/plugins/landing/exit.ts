/** How a landing page view ended, when the visitor left the site from it. */
export interface LandingExit {
  dwellMs: number;
  /** Clicked, typed or scrolled a third of a screen. */
  engaged: boolean;
  /** `quick_exit`: left within `quickExitMs`; `bounce`: left later, without engaging. */
  kind: 'quick_exit' | 'bounce';
}

/**
 * Watches one landing page view until the page is left (`pagehide`), then calls `onLeave` with
 * the exit when the visitor left the site quickly or without engaging, `null` otherwise. Going
 * on to another page of the site (a same-origin link, a form) is not an exit; `stop` (an SPA
 * route change) ends the watch.
 */
export function watchExit(
  startedAt: number,
  quickExitMs: number,
  onLeave: (e: LandingExit | null) => void,
  now: () => number = Date.now,
): { _stop: () => void; _actions: () => number } {
  let engaged = false;
  let actions = 0; // clicks, keys, submits
  let inside = false;
  const opts = { capture: true, passive: true };
  const onClick = (e: Event) => {
    engaged = true;
    actions++;
    const a = (e.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
    if (a && a.origin === location.origin && a.target !== '_blank') inside = true;
  };
  const onKey = () => void (actions++, (engaged = true));
  const onSubmit = () => void (actions++, (inside = engaged = true));
  const onScroll = () => void (scrollY > innerHeight / 3 && (engaged = true));
  const onHide = () => {
    stop();
    const dwellMs = Math.max(0, now() - startedAt);
    if (inside) onLeave(null);
    else if (dwellMs < quickExitMs) onLeave({ dwellMs, engaged, kind: 'quick_exit' });
    else onLeave(engaged ? null : { dwellMs, engaged, kind: 'bounce' });
  };
  const stop = () => {
    removeEventListener('click', onClick, opts);
    removeEventListener('keydown', onKey, opts);
    removeEventListener('submit', onSubmit, opts);
    removeEventListener('scroll', onScroll, opts);
    removeEventListener('pagehide', onHide, opts);
  };
  addEventListener('click', onClick, opts);
  addEventListener('keydown', onKey, opts);
  addEventListener('submit', onSubmit, opts);
  addEventListener('scroll', onScroll, opts);
  addEventListener('pagehide', onHide, opts);
  return { _stop: stop, _actions: () => actions };
}
