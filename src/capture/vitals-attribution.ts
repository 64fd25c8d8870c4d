// The attribution fields parcours sends, computed on web-vitals' standard build. Deliberate
// size hack: `web-vitals/attribution` costs about 6.4 kB minified more than `web-vitals`, mostly
// for what the `vital` event never carries (Long Animation Frame scripts, the entries
// themselves, soft navigations); this file is the part we read of it, after web-vitals 6.2.3's
// `src/attribution/*.ts` and `src/lib/getLoadState.ts`, called when web-vitals reports
// (`reportAllChanges`), which is when web-vitals' own hooks name the target.
import type { MetricType } from 'web-vitals';
import type {
  CLSAttribution,
  FCPAttribution,
  INPAttribution,
  LCPAttribution,
  LoadState,
  TTFBAttribution,
} from 'web-vitals/attribution';
import { selectorOf } from './selector.js';

/** Longest selector or URL carried in a vital's attribution. */
export const MAX_ATTRIBUTION_CHARS = 200;

/** The attribution fields the `vital` event reads, per metric. */
export type Attribution =
  | Partial<LCPAttribution>
  | Partial<INPAttribution>
  | Partial<CLSAttribution>
  | Partial<FCPAttribution>
  | Partial<TTFBAttribution>;

/** The tracker's selector for an attributed node (its element for a text node), bounded. */
export function targetOf(node: Node | null | undefined): string | undefined {
  const el = node instanceof Element ? node : node?.parentElement;
  return el ? selectorOf(el).slice(0, MAX_ATTRIBUTION_CHARS) : undefined;
}

/** The processing span of the event entries painted in one frame: `[start, end]`. */
export type FrameOf = (paintTime: number) => readonly [number, number] | undefined;

/**
 * Groups event timing entries by the frame that painted them (within 8 ms, as web-vitals'
 * INP attribution does), for INP's input delay and processing duration: an interaction's
 * `click` handler runs in a frame its `pointerdown` entry does not cover. Start it before
 * `onINP`, so that a frame is known when web-vitals reports (observers are called in order).
 */
export function observeFrames(): { frameOf: FrameOf; stop: () => void } {
  const frames: [paint: number, start: number, end: number][] = [];
  let po: PerformanceObserver | undefined;
  try {
    po = new PerformanceObserver((list) => {
      for (const e of list.getEntries() as PerformanceEventTiming[]) {
        const paint = e.startTime + e.duration;
        const f = frames.find((x) => Math.abs(paint - x[0]) <= 8);
        if (f) {
          f[1] = Math.min(f[1], e.processingStart);
          f[2] = Math.max(f[2], e.processingEnd);
        } else if (frames.unshift([paint, e.processingStart, e.processingEnd]) > 50) frames.pop();
      }
    });
    po.observe({ type: 'event', buffered: true, durationThreshold: 40 } as PerformanceObserverInit);
  } catch {} // no event timing: INP is not reported either
  return {
    frameOf: (paint) => {
      const f = frames.find((x) => Math.abs(paint - x[0]) <= 8);
      return f && [f[1], f[2]];
    },
    stop: () => po?.disconnect(),
  };
}

/**
 * Computes the attribution of `m` now. `seen` keeps the target named for an entry the first
 * time it is reported, as web-vitals does, so that an element removed later keeps its name.
 */
export function attribute(
  m: MetricType,
  seen: WeakMap<object, string | undefined>,
  frameOf: FrameOf = () => undefined,
): Attribution {
  const nav = navigationEntry();
  const start = nav?.activationStart || 0;
  const ttfb = nav ? Math.max(0, nav.responseStart - start) : 0;
  const target = (key: object, node: () => Node | null | undefined, id?: string) => {
    if (!seen.has(key)) seen.set(key, targetOf(node()) ?? (id ? `#${id}` : undefined));
    return seen.get(key);
  };
  switch (m.name) {
    case 'LCP': {
      const e = m.entries[m.entries.length - 1];
      const a: Partial<LCPAttribution> = {
        timeToFirstByte: 0,
        resourceLoadDelay: 0,
        resourceLoadDuration: 0,
        elementRenderDelay: m.value,
      };
      if (!e) return a;
      a.target = target(e, () => e.element, e.id);
      if (e.url) a.url = e.url;
      if (!nav) return a;
      // The latest request for the URL that started before the render (web-vitals' findLast).
      const r = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((x) => x.name === e.url && (x.requestStart || x.startTime) <= e.startTime)
        .pop();
      const requested = Math.max(ttfb, r ? (r.requestStart || r.startTime) - start : 0);
      const loaded = Math.min(m.value, Math.max(requested, r ? r.responseEnd - start : 0));
      return Object.assign(a, {
        timeToFirstByte: ttfb,
        resourceLoadDelay: requested - ttfb,
        resourceLoadDuration: loaded - requested,
        elementRenderDelay: m.value - loaded,
      });
    }
    case 'INP': {
      const [e] = m.entries;
      if (!e)
        return {
          inputDelay: 0,
          processingDuration: 0,
          presentationDelay: m.value,
          loadState: loadState(0, nav),
        };
      const f = frameOf(e.startTime + e.duration) ?? [
        Math.min(...m.entries.map((x) => x.processingStart)),
        Math.max(...m.entries.map((x) => x.processingEnd)),
      ];
      const begin = Math.max(f[0], e.startTime);
      const paint = Math.max(e.startTime + e.duration, begin);
      const end = Math.min(f[1], paint);
      return {
        interactionTarget: target(e, () => m.entries.find((x) => x.target)?.target),
        interactionType: e.name.startsWith('key') ? 'keyboard' : 'pointer',
        inputDelay: begin - e.startTime,
        processingDuration: end - begin,
        presentationDelay: paint - end,
        loadState: loadState(e.startTime, nav),
      };
    }
    case 'CLS': {
      if (!m.entries.length) return {};
      const e = m.entries.reduce((a, b) => (a.value > b.value ? a : b));
      const source = (x: LayoutShift) =>
        x.sources.find((y) => y.node?.nodeType === 1) || x.sources[0];
      for (const x of m.entries) target(x, () => source(x)?.node);
      const s = source(e);
      return s
        ? {
            largestShiftTarget: target(e, () => s.node),
            largestShiftTime: e.startTime,
            largestShiftValue: e.value,
            loadState: loadState(e.startTime, nav),
          }
        : {};
    }
    case 'FCP': {
      const e = m.entries[0];
      if (!e || !nav)
        return {
          timeToFirstByte: 0,
          firstByteToFCP: m.value,
          loadState: loadState(e ? e.startTime : performance.now(), nav),
        };
      return {
        timeToFirstByte: ttfb,
        firstByteToFCP: m.value - ttfb,
        loadState: loadState(e.startTime, nav),
      };
    }
    default: {
      const n = m.entries[0];
      if (!(n instanceof PerformanceNavigationTiming))
        return {
          waitingDuration: 0,
          cacheDuration: 0,
          dnsDuration: 0,
          connectionDuration: 0,
          requestDuration: 0,
        };
      const s = n.activationStart || 0;
      const wait = Math.max((n.workerStart || n.fetchStart || 0) - s, 0);
      const dns = Math.max(n.domainLookupStart - s, 0);
      const connect = Math.max(n.connectStart - s, 0);
      const connected = Math.max(n.connectEnd - s, 0);
      return {
        waitingDuration: wait,
        cacheDuration: dns - wait,
        dnsDuration: connect - dns,
        connectionDuration: connected - connect,
        requestDuration: m.value - connected,
      };
    }
  }
}

function navigationEntry(): PerformanceNavigationTiming | undefined {
  const n = performance.getEntriesByType('navigation')[0] as
    PerformanceNavigationTiming | undefined;
  return n && n.responseStart > 0 && n.responseStart < performance.now() ? n : undefined;
}

function loadState(t: number, n: PerformanceNavigationTiming | undefined): LoadState {
  if (document.readyState === 'loading') return 'loading';
  if (n) {
    if (t < n.domInteractive) return 'loading';
    if (!n.domContentLoadedEventStart || t < n.domContentLoadedEventStart) return 'dom-interactive';
    if (!n.domComplete || t < n.domComplete) return 'dom-content-loaded';
  }
  return 'complete';
}
