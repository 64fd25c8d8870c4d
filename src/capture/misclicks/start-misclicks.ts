import type { CaptureContext } from '../../core/capture-context.js';
import type { ResolvedMisclicks } from '../../core/misclick-config.js';
import type { Stop } from '../../core/stop.js';
import type { Json, TrackEvent } from '../../core/types.js';
import { clickFacts } from '../click-facts.js';
import { marked } from '../click-marks.js';
import { type Due, type DueQueue, type Later, type Ticker, ticker } from '../due-queue.js';
import { eventElement, INTERACTIVE } from '../interactive.js';
import { superseded } from '../superseded.js';
import { type Box, boxGap, distanceToBox, edgeShare, nearRadius } from './geometry.js';
import { groupOf, neighbours, opposed } from './groups.js';
import { nearestMissed } from './near-miss.js';
import { scoreNearMiss, scorePair } from './score.js';
import { dialogId, dialogOf, isOpen, openedBy, stateOf, watchDialogs } from './state.js';
import { startReturns } from './returns.js';
import { startCartUndo } from './cart-undo.js';

/** One activation, as the misclick detectors remember it (and its settle, as it waits). */
export interface Press extends Due {
  _seq: number;
  _target: Json;
  _t: number;
  _x: number;
  _y: number;
  _box: Box;
  _el: Element | null;
  _hit: Element;
  _touch: boolean;
  _keyboard: boolean;
  /** Where the press went down (a slip ends elsewhere). */
  _down: Element | null;
  _pre: string;
  _post?: string;
  _dialog: Element | null;
  /** The dialog it was pressed in was closed by it. */
  _closed?: boolean;
  _opened?: Element | null;
  /** It hit no control (or a disabled one): a near-miss candidate once the next press comes. */
  _missed?: boolean;
  _best?: {
    _pattern: string;
    _conf: number;
    _kind: string;
    _related: Json;
    _evidence: { [k: string]: Json };
  };
  _done?: boolean;
}

/** Effects are read this long after a press (the page's handler and its first paint are done). */
const SETTLE_MS = 300;
/** How many presses are remembered. */
const KEEP = 12;
const UNDO_NAME = /^\s*(undo|annuler|rétablir|retablir|restore|restaurer)\b/i;

/**
 * Wrong-button misclicks (SIGNALS.md §4.5–4.6): near misses confirmed by the next press, and
 * corrective pairs (`sibling_switch`, `dialog_reopen`, `quick_dismiss`, `undo`), plus the
 * cross-page `u_turn` / `quick_back` / `back_then_sibling` and `cart_undo`. One `misclick`
 * event per wrong press, the best-scoring explanation, once its windows closed (or when the
 * page is hidden).
 */
export function startMisclicks(
  ctx: CaptureContext,
  c: ResolvedMisclicks,
  t: Ticker = ticker(ctx.now),
): Stop {
  const now = ctx.now;
  const presses: Press[] = [];
  // Work waiting for its window (each press's settle, a pattern's own window): on the ticker's
  // timer, or at once when the page is hidden, so a visitor who corrects and leaves before the
  // window closes is still counted.
  const waits: DueQueue<Press | Later> = t._queue<Press | Later>(
    ctx.guard.wrap('misclicks', (w: Press | Later): void => ('_fn' in w ? w._fn() : settle(w))),
  );
  const dead = superseded(ctx);
  // The element the last press went down on (null once a click took it).
  let downHit: Element | null = null;
  let shown: Element[] = [];
  const dialogs = watchDialogs(ctx);
  // A pattern's own window (rare, unlike the settle of each press): on time, as the settle.
  const later = (ms: number, fn: () => void): void => waits._add({ _fn: fn }, now() + ms);
  /** Runs what waits, soonest due first (a run may queue more; bounded by the presses kept). */
  const drain = () => waits._drain(8 * KEEP);

  const emit = (a: Press) => {
    const b = a._best;
    if (a._done || !b || b._conf * 100 < c.emitAt) return;
    a._done = true;
    ctx.emit('misclick', {
      kind: b._kind,
      pattern: b._pattern,
      confidence: b._conf,
      target: a._target,
      related: b._related,
      evidence: b._evidence,
      clickSeq: a._seq,
    });
  };
  const offer = (a: Press, best: NonNullable<Press['_best']>) => {
    if (a._done || (a._best && a._best._conf >= best._conf)) return;
    a._best = best;
  };

  /** Facts shared by the corrective patterns of the pair (a, b). */
  const pairFacts = (a: Press, b: Press, windowMs: number, base: number, exploring = false) => {
    const gap = boxGap(a._box, b._box);
    const n =
      a._el && b._el ? neighbours(a._el, a._box, b._el, b._box) : { near: false, group: false };
    const min = a._touch ? 44 : 24;
    const nameOf = (p: Press) => String((p._target as { text?: string }).text ?? '');
    const edge = edgeShare(a._x, a._y, a._box, b._box);
    const facts = {
      gapMs: Math.round(b._t - a._t),
      windowMs,
      adjacent: gap <= 16,
      sameGroup: n.group,
      edge: Math.round(edge * 100) / 100,
      opposed: opposed(nameOf(a), nameOf(b)),
      small: [a._box, b._box].some((x) => Math.min(x.w, x.h) < min),
      exploring,
      base,
    };
    return { facts, score: scorePair(facts), near: n.near, distancePx: Math.round(gap) };
  };

  const corrective = (
    a: Press,
    b: Press,
    pattern: string,
    windowMs: number,
    base: number,
    extra: { [k: string]: Json } = {},
    exploring = false,
  ) => {
    const p = pairFacts(a, b, windowMs, base, exploring);
    offer(a, {
      _pattern: pattern,
      _conf: p.score,
      _kind: 'wrong_control',
      _related: b._target,
      _evidence: { ...p.facts, distancePx: p.distancePx, ...extra },
    });
    return p;
  };

  /** Runs once the effects of press `b` are visible; looks at the presses before it. */
  const settle = (b: Press): void => {
    b._post = stateOf(b._el);
    b._closed = !!b._dialog && !isOpen(b._dialog);
    const open = dialogs._open();
    if (b._el) b._opened = openedBy(b._el, open, shown);
    shown = open;
    b._missed = !b._keyboard && (!b._el || b._el.matches(':disabled,[aria-disabled=true]'));
    const i = presses.indexOf(b);
    const a = presses[i - 1];
    if (!a || b._keyboard) return;
    const gap = b._t - a._t;
    // Near miss: the next press, on the control just missed, inside it.
    const confirm = a._touch ? c.touchConfirmMs : c.confirmMs;
    // The hit tests around A's point run only when B's box is within reach of it: a near miss
    // needs that confirmation, and most presses that hit no control are never followed by one.
    const n =
      a._missed &&
      b._el &&
      gap <= confirm &&
      distanceToBox(a._x, a._y, b._box) <= nearRadius(b._box, a._touch)
        ? nearestMissed(a._x, a._y, a._touch, a._el)
        : undefined;
    if (n && b._el && related(b._el, n._el)) {
      const inside =
        b._x >= b._box.x &&
        b._x <= b._box.x + b._box.w &&
        b._y >= b._box.y &&
        b._y <= b._box.y + b._box.h;
      if (inside) {
        dead.add(a._seq);
        // A gap between controls of a group, or content that is not a control at all.
        const pattern =
          a._hit.querySelectorAll(INTERACTIVE).length >= 2 ? 'gap' : 'non_interactive';
        offer(a, nearMiss(a, b, pattern, n._d, n._r, n._ambiguous, gap));
        return emit(a);
      }
    }
    // Slip: went down on a control, came up off it (no click on it), then that control.
    if (
      a._down &&
      a._down !== a._el &&
      !a._el?.contains(a._down) &&
      b._el === a._down &&
      gap <= confirm
    ) {
      dead.add(a._seq);
      offer(a, nearMiss(a, b, 'slip', 0, 1, false, gap));
      return emit(a);
    }
    // A dialog closed by A is opened again and another of its controls pressed.
    if (b._dialog) {
      const id = dialogId(b._dialog);
      for (let j = i - 1; j >= 0; j--) {
        const x = presses[j]!;
        if (b._t - x._t > c.reopenMs) break;
        if (
          x._dialog &&
          x._closed &&
          dialogId(x._dialog) === id &&
          x._el !== b._el &&
          !x._done &&
          j < i - 1
        ) {
          corrective(x, b, 'dialog_reopen', c.reopenMs, 0.15, { dialog: id });
          emit(x);
          break;
        }
      }
    }
    // Something A opened was closed at once, then a neighbour of A pressed.
    let opener: Press | undefined;
    for (let j = Math.max(0, i - 3); j < i && !opener; j++) {
      const x = presses[j]!;
      if (x._opened && x._el && x._el !== b._el) opener = x;
    }
    if (
      opener &&
      b._t - opener._t <= c.dismissMs + c.switchMs &&
      !isOpen(opener._opened!) &&
      !b._opened?.contains(b._el)
    ) {
      const between = presses.slice(presses.indexOf(opener) + 1, i);
      if (between.every((x) => x._el && opener._opened!.contains(x._el)) && between.length <= 1) {
        const p = pairFacts(opener, b, c.switchMs, 0.1);
        if (p.near) {
          corrective(opener, b, 'quick_dismiss', c.dismissMs + c.switchMs, 0.2);
          return later(c.switchMs, () => emit(opener));
        }
      }
    }
    if (!a._el || !b._el) return;
    // Undo, explicitly: an Undo control right after.
    if (
      UNDO_NAME.test(String((b._target as { text?: string }).text ?? '')) &&
      gap <= c.undoMs &&
      b._el !== a._el
    ) {
      corrective(a, b, 'undo', c.undoMs, 0.35, { explicit: true });
      return later(c.switchMs, () => emit(a));
    }
    // Undo by toggling back, then (maybe) the neighbour meant.
    if (b._el === a._el && gap <= c.undoMs && a._post !== a._pre && b._post === a._pre) {
      later(c.switchMs, () => {
        const next = presses[presses.indexOf(b) + 1];
        if (
          next?._el &&
          next._el !== a._el &&
          next._t - b._t <= c.switchMs &&
          pairFacts(a, next, c.switchMs, 0).near
        ) {
          corrective(a, next, 'undo', c.undoMs + c.switchMs, 0.1, {
            explicit: false,
            undoGapMs: Math.round(gap),
          });
        }
        emit(a);
      });
      return;
    }
    // Sibling switch: another control of the same group; its effect replaces A's.
    if (b._el !== a._el && gap <= c.switchMs && a._post !== a._pre && stateOf(a._el) !== a._post) {
      const p = pairFacts(a, b, c.switchMs, 0);
      if (!p.near) return;
      later(c.switchMs, () => {
        const g = groupOf(b._el!);
        const run = presses
          .slice(Math.max(0, i - 2), i + 2)
          .filter((x) => x._el && g?.contains(x._el) && x._post !== x._pre);
        corrective(
          a,
          b,
          'sibling_switch',
          c.switchMs,
          0,
          {},
          new Set(run.map((x) => x._el)).size >= 3,
        );
        emit(a);
      });
    }
  };

  const nearMiss = (
    a: Press,
    b: Press,
    pattern: string,
    d: number,
    r: number,
    ambiguous: boolean,
    gap: number,
  ): NonNullable<Press['_best']> => {
    const box = b._box;
    return {
      _pattern: pattern,
      _conf: scoreNearMiss(d, r, ambiguous, pattern === 'slip'),
      _kind: 'near_miss',
      _related: b._target,
      _evidence: {
        distancePx: Math.round(d),
        radiusPx: Math.round(r),
        gapMs: Math.round(gap),
        targetSize: { w: Math.round(box.w), h: Math.round(box.h) },
        meets24: Math.min(box.w, box.h) >= 24,
        meets44: Math.min(box.w, box.h) >= 44,
        pointerType: a._touch ? 'touch' : 'mouse',
        ambiguous,
        deadAlso: false,
      },
    };
  };

  const record = (e: PointerEvent, ev: TrackEvent, hit: Element, el: Element | null) => {
    const p = ev.props;
    const press: Press = {
      _seq: ev.seq,
      _target: p.target!,
      _t: now(),
      _x: e.clientX,
      _y: e.clientY,
      _box: el
        ? {
            x: e.clientX - (Number(p.elementX) || 0),
            y: e.clientY - (Number(p.elementY) || 0),
            w: Number(p.elementWidth) || 0,
            h: Number(p.elementHeight) || 0,
          }
        : { x: e.clientX, y: e.clientY, w: 0, h: 0 },
      _el: el,
      _hit: hit,
      _touch: e.pointerType === 'touch',
      _keyboard: e.type === 'click' && e.detail === 0,
      _down: downOf(downHit, hit, el),
      _pre: stateOf(el),
      _dialog: dialogOf(el),
    };
    downHit = null;
    presses.push(press);
    if (presses.length > KEEP) presses.shift();
    waits._add(press, press._t + SETTLE_MS);
  };

  const stops: Stop[] = [
    // The control pressed down is resolved at the click, and only when it can differ from the
    // clicked one (the press went down outside it).
    ctx.listen(document, 'pointerdown', (ev) => void (downHit = eventElement(ev))),
    // The DOM click as the click capture resolved it (click-facts.ts).
    ctx.on('click', (ce) => {
      const f = clickFacts(ctx);
      if (ce && f && !(marked(f) && f._hit.closest('[data-parcours-ignore~="misclick"]')))
        record(f._ev, ce, f._hit, f._el);
    }),
    ctx.on('flush', () => {
      drain();
      presses.forEach(emit);
    }),
    startReturns(ctx, c),
    startCartUndo(ctx, c),
  ];
  later(0, () => void (shown = dialogs._open()));
  return () => {
    dialogs._stop();
    waits._stop();
    for (const s of stops.splice(0)) s();
  };
}

/**
 * The control the press went down on (`down`) when it is not the clicked control `el` nor
 * inside it (a slip), else null. Inside `el`, the nearest control is `el` or within it, so no
 * walk up is needed; and the walk stops at the clicked element `hit`, whose nearest control is
 * `el` (already resolved by the click capture): at or above it there is nothing else to find.
 */
export function downOf(down: Element | null, hit: Element, el: Element | null): Element | null {
  if (!down || el?.contains(down)) return null;
  for (let n: Element | null = down; n && n !== hit; n = n.parentElement) {
    if (n.matches(INTERACTIVE) || typeof (n as HTMLElement).onclick === 'function')
      return !el || !el.contains(n) ? n : null;
  }
  return null;
}

/** Whether pressing `b` means pressing `target` (the same control, or its label / control). */
function related(b: Element, target: Element): boolean {
  if (b === target || b.contains(target) || target.contains(b)) return true;
  const label = (l: Element, c: Element) =>
    l.localName === 'label' && (l as HTMLLabelElement).control === c;
  return label(b, target) || label(target, b);
}
