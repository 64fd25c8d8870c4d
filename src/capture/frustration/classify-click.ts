import type { ResolvedFrustration } from '../../core/frustration-config.js';

/** What was seen after one activation, as times (ms, the tracker's clock). */
export interface ClickObservation {
  /** When the visitor activated. */
  _t0: number;
  /** Strong reactions (in-scope mutation, navigation, dialog, focus moved, form event, programmatic scroll). */
  _reactions: number[];
  /** Requests the click started (or still waited for from an earlier click on the same control). */
  _requests: { _start: number; _end?: number; _status?: number }[];
}

/** The verdict on one activation, or when to look again. */
export type ClickVerdict =
  | { _wait: number }
  | { _ok: true; _latency: number }
  | {
      _kind: 'slow_click';
      _latency: number;
      _pendingAtDead: boolean;
      _loading: boolean;
    }
  | { _kind: 'dead_click'; _waited: number; _pending: boolean };

/** After a request ends, how long its page may take to show the answer. */
export const SETTLE_MS = 1_000;
/** While a request is in flight, how often its click is looked at again. */
const POLL_MS = 500;

/**
 * Dead and slow clicks (SIGNALS.md §4.4 step 3), as a pure function of what was observed by
 * `now`. Without a request, the first reaction decides: by `slowMs` fine, by `deadMs` slow,
 * none dead. With a request, what shows before it ends is loading feedback; the first reaction
 * once it ended (within {@link SETTLE_MS}) is the answer the visitor waited for.
 */
export function classifyClick(
  o: ClickObservation,
  c: ResolvedFrustration,
  now: number,
): ClickVerdict {
  const { _t0: t0, _requests: reqs } = o;
  const after = (from: number, to: number) => o._reactions.find((t) => t >= from && t <= to);
  if (!reqs.length) {
    const r = after(t0, t0 + c.deadMs);
    if (r === undefined && now < t0 + c.deadMs) return { _wait: t0 + c.deadMs };
    if (r === undefined) return { _kind: 'dead_click', _waited: c.deadMs, _pending: false };
    return verdict(r - t0, c, false, false);
  }
  const limit = t0 + c.maxWaitMs;
  const ended = reqs.every((q) => q._end !== undefined);
  const lastEnd = ended ? Math.max(...reqs.map((q) => q._end!)) : undefined;
  const settleBy = lastEnd === undefined ? limit : Math.min(limit, lastEnd + SETTLE_MS);
  const answer = lastEnd === undefined ? undefined : after(lastEnd, settleBy);
  // Nothing shown before the answer: decide as soon as the answer is seen.
  if (answer === undefined && now < settleBy) {
    return { _wait: lastEnd === undefined ? Math.min(settleBy, now + POLL_MS) : settleBy };
  }
  const loading = after(t0, lastEnd ?? limit);
  const pendingAtDead = reqs.some((q) => (q._end ?? Infinity) > t0 + c.deadMs);
  // What the visitor waited for is the answer; a spinner or an optimistic change shown before
  // it is loading feedback (SIGNALS.md N07: a 2.5 s request with a spinner is a slow click).
  if (answer !== undefined) return verdict(answer - t0, c, pendingAtDead, loading !== undefined);
  if (loading !== undefined) {
    // Feedback shown but no answer after it: judged by that feedback alone.
    if (lastEnd === undefined) {
      return { _kind: 'slow_click', _latency: c.maxWaitMs, _pendingAtDead: true, _loading: true };
    }
    return verdict(loading - t0, c, pendingAtDead, true);
  }
  // Pending at deadMs and no feedback at all by the end: 'no_feedback_while_pending'.
  return { _kind: 'dead_click', _waited: now - t0, _pending: pendingAtDead };
}

function verdict(
  latency: number,
  c: ResolvedFrustration,
  pending: boolean,
  loading: boolean,
): ClickVerdict {
  if (latency <= c.slowMs) return { _ok: true, _latency: latency };
  return { _kind: 'slow_click', _latency: latency, _pendingAtDead: pending, _loading: loading };
}
