import type { CaptureContext } from '../../core/capture-context.js';
import type { ResolvedFrustration } from '../../core/frustration-config.js';
import type { Stop } from '../../core/stop.js';
import type { Json, TrackEvent } from '../../core/types.js';
import { clickFacts } from '../click-facts.js';
import { marked as clickMarked } from '../click-marks.js';
import { clickProps } from '../clicks.js';
import { type Due, type DueQueue, MAY_WAIT_MS, type Ticker, ticker } from '../due-queue.js';
import { superseded } from '../superseded.js';
import { actionable, eventElement } from '../interactive.js';
import { affordance } from './affordance.js';
import { classifyClick } from './classify-click.js';
import type { RequestRecord } from './network.js';
import { observePage, reactionsTo } from './observe.js';
import { burstRadius, joinsBurst, type Press, reactionProfile, repeatable } from './rage-click.js';
import { controlled, scopeRoot } from './scope.js';
import { skipsDead, blockedFormState } from './skip-rules.js';
import { startThrash } from './thrash-wiring.js';

/** One activation waiting for its verdict. */
interface Activation extends Press, Due {
  _seq: number;
  _target: Json;
  _hit: Element;
  _control: boolean;
  _keyboard: boolean;
  _mods: boolean;
  _own: RequestRecord[];
  _reqs: RequestRecord[];
  _blocked?: string;
  _burst?: Activation[];
}

/**
 * The request list of an activation that has none: shared, replaced by its own array on the
 * first request (no two arrays allocated per press that most presses never fill).
 */
const NONE: RequestRecord[] = Object.freeze([]) as unknown as RequestRecord[];
const push = (list: RequestRecord[], r: RequestRecord) => {
  const l = list === NONE ? [] : list;
  l.push(r);
  return l;
};

/** A request started this soon after a click was started by it (SIGNALS.md §4.2). */
const REQUEST_MS = 300;

/**
 * Rage, dead, slow, blocked and error clicks and thrashed cursors (SIGNALS.md §4.2–4.4, §4.8).
 * The click path only records the activation (a few property reads and one array push); every
 * verdict is taken by a timer when its window closes, reading the page log built by
 * {@link observePage}. Each verdict is one `frustration` event.
 */
export function startFrustration(
  ctx: CaptureContext,
  c: ResolvedFrustration,
  t: Ticker = ticker(ctx.now),
): Stop {
  const now = ctx.now;
  const feedback = c.feedback.join(',');
  const nearMisses = superseded(ctx);
  const ignoreSel = c.ignore.join(',');
  const acts: Activation[] = [];
  // The newest activation in `acts` of each control (whose open requests a new press inherits).
  const newest = new Map<Element, Activation>();
  let burst: Activation[] | undefined;
  let down: Element | null = null;
  let downAt = 0;

  const {
    log,
    prune,
    stop: stopLog,
  } = observePage(ctx, (r) => {
    for (let i = acts.length - 1; i >= 0 && r._start - acts[i]!._t <= REQUEST_MS; i--) {
      const x = acts[i]!;
      x._own = push(x._own, r);
      x._reqs = push(x._reqs, r);
    }
  });
  // Every verdict waits in one queue, on the timer the misclick settles set (not a timer per
  // press): a verdict reads the page log up to its due time, so it may run a little late.
  const verdicts: DueQueue<Activation> = t._queue<Activation>(
    ctx.guard.wrap('frustration:verdict', (a: Activation): void => judge(a)),
  );
  const later = (a: Activation, at: number): void => verdicts._add(a, at, MAY_WAIT_MS);
  const anyIgnore = '[data-parcours-ignore]' + (ignoreSel ? `,${ignoreSel}` : '');
  // One walk up per verdict in the usual case (nothing marked above the control), not one per
  // kind; `marked` is reset by each verdict (the page may mark an element at any time).
  let marked: [Element, boolean] | undefined;
  const ignored = (el: Element, token: string) => {
    if (marked?.[0] !== el) marked = [el, !!el.closest(anyIgnore)];
    return (
      marked[1] &&
      !!el.closest(
        `[data-parcours-ignore~="frustration"],[data-parcours-ignore~="${token}"]` +
          (ignoreSel ? `,${ignoreSel}` : ''),
      )
    );
  };
  const signal = (
    kind: string,
    a: Activation,
    evidence: { [k: string]: Json },
    confidence?: number,
  ) =>
    ctx.emit('frustration', {
      kind,
      target: a._target,
      evidence,
      clickSeq: a._seq,
      ...(confidence === undefined ? {} : { confidence }),
    });

  const record = (
    e: PointerEvent,
    ev: TrackEvent,
    hit: Element,
    el: Element,
    blocked?: string,
    t = now(),
    control = el !== hit || !!actionable(hit),
  ) => {
    const a: Activation = {
      _t: t,
      _x: e.clientX,
      _y: e.clientY,
      _el: el,
      _touch: e.pointerType === 'touch',
      _seq: ev.seq,
      _target: ev.props.target!,
      _hit: hit,
      _control: control,
      _keyboard: e.type === 'click' && e.detail === 0,
      _mods: e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || e.button !== 0,
      _own: NONE,
      _reqs: NONE,
      _blocked: blocked,
    };
    // A control still waiting for the request of an earlier click keeps waiting for it.
    const prev = newest.get(el);
    if (prev && prev._reqs.length) {
      const open = prev._reqs.filter((r) => r._end === undefined);
      if (open.length) a._reqs = open;
    }
    acts.push(a);
    newest.set(el, a);
    if (!blocked && !a._keyboard) {
      if (burst && joinsBurst(burst, a, c)) {
        burst.push(a);
        a._burst = burst;
      } else a._burst = burst = [a];
    }
    later(a, t + (blocked ? c.slowMs : Math.max(c.deadMs, c.errorWindowMs)));
  };

  const judge = (a: Activation): void => {
    marked = undefined;
    prune();
    const el = a._el;
    // Judged as of its due time when the shared timer ran it late (at most MAY_WAIT_MS), so
    // what happened meanwhile does not change the verdict; as of now when drained early.
    const t1 = Math.min(now(), a._due ?? Infinity);
    if (a._blocked) {
      const roots = [scopeRoot(el), ...controlled(el)];
      const form = el.closest('form') ?? (el as HTMLButtonElement).form ?? null;
      const seen = reactionsTo(
        log,
        el,
        form ? [form, ...roots] : roots,
        feedback,
        a._t,
        a._t + c.slowMs,
        c.slowMs,
      );
      if (!ignored(el, 'dead') && !nearMisses.has(a._seq))
        signal('blocked_click', a, {
          explained: seen.length > 0,
          formState: blockedFormState(form),
          reason: a._blocked,
        });
      return done(a);
    }
    const head = a._burst?.[0] === a;
    if (a._burst && !head) return; // judged with the burst's first press
    const last = a._burst?.[a._burst.length - 1];
    if (last && t1 - last._t <= c.rageGapMs) return later(a, last._t + c.rageGapMs + 1);
    const roots = [scopeRoot(el), ...controlled(el)];
    // What follows the visitor's next click elsewhere is that click's reaction, not this one's.
    // (Pressing the same control again while its request runs is waiting, not moving on.)
    const next = acts.find(
      (x) => x._t > a._t && x._el !== el && (!x._burst || x._burst !== a._burst),
    );
    // (Minus 1 ms: the next click's own changes can carry its millisecond.)
    const cut = Math.min(t1, next ? next._t - 1 : Infinity);
    const reactions = reactionsTo(log, el, roots, feedback, a._t, cut, c.slowMs);
    const v = classifyClick({ _t0: a._t, _reactions: reactions, _requests: a._reqs }, c, t1);
    if ('_wait' in v) return later(a, v._wait);
    // Moved on within slowMs with nothing seen yet: the visitor did not wait for this one.
    // (A burst is not hasty: pressing again and again is waiting for an answer.)
    const hasty =
      !reactions.length && !a._reqs.length && (a._burst?.length ?? 1) < 2 && cut - a._t < c.slowMs;
    const error = judgeError(a);
    let dead = false;
    if (
      '_kind' in v &&
      !hasty &&
      !a._mods &&
      !nearMisses.has(a._seq) &&
      !ignored(el, 'dead') &&
      !skipsDead(a._hit, el, a._t, log)
    ) {
      if (v._kind === 'slow_click') {
        signal('slow_click', a, {
          latencyMs: Math.round(v._latency),
          pendingNetworkAtDeadMs: v._pendingAtDead,
          hadLoadingFeedback: v._loading,
        });
      } else {
        const aff = a._control ? 1 : affordance(a._hit);
        if (a._control || aff >= 0.5) {
          dead = true;
          signal(
            'dead_click',
            a,
            {
              variant: a._control ? 'interactive' : 'looks_clickable',
              affordance: aff,
              waitedMs: Math.round(v._waited),
              pendingNetwork: v._pending,
              ...(v._pending ? { reason: 'no_feedback_while_pending' } : {}),
            },
            a._control ? 0.9 : aff,
          );
        }
      }
    }
    if (head) judgeRage(a, reactions, dead, error);
    done(a);
  };

  /** The next activation that is not a repeat within `a`'s burst. */
  const nextClick = (a: Activation) =>
    acts.find((x) => x._t > a._t && (!x._burst || x._burst !== a._burst));

  const judgeError = (a: Activation): boolean => {
    const next = nextClick(a);
    const until = Math.min(a._t + c.errorWindowMs, next?._t ?? Infinity);
    const js = log._errors.find((t) => t >= a._t && t <= until);
    const http = a._own.find((r) => r._end !== undefined && (r._status === 0 || r._status! >= 400));
    // The marks are looked up only for an error (most clicks have none).
    if ((js === undefined && !http) || ignored(a._el, 'error')) return false;
    signal('error_click', a, {
      source: js !== undefined ? 'js' : 'http',
      delayMs: Math.round((js ?? http!._end!) - a._t),
      ...(http ? { status: http._status! } : {}),
    });
    return true;
  };

  const judgeRage = (a: Activation, reactions: number[], deadAlso: boolean, errorAlso: boolean) => {
    const b = a._burst!;
    if (b.length < c.rageClicks || ignored(a._el, 'rage')) return;
    if (
      b.some((p) => repeatable(p._el) || p._el.matches('input,textarea,select,[contenteditable]'))
    )
      return;
    const first = b[0]!._t;
    const lastT = b[b.length - 1]!._t;
    if (log._select.some((t) => t >= first && t <= lastT + 150)) return; // double/triple-click selection
    const profile = reactionProfile(b, reactions, c);
    if (profile === 'each') return; // effective repeated use
    signal(
      'rage_click',
      a,
      {
        clicks: b.length,
        spanMs: Math.round(lastT - first),
        radiusPx: burstRadius(b),
        reactionProfile: profile,
        reactionsMs: reactions.slice(0, 5).map((t) => Math.round(t - first)),
        deadAlso,
        errorAlso,
        points: b.map((p) => ({
          t: Math.round(p._t - first),
          x: Math.round(p._x),
          y: Math.round(p._y),
        })),
      },
      profile === 'none' ? 0.9 : 0.75,
    );
  };

  const done = (a: Activation) => {
    // Kept a while: a later error or request is tied to the newest click before it.
    const old = now() - c.maxWaitMs - c.errorWindowMs;
    while (acts.length && acts[0]!._t < old && acts[0] !== a) {
      const x = acts.shift()!;
      if (newest.get(x._el) === x) newest.delete(x._el);
    }
  };

  const stops: Stop[] = [
    stopLog,
    ctx.on('pageview', () => void (burst = undefined)),
    // The page is being hidden: the verdicts due by now are taken before the last write.
    ctx.on('flush', () => verdicts._drain(acts.length, false)),
    // The click capture's listener resolved the target (click-facts.ts); a `click` event
    // without facts is the press on a disabled control recorded below.
    ctx.on('click', (ce) => {
      const f = clickFacts(ctx);
      if (!ce || !f) return;
      const el = f._el ?? f._hit;
      record(
        f._ev,
        ce,
        f._hit,
        el,
        clickMarked(f) && el.closest('[aria-disabled=true]') ? 'aria-disabled' : undefined,
        now(),
        !!f._el,
      );
    }),
    ctx.listen(document, 'pointerdown', (ev) => {
      down = eventElement(ev);
      downAt = now();
    }),
    ctx.listen(document, 'pointerup', (ev) => {
      const hit = eventElement(ev);
      const off = hit?.closest(':disabled');
      // The browser sends no click to a disabled control: record the press it swallowed.
      if (
        !hit ||
        !off ||
        down?.closest(':disabled') !== off ||
        hit.closest('[data-parcours-ignore=""],[data-parcours-ignore~="click"]')
      )
        return;
      const ce = ctx.emit('click', { ...clickProps(ctx, ev as PointerEvent, off), blocked: true });
      // Judged from the press: a page that explains on pointerdown has explained in time.
      if (ce) record(ev as PointerEvent, ce, hit, off, 'disabled', downAt);
    }),
    startThrash(ctx, c, (kind, target, evidence) =>
      ctx.emit('frustration', { kind, target, evidence, clickSeq: null }),
    ),
  ];
  return () => {
    verdicts._stop();
    for (const s of stops.splice(0)) s();
  };
}
