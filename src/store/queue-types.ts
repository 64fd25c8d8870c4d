import type { DropCounts, TrackEvent } from '../core/types.js';

export type { Bounds, Claim, ClaimOptions, Queue, Stored } from '../core/queue.js';

/**
 * `r:<ts base36>:<seq base36>:<id>`: keys sort by time, so the oldest come first. The previous
 * format (`q:` keys, the event as an object in `e`) sorts before and is still read and sent;
 * the new keys lie outside its range, so a tab still running that version never reads a record
 * it cannot send.
 */
export function keyOf(e: TrackEvent): string {
  return `r:${e.ts.toString(36).padStart(9, '0')}:${e.seq.toString(36).padStart(6, '0')}:${e.id}`;
}

/** Smallest key of an event at `ts` (with key prefix `p`): everything below it is older. */
export function keyAt(ts: number, p = 'r:'): string {
  return `${p}${Math.max(0, ts).toString(36).padStart(9, '0')}:`;
}

/** Key prefix of the previous record format. */
export const LEGACY = 'q:';
/** The range of every queue record, both formats. */
export const Q_FIRST = 'q:';
export const Q_LAST = 'r:\uffff';
export const DROPPED_KEY = 'm:dropped';

/** Merges drop counters; negative results clamp to 0 and zero entries vanish. */
export function mergeDrops(a: DropCounts, b: DropCounts = {}, sign = 1): DropCounts {
  const out: DropCounts = {};
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof DropCounts>) {
    const v = (a[k] ?? 0) + sign * (b[k] ?? 0);
    if (v > 0) out[k] = v;
  }
  return out;
}
