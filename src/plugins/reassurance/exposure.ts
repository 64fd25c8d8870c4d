/** Seen: at least half of the element in view, for this long in total (MRC viewability). */
export const SEEN_MS = 1000;
export const SEEN_RATIO = 0.5;

/** Watches elements until each has been seen once. */
export interface Exposure {
  watch(el: Element): void;
  stop(): void;
}

interface Watch {
  _ms: number;
  _since?: number;
  _timer?: ReturnType<typeof setTimeout>;
}

/**
 * SIGNALS.md §4.11 R5 with an IntersectionObserver: time in view (≥ 50 % of the element)
 * adds up across scrolls, pauses while the page is hidden, and `onSeen` is called once per
 * element when it reaches 1 s. A no-op where IntersectionObserver is missing.
 */
export function createExposure(
  onSeen: (el: Element, visibleMs: number) => void,
  now: () => number = Date.now,
): Exposure {
  if (typeof IntersectionObserver !== 'function') return { watch() {}, stop() {} };
  const watches = new Map<Element, Watch>();
  const inView = new Set<Element>();
  const pause = (w: Watch) => {
    if (w._since !== undefined) w._ms += now() - w._since;
    w._since = undefined;
    clearTimeout(w._timer);
  };
  const resume = (el: Element, w: Watch) => {
    if (w._since !== undefined || document.hidden) return;
    w._since = now();
    w._timer = setTimeout(() => {
      pause(w);
      if (w._ms < SEEN_MS) return resume(el, w); // a timer that fired early
      io.unobserve(el);
      watches.delete(el);
      inView.delete(el);
      onSeen(el, w._ms);
    }, SEEN_MS - w._ms);
  };
  const io = new IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        const w = watches.get(e.target);
        if (!w) continue;
        if (e.isIntersecting && e.intersectionRatio >= SEEN_RATIO) {
          inView.add(e.target);
          resume(e.target, w);
        } else {
          inView.delete(e.target);
          pause(w);
        }
      }
    },
    { threshold: [0, SEEN_RATIO] },
  );
  const onVisibility = () => {
    for (const el of inView) {
      const w = watches.get(el)!;
      if (document.hidden) pause(w);
      else resume(el, w);
    }
  };
  document.addEventListener('visibilitychange', onVisibility, { passive: true });
  return {
    watch(el) {
      if (watches.has(el)) return;
      watches.set(el, { _ms: 0 });
      io.observe(el);
    },
    stop() {
      io.disconnect();
      document.removeEventListener('visibilitychange', onVisibility);
      for (const w of watches.values()) pause(w);
      watches.clear();
      inView.clear();
    },
  };
}
