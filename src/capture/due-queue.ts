/** Work that waits for a time: what a {@link dueQueue} holds. */
export interface Due {
  /** When it is due, on the tracker's clock (ms). */
  _due?: number;
}

/** Items waiting for their time, run by one timer. */
export interface DueQueue<T extends Due> {
  /** Runs `item` at `at` (tracker clock), after what is due before or at the same time. */
  _add(item: T, at: number): void;
  /** Runs at most `max` of what waits now, soonest due first (a run may add more). */
  _drain(max: number): void;
  _stop(): void;
}

/**
 * A queue of items sorted by due time with a single timer, set for the soonest: a detector's
 * windows cost no `setTimeout` (nor closure) per press while one is already set for an earlier
 * one. When it fires it runs the item it was set for and whatever else is due by then, in due
 * order (equal times in the order added); nothing runs before its time. `run` must not throw
 * (pass it through `guard.wrap`).
 */
export function dueQueue<T extends Due>(
  now: () => number,
  run: (item: T) => void,
  wrap: (fn: () => void) => () => void,
): DueQueue<T> {
  const q: T[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let target: T | undefined; // the item the timer is set for
  let busy = 0; // runs under way: the timer is set once they are over
  const arm = () => {
    const head = q[0];
    if (busy || !head || (target && head._due! >= target._due!)) return;
    if (timer !== undefined) clearTimeout(timer);
    target = head;
    timer = setTimeout(fire, Math.max(0, head._due! - now()));
  };
  const runWhile = (more: (x: T, n: number) => boolean) => {
    busy++;
    try {
      for (let n = 0, x = q[0]; x && more(x, n); n++, x = q[0]) run(q.shift()!);
    } finally {
      busy--;
    }
    arm();
  };
  const reset = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = target = undefined;
  };
  const fire = wrap(() => {
    let t = target;
    timer = target = undefined;
    // The item the timer was set for, whatever the clock says (once: its run may add it
    // again), then what else is due.
    runWhile((x) => (x === t ? !(t = undefined) : x._due! <= now()));
  });
  return {
    _add(item, at) {
      item._due = at;
      let i = q.length;
      while (i && q[i - 1]!._due! > at) i--;
      if (i === q.length) q.push(item);
      else q.splice(i, 0, item);
      arm();
    },
    _drain(max) {
      reset();
      runWhile((_, n) => n < max);
    },
    _stop() {
      reset();
      q.length = 0;
    },
  };
}
