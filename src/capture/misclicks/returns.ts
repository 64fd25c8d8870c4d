import type { CaptureContext } from '../../core/capture-context.js';
import type { ResolvedMisclicks } from '../../core/misclick-config.js';
import type { Stop } from '../../core/stop.js';
import type { Json, TrackEvent } from '../../core/types.js';
import { clickFacts } from '../click-facts.js';
import { boxGap, boxOf } from './geometry.js';
import { neighbours } from './groups.js';
import { scorePair } from './score.js';

/** The click that left a page, kept in sessionStorage across the page load it caused. */
interface Leave {
  from: string;
  seq: number;
  target: Json;
  t: number;
  touch: boolean;
  /** A scroll was under way or had just ended when the visitor tapped. */
  scrolling: boolean;
  /** The press was within 4 px of the link's edge. */
  edge: boolean;
  box: [number, number, number, number];
  /** The page it led to, once there. */
  to?: string;
  arrived?: number;
  engaged?: boolean;
}

/** A click followed by leaving the page this soon caused it. */
const LEAVE_MS = 2_000;
/** ... and the page it led to loaded within this. */
const ARRIVE_MS = 10_000;
/** A page is engaged once scrolled by this share of the viewport height. */
const ENGAGED_SCROLL = 0.25;
/** Taps this soon after a scroll are often stray (SIGNALS.md §4.7). */
const SCROLL_TAP_MS = 300;

/**
 * `u_turn` and `quick_back` (SIGNALS.md §4.7): a click that led to another page, then a return
 * to the page it was made on, after a short stay (full loads through the `back_forward`
 * navigation type, SPA routes through `popstate`), with the misclicks built on it:
 * `accidental_activation` (a u-turn within 2 s from a tap during a scroll or on a link's edge)
 * and `back_then_sibling` (a u-turn, then a neighbour of the link pressed).
 */
export function startReturns(ctx: CaptureContext, c: ResolvedMisclicks): Stop {
  const key = `${ctx.cfg.storage.dbName}:v1:return`;
  const store = safeSession();
  let st: Leave | undefined;
  const load = () => {
    try {
      st = JSON.parse(store?.getItem(key) ?? 'null') ?? undefined;
    } catch {}
  };
  load();
  const save = () => {
    try {
      if (st) store?.setItem(key, JSON.stringify(st));
      else store?.removeItem(key);
    } catch {}
  };
  let pending: Leave | undefined;
  let lastScroll = -Infinity;
  let popAt = -Infinity;
  let scrolled = 0;
  let armed: (Leave & { until: number }) | undefined;

  const onView = (spa: boolean) => {
    const url = ctx.url();
    const t = ctx.now();
    if (pending && url !== pending.from && t - pending.t <= LEAVE_MS) st = pending; // an SPA route
    pending = undefined;
    if (st && !st.to) {
      // Arrived where the click led (a full load may take a while).
      if (url !== st.from && t - st.t <= ARRIVE_MS)
        Object.assign(st, { to: url, arrived: t, engaged: false });
      else st = undefined;
    } else if (st?.to) {
      const back = spa ? t - popAt < 500 : navigationType() === 'back_forward';
      if (url === st.from && back) {
        const dwell = t - (st.arrived ?? st.t);
        if (dwell <= c.quickBackMs) returned(st, url, dwell, spa ? 'spa' : 'reload');
        st = undefined;
      } else if (url !== st.to) st = undefined;
    }
    scrolled = 0;
    save();
  };

  const returned = (s: Leave, url: string, dwell: number, method: string) => {
    const uTurn = dwell <= c.uTurnMs && !s.engaged;
    ctx.emit('frustration', {
      kind: uTurn ? 'u_turn' : 'quick_back',
      target: s.target,
      evidence: {
        fromUrl: s.from,
        toUrl: s.to ?? null,
        dwellMs: Math.round(dwell),
        engagedOnTarget: !!s.engaged,
        method,
      },
      clickSeq: s.seq,
    });
    if (!uTurn) return;
    if (dwell <= 2_000 && ((s.touch && s.scrolling) || s.edge)) {
      ctx.emit('misclick', {
        kind: 'accidental_activation',
        pattern: s.scrolling ? 'tap_while_scrolling' : 'edge_tap',
        confidence: s.scrolling && s.edge ? 0.85 : 0.7,
        target: s.target,
        related: null,
        evidence: { dwellMs: Math.round(dwell), scrolling: s.scrolling, edge: s.edge, url },
        clickSeq: s.seq,
      });
    } else {
      armed = { ...s, until: Infinity }; // the window opens at the visitor's first move
      // Listened to only while a window waits for it: a move listener costs the page on every
      // move (about 16 µs each in the bench's Chromium, even for a handler that does nothing).
      stopMove ??= ctx.listen(document, 'pointermove', opened);
    }
  };
  let stopMove: Stop | undefined;
  const opened = () => {
    if (armed?.until === Infinity) armed.until = ctx.now() + c.switchMs;
    stopMove?.();
    stopMove = undefined;
  };

  const stops: Stop[] = [
    // The load's own page view is taken before this module starts: that one is now.
    ctx.on('pageview', (e) => void (e?.props.spa && onView(true))),
    ctx.listen(window, 'popstate', () => void (popAt = ctx.now())),
    // Back from the bfcache: this page's memory is as it left it; the page it led to wrote
    // where the visitor went and how long they stayed.
    ctx.listen(window, 'pageshow', (ev) => {
      if (!(ev as PageTransitionEvent).persisted) return;
      load();
      pending = undefined;
      const url = ctx.url();
      if (st?.to && url === st.from) {
        const dwell = ctx.now() - (st.arrived ?? st.t);
        if (dwell <= c.quickBackMs) returned(st, url, dwell, 'bfcache');
      }
      st = undefined;
      scrolled = 0;
      save();
    }),
    ctx.listen(document, 'scroll', () => {
      lastScroll = ctx.now();
      scrolled = Math.max(scrolled, scrollY);
      if (st?.to && !st.engaged && scrolled > ENGAGED_SCROLL * innerHeight) st.engaged = true;
    }),
    ctx.listen(document, 'input', () => void (st && (st.engaged = true))),
    // On the page returned to, the visitor's first move or press opens the window for the
    // next press.
    ctx.listen(document, 'pointerdown', opened),
    // The DOM click as the click capture resolved it (click-facts.ts).
    ctx.on('click', (ce) => {
      const f = clickFacts(ctx);
      if (!ce || !f) return;
      const e = f._ev;
      if (st?.to && st.to === ctx.url()) st.engaged = true;
      const el = f._el;
      if (armed && el && ctx.now() <= armed.until) backThenSibling(armed, el, ce);
      armed = undefined;
      if (!el) return;
      const b = {
        x: e.clientX - Number(ce.props.elementX),
        y: e.clientY - Number(ce.props.elementY),
        w: Number(ce.props.elementWidth),
        h: Number(ce.props.elementHeight),
      };
      const edge =
        Math.min(e.clientX - b.x, b.x + b.w - e.clientX, e.clientY - b.y, b.y + b.h - e.clientY) <=
        4;
      pending = {
        from: ctx.url(),
        seq: ce.seq,
        target: ce.props.target!,
        t: ctx.now(),
        touch: e.pointerType === 'touch',
        scrolling: ctx.now() - lastScroll <= SCROLL_TAP_MS,
        edge,
        box: [b.x, b.y, b.w, b.h],
      };
    }),
    ctx.listen(window, 'pagehide', () => {
      if (pending && ctx.now() - pending.t <= LEAVE_MS && !st?.to) st = pending;
      save();
    }),
  ];

  onView(false);

  const backThenSibling = (s: Leave & { until: number }, b: Element, ce: TrackEvent) => {
    const sel = (s.target as { selector?: string }).selector;
    let a: Element | null = null;
    try {
      a = sel ? document.querySelector(sel) : null;
    } catch {}
    if (!a || a === b || a.contains(b)) return;
    const aBox = boxOf(a);
    const bBox = boxOf(b);
    const n = neighbours(a, aBox, b, bBox);
    if (!n.near) return;
    const gap = boxGap(aBox, bBox);
    const facts = {
      gapMs: Math.round(ctx.now() - (s.until - c.switchMs)),
      windowMs: c.switchMs,
      adjacent: gap <= 16,
      sameGroup: n.group,
      edge: null,
      opposed: false,
      small: Math.min(aBox.w, aBox.h, bBox.w, bBox.h) < (s.touch ? 44 : 24),
      exploring: false,
      base: 0.3,
    };
    const confidence = scorePair(facts);
    if (confidence * 100 < c.emitAt) return;
    ctx.emit('misclick', {
      kind: 'wrong_control',
      pattern: 'back_then_sibling',
      confidence,
      target: s.target,
      related: ce.props.target!,
      evidence: { ...facts, distancePx: Math.round(gap), toUrl: s.to ?? null },
      clickSeq: s.seq,
    });
  };
  return () => {
    for (const s of stops.splice(0)) s();
    stopMove?.();
  };
}

function navigationType(): string {
  try {
    return (
      (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)
        ?.type ?? ''
    );
  } catch {
    return '';
  }
}

function safeSession(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}
