import { type MetricType, onCLS, onFCP, onINP, onLCP, onTTFB } from 'web-vitals';
import type {
  CLSMetricWithAttribution,
  FCPMetricWithAttribution,
  INPMetricWithAttribution,
  LCPMetricWithAttribution,
  MetricWithAttribution,
  TTFBMetricWithAttribution,
} from 'web-vitals/attribution';
import type { CaptureContext } from '../core/capture-context.js';
import type { Stop } from '../core/stop.js';
import type { Json } from '../core/types.js';
import { MAX_ATTRIBUTION_CHARS, attribute, observeFrames } from './vitals-attribution.js';

type Props = { [k: string]: Json };

/**
 * `vital` events from web-vitals: LCP, INP, CLS, FCP and TTFB, one per metric per page view,
 * each with the attribution that tells what to fix (vitals-attribution.ts, computed when
 * web-vitals reports). FCP and TTFB are
 * final when measured and go at once; LCP, CLS and INP are held and emitted at the tracker's
 * `flush` moment (page hidden, `pagehide`, `flush()`, `shutdown()`), so they leave with the
 * page's last batch. A value that changes after it was emitted (the page shown again) is
 * emitted again with its `delta`; take the last one per `id`.
 */
export function startVitals(ctx: CaptureContext): Stop {
  let live = true;
  const held = new Map<string, MetricWithAttribution>();
  const sent = new Map<string, number>(); // metric id → value emitted
  const send = (m: MetricWithAttribution) => {
    const before = sent.get(m.id);
    if (!live || before === m.value) return;
    sent.set(m.id, m.value);
    ctx.emit('vital', {
      name: m.name,
      value: round(m.name, m.value),
      rating: m.rating,
      navigationType: m.navigationType,
      delta: round(m.name, m.value - (before ?? 0)),
      id: m.id,
      attribution: attributionOf(m, ctx.url),
    });
  };
  const flush = () => {
    for (const m of held.values()) send(m);
  };
  const seen = new WeakMap<object, string | undefined>(); // entry → target named
  const frames = observeFrames();
  const attributed = (m: MetricType) =>
    Object.assign(m, { attribution: attribute(m, seen, frames.frameOf) }) as MetricWithAttribution;
  // Once the page is hidden the value goes at once: the transport writes after this listener.
  const hold = ctx.guard.wrap('vitals', (m: MetricType) => {
    const a = attributed(m);
    if (document.visibilityState === 'hidden') send(a);
    else held.set(a.name, a);
  });
  const now = ctx.guard.wrap('vitals', (m: MetricType) => send(attributed(m)));
  // reportAllChanges: web-vitals hears `visibilitychange` on window, which Chromium fires
  // after `pagehide` on a navigation, when the page's last synchronous write is done. Holding
  // every change and emitting at our flush hook puts the values in that write. It also names
  // each target when its entry is reported, while the element is still in the page.
  const opts = { reportAllChanges: true };
  onLCP(hold, opts);
  onCLS(hold, opts);
  onINP(hold, opts);
  onFCP(now, opts);
  onTTFB(now, opts);
  const off = ctx.on('flush', flush);
  return () => {
    flush();
    live = false;
    off();
    frames.stop();
  };
}

const round = (name: string, v: number) =>
  name === 'CLS' ? Math.round(v * 10_000) / 10_000 : Math.round(v);

const text = (s: string | undefined) => (s ? s.slice(0, MAX_ATTRIBUTION_CHARS) : null);

function attributionOf(m: MetricWithAttribution, url: (href: string) => string): Props {
  const ms = (v: number | undefined) => (typeof v === 'number' ? Math.round(v) : null);
  switch (m.name) {
    case 'LCP': {
      const a = (m as LCPMetricWithAttribution).attribution;
      return {
        target: text(a.target),
        url: a.url ? text(url(a.url)) : null,
        timeToFirstByte: ms(a.timeToFirstByte),
        resourceLoadDelay: ms(a.resourceLoadDelay),
        resourceLoadDuration: ms(a.resourceLoadDuration),
        elementRenderDelay: ms(a.elementRenderDelay),
      };
    }
    case 'INP': {
      const a = (m as INPMetricWithAttribution).attribution;
      return {
        target: text(a.interactionTarget),
        type: a.interactionType ?? null,
        inputDelay: ms(a.inputDelay),
        processingDuration: ms(a.processingDuration),
        presentationDelay: ms(a.presentationDelay),
        loadState: a.loadState,
      };
    }
    case 'CLS': {
      const a = (m as CLSMetricWithAttribution).attribution;
      return {
        target: text(a.largestShiftTarget),
        largestShiftValue:
          a.largestShiftValue === undefined ? null : round('CLS', a.largestShiftValue),
        largestShiftTime: ms(a.largestShiftTime),
        loadState: a.loadState ?? null,
      };
    }
    case 'FCP': {
      const a = (m as FCPMetricWithAttribution).attribution;
      return {
        timeToFirstByte: ms(a.timeToFirstByte),
        firstByteToFCP: ms(a.firstByteToFCP),
        loadState: a.loadState,
      };
    }
    default: {
      const a = (m as TTFBMetricWithAttribution).attribution;
      return {
        waitingDuration: ms(a.waitingDuration),
        cacheDuration: ms(a.cacheDuration),
        dnsDuration: ms(a.dnsDuration),
        connectionDuration: ms(a.connectionDuration),
        requestDuration: ms(a.requestDuration),
      };
    }
  }
}
