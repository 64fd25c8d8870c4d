/** A finished thrashing episode (SIGNALS.md §4.8 `thrashed_cursor`). */
export interface ThrashEpisode {
  _start: number;
  _end: number;
  _changes: number;
  _box: { x: number; y: number; w: number; h: number };
  _lastX: number;
  _lastY: number;
}

/** Moves shorter than this (CSS px) are hand tremor, not a direction. */
const MIN_MOVE_PX = 4;

/**
 * Counts direction reversals of the cursor on each axis; `feed` returns true once the episode
 * reaches `changes` reversals on one axis within `windowMs`. O(1) per move apart from pruning
 * a short list of reversal times: it runs on every `pointermove`.
 */
export function createThrashMeter(changes: number, windowMs: number) {
  const axes = [
    { _anchor: NaN, _dir: 0, _times: [] as number[] },
    { _anchor: NaN, _dir: 0, _times: [] as number[] },
  ];
  let ep: ThrashEpisode | undefined;
  return {
    /** One cursor position; true when this move makes (or extends) an episode. */
    feed(t: number, x: number, y: number): boolean {
      let hit = false;
      let turns = 0;
      // A loop, not [x, y].forEach: no array and closure per move.
      for (let i = 0; i < 2; i++) {
        const v = i ? y : x;
        const a = axes[i]!;
        if (Number.isNaN(a._anchor)) a._anchor = v;
        const d = v - a._anchor;
        if (Math.abs(d) < MIN_MOVE_PX) continue;
        const dir = Math.sign(d);
        if (a._dir && dir !== a._dir) {
          turns++;
          a._times.push(t);
          while (a._times.length && a._times[0]! < t - windowMs) a._times.shift();
          if (a._times.length >= changes) hit = true;
        }
        a._dir = dir;
        a._anchor = v;
      }
      if (!turns) return false;
      if (!ep && hit) {
        const start = Math.min(...axes.map((a) => a._times[0] ?? t));
        const n = Math.max(...axes.map((a) => a._times.length));
        ep = {
          _start: start,
          _end: t,
          _changes: n - turns,
          _box: { x, y, w: 0, h: 0 },
          _lastX: x,
          _lastY: y,
        };
      }
      if (!ep) return false;
      // Grown in place (the episode's own box, handed out only once it is over): no object
      // per move.
      const b = ep._box;
      const x0 = Math.min(b.x, x);
      const y0 = Math.min(b.y, y);
      b.w = Math.max(b.x + b.w, x) - x0;
      b.h = Math.max(b.y + b.h, y) - y0;
      b.x = x0;
      b.y = y0;
      ep._changes += turns;
      ep._end = t;
      ep._lastX = x;
      ep._lastY = y;
      return true;
    },
    /** The episode, once no reversal has come for `windowMs`; it is then forgotten. */
    take(now: number): ThrashEpisode | undefined {
      if (!ep || now - ep._end < windowMs) return undefined;
      const e = ep;
      ep = undefined;
      for (const a of axes) a._times.length = 0;
      return e;
    },
  };
}
