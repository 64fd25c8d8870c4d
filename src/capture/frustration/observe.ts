import type { CaptureContext } from '../../core/capture-context.js';
import type { Stop } from '../../core/stop.js';
import { watchDom } from '../dom-changes.js';
import { type RequestRecord, watchNetwork } from './network.js';
import { inScope, isLarge } from './scope.js';

/** What happened on the page lately, as times; clicks are judged against it later. */
export interface PageLog {
  /** DOM changes: the changed node (for a child list, its parent) and the first node added. */
  _muts: { _t: number; _n: Node; _a?: Node; _big?: boolean }[];
  /** When the log started (the baseline is no longer than what was seen). */
  _since: number;
  /** Reactions that count wherever they happen: navigation, focus moved, form events, programmatic scroll. */
  _acts: {
    _t: number;
    _el: Element | null;
    _kind: 'nav' | 'focus' | 'form' | 'invalid' | 'scroll';
  }[];
  /** A text selection was made. */
  _select: number[];
  /** The page was hidden or lost focus (a new tab, a popup, a print dialog). */
  _leave: number[];
  /** The page came back (shown or focused) after it had left: a tab wake. */
  _back: number[];
  /** Uncaught errors and rejections. */
  _errors: number[];
  /** The page's requests, newest last. */
  _reqs: RequestRecord[];
}

/** The attributes whose changes can show a reaction (state, visibility, content). */
const WATCHED = [
  'class',
  'style',
  'hidden',
  'open',
  'disabled',
  'checked',
  'selected',
  'value',
  'aria-expanded',
  'aria-pressed',
  'aria-selected',
  'aria-checked',
  'aria-hidden',
  'aria-busy',
  'aria-invalid',
  'aria-current',
  'aria-disabled',
  'src',
  'srcset',
];
/** Records older than this are forgotten (the longest window is `maxWaitMs` plus the baseline). */
const KEEP_MS = 15_000;
/** Bounds the log on pages that mutate without pause. */
const MAX_MUTATIONS = 2_000;
/** At most this many mutations are scoped per verdict (each may read a box). */
const MAX_SCOPED = 400;
/** A scroll this long after wheel, touch or key input is the page's, not the visitor's. */
const USER_SCROLL_MS = 150;
/** Focus moved this soon after a press or a key went with it. */
const PRESS_FOCUS_MS = 30;

/**
 * Starts the page log: a MutationObserver that only notes (time, node), passive listeners, and
 * the request watcher. `onRequest` hears each request start (the caller ties it to a click).
 */
export function observePage(
  ctx: CaptureContext,
  onRequest: (r: RequestRecord) => void,
): { log: PageLog; prune: () => void; stop: Stop } {
  const now = ctx.now;
  const log: PageLog = {
    _since: now(),
    _muts: [],
    _acts: [],
    _select: [],
    _leave: [],
    _back: [],
    _errors: [],
    _reqs: [],
  };
  const prune = () => {
    const old = now() - KEEP_MS;
    for (const list of [log._muts, log._acts, log._reqs] as { _t?: number; _start?: number }[][]) {
      let i = 0;
      while (i < list.length && (list[i]!._t ?? list[i]!._start!) < old) i++;
      if (i) list.splice(0, i);
    }
    for (const list of [log._select, log._leave, log._back, log._errors]) {
      let i = 0;
      while (i < list.length && list[i]! < old) i++;
      if (i) list.splice(0, i);
    }
  };
  const stops: Stop[] = [];
  // Only the changed node and when (the parent, for a child list: a text node replaced by the
  // next update would be gone by the verdict), and the node added, for the overlay rule.
  const dom = watchDom(ctx, 'frustration:mutations', { _attributes: WATCHED, _text: true }, (r) => {
    const added = r.type === 'childList' ? r.addedNodes[0] : undefined;
    log._muts.push({ _t: now(), _n: r.target, _a: added, _big: revealedLarge(r) });
    if (log._muts.length > MAX_MUTATIONS) log._muts.splice(0, log._muts.length - MAX_MUTATIONS / 2);
  });
  if (dom) stops.push(dom._stop);
  const act = (kind: PageLog['_acts'][number]['_kind']) => (e?: Event) => {
    const el = e?.target instanceof Element ? e.target : null;
    log._acts.push({ _t: now(), _el: el, _kind: kind });
  };
  // Focus on a page that never left is its first focus, not a return.
  const back = () => void (log._leave.length && log._back.push(now()));
  let userInput = -Infinity;
  const user = () => void (userInput = now());
  // Focus that follows a press or a key is the visitor's doing, not the page's reaction.
  let pressed = -Infinity;
  const press = () => void (pressed = now());
  stops.push(
    ctx.on('pageview', (e) => e?.props.spa && act('nav')()),
    ctx.listen(window, 'hashchange', act('nav')),
    ctx.listen(window, 'beforeunload', act('nav')),
    ctx.listen(window, 'pointerdown', press),
    ctx.listen(window, 'keydown', press),
    ctx.listen(document, 'focusin', (e) => {
      if (now() - pressed > PRESS_FOCUS_MS) act('focus')(e);
    }),
    ...['input', 'change', 'submit', 'reset'].map((t) => ctx.listen(document, t, act('form'))),
    ctx.listen(document, 'invalid', act('invalid')),
    ...['wheel', 'touchmove', 'keydown'].map((t) => ctx.listen(window, t, user)),
    ctx.listen(document, 'scroll', () => {
      if (now() - userInput > USER_SCROLL_MS) act('scroll')();
    }),
    ctx.listen(document, 'selectionchange', () => {
      if (!getSelection()?.isCollapsed) log._select.push(now());
    }),
    ctx.listen(window, 'blur', (e) => e.target === window && log._leave.push(now())),
    ctx.listen(window, 'focus', (e) => e.target === window && back()),
    ctx.listen(document, 'visibilitychange', () =>
      document.visibilityState === 'hidden' ? log._leave.push(now()) : back(),
    ),
    ctx.listen(window, 'error', (e) => e instanceof ErrorEvent && log._errors.push(now())),
    ctx.listen(window, 'unhandledrejection', () => log._errors.push(now())),
  );
  const endpoint = ctx.cfg.endpoint;
  stops.push(
    watchNetwork(
      now,
      (url) => {
        try {
          return new URL(url, location.href).href.startsWith(endpoint);
        } catch {
          return false;
        }
      },
      (r) => {
        prune();
        log._reqs.push(r);
        onRequest(r);
      },
      () => {},
    ),
  );
  return {
    log,
    prune,
    stop: () => {
      for (const s of stops.splice(0)) s();
    },
  };
}

/** Baseline of out-of-scope changes before a click, and how much busier it must get to count (weak reaction). */
const BASELINE_MS = 4_000;
const WEAK_FACTOR = 3;
const WEAK_MIN = 3;

/**
 * Times of the strong reactions to a click on `el` at `t0` up to `t1`, sorted (SIGNALS.md §4.2
 * "Reaction tracker"). Out-of-scope changes within `slowMs` count as a weak reaction when they
 * run at three times the page's rate of the 4 s before (at least three of them), or, on a page
 * that was quiet, as soon as there is one.
 */
export function reactionsTo(
  log: PageLog,
  el: Element,
  roots: Element[],
  feedback: string,
  t0: number,
  t1: number,
  slowMs: number,
): number[] {
  const out: number[] = [];
  for (const a of log._acts) {
    // The same millisecond as the click counts: the log notes a change after the click's record.
    if (a._t < t0 || a._t > t1) continue;
    if (a._kind === 'focus' && (!a._el || a._el === document.body || el.contains(a._el))) continue;
    if (a._kind === 'scroll' && a._t > t0 + 300) continue;
    out.push(a._t);
  }
  let before = 0;
  const outside: number[] = [];
  let scoped = 0;
  for (const m of log._muts) {
    if (m._t < t0 - BASELINE_MS || m._t > t1) continue;
    if (m._t < t0) {
      before++;
      continue;
    }
    if (++scoped > MAX_SCOPED) break;
    if (m._big || inScope(m._n, m._a, el, roots, feedback)) out.push(m._t);
    else if (m._t <= t0 + slowMs) outside.push(m._t);
  }
  // On a page that was quiet, any change right after the click answers it; on a busy page
  // (tickers, carousels) only a burst well above its usual rate does.
  const seen = Math.max(250, Math.min(BASELINE_MS, t0 - log._since));
  const rate = (before / seen) * slowMs;
  const need = before ? WEAK_MIN : 1;
  if (outside.length >= need && outside.length > WEAK_FACTOR * rate) out.push(outside[need - 1]!);
  return out.sort((a, b) => a - b);
}

/**
 * Whether a record shows a large element (an overlay, a zoom, a drawer) revealed by its
 * `hidden` or `open` attribute. Measured now, once per such record (they are rare): by the
 * verdict the visitor may have closed it again, which must not make the click that opened it
 * dead.
 */
function revealedLarge(r: MutationRecord): boolean {
  const el = r.target as Element;
  if (r.type !== 'attributes' || (r.attributeName !== 'hidden' && r.attributeName !== 'open'))
    return false;
  if (el.hasAttribute('hidden') || (r.attributeName === 'open' && !el.hasAttribute('open')))
    return false;
  return isLarge(el);
}
