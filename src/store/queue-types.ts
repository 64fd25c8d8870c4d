import type { DropCounts, TrackEvent } from '../core/types.js';

export type { Bounds, ClaimOptions, Queue, Stored } from '../core/queue.js';

/** `q:<ts base36>:<seq base36>:<id>`: keys sort by time, so the oldest come first. */
export function keyOf(e: TrackEvent): string {
  return `q:${e.ts.toString(36).padStart(9, '0')}:${e.seq.toString(36).padStart(6, '0')}:${e.id}`;
}

/** Smallest key of an event at `ts`: everything below it is older. */
export function keyAt(ts: number): string {
  return `q:${Math.max(0, ts).toString(36).padStart(9, '0')}:`;
}

export const Q_FIRST = 'q:';
export const Q_LAST = 'q:\uffff';
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
