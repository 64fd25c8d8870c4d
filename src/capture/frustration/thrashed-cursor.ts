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
 * Counts direction reversals of the cursor on each axis. It runs on every `pointermove`, so the
 * work is split: `move` is a few comparisons on plain variables (no array, no loop, no clock)
 * and says which axes reversed; only then does the caller read the time and call `turn`, which
 * keeps the reversal times and says whether they make (or extend) an episode: `changes`
 * reversals on one axis within `windowMs`.
 */
export function createThrashMeter(changes: number, windowMs: number) {
  // The last position counted on each axis (moves under MIN_MOVE_PX from it are tremor), and
  // the direction of the last counted move (-1, 1, or 0 before the first).
  let ax = NaN;
  let ay = NaN;
  let dx = 0;
  let dy = 0;
  const times: [number[], number[]] = [[], []];
  let ep: ThrashEpisode | undefined;
  return {
    /** One cursor position: 0, or a mask of the axes that reversed (1 for x, 2 for y). */
    move(x: number, y: number): number {
      if (ax !== ax) {
        ax = x;
        ay = y;
        return 0;
      }
      let turned = 0;
      let d = x - ax;
      if (d >= MIN_MOVE_PX || d <= -MIN_MOVE_PX) {
        const s = d > 0 ? 1 : -1;
        if (dx && s !== dx) turned = 1;
        dx = s;
        ax = x;
      }
      d = y - ay;
      if (d >= MIN_MOVE_PX || d <= -MIN_MOVE_PX) {
        const s = d > 0 ? 1 : -1;
        if (dy && s !== dy) turned |= 2;
        dy = s;
        ay = y;
      }
      return turned;
    },
    /** The reversals `move` returned, at time `t`: true when they make or extend an episode. */
    turn(turned: number, t: number, x: number, y: number): boolean {
      let hit = false;
      let turns = 0;
      for (let i = 0; i < 2; i++) {
        if (!(turned & (i + 1))) continue;
        const a = times[i]!;
        turns++;
        a.push(t);
        while (a.length && a[0]! < t - windowMs) a.shift();
        if (a.length >= changes) hit = true;
      }
      if (!ep && hit) {
        ep = {
          _start: Math.min(times[0][0] ?? t, times[1][0] ?? t),
          _end: t,
          _changes: Math.max(times[0].length, times[1].length) - turns,
          _box: { x, y, w: 0, h: 0 },
          _lastX: x,
          _lastY: y,
        };
      }
      if (!ep) return false;
      // Grown in place (the episode's own box, handed out only once it is over): no object
      // per reversal.
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
      times[0].length = times[1].length = 0;
      return e;
    },
  };
}
