/** Work that waits for a time: what a {@link DueQueue} holds. */
export interface Due {
  /** When it is due, on the tracker's clock (ms). */
  _due?: number;
  /** The latest it may run: its due time plus the lateness it allows. */
  _by?: number;
  /** The run of the ticker it was added in, if added while one was under way. */
  _in?: number;
}

/** A function waiting for its time. */
export interface Later extends Due {
  _fn: () => void;
}

/** Items waiting for their time, run by the timer of their {@link Ticker}. */
export interface DueQueue<T extends Due> {
  /**
   * Runs `item` at `at` (tracker clock), after what is due before or at the same time, or up to
   * `late` ms after that when a timer set for other work fires then.
   */
  _add(item: T, at: number, late?: number): void;
  /** Runs at most `max` of what waits, soonest due first (a run may add more); with `early` false, only what is due. */
  _drain(max: number, early?: boolean): void;
  _stop(): void;
}

/** One timer for the queues of one tracker. */
export interface Ticker {
  /** A queue whose items `run` takes (`run` must not throw: pass it through `guard.wrap`). */
  _queue<T extends Due>(run: (item: T) => void): DueQueue<T>;
  /** The outbox's scheduler (`TrackerOptions.schedule`): `fn` at most `ms` from now. */
  _schedule(fn: () => void, ms: number): void;
}

interface Slot {
  _q: Due[];
  _run: (item: Due) => void;
}

/** How late work may run that does not read what the page shows at its time (a verdict, an emit). */
export const MAY_WAIT_MS = 500;
/** Runs per timer at most: a run that keeps adding work due at once cannot hold the page. */
const MAX_RUNS = 256;
/**
 * What a write waits at least, of its `ms`: the events of a few clicks share a transaction. Of
 * the outbox's 400 ms, 300: a click's write is due when its misclick settle fires, and rides it.
 */
export const GATHER = 0.75;

/**
 * Queues of items sorted by due time, all run by a single timer set for the earliest time an
 * item must run by (its due time plus its lateness). When it fires, it runs what is due by then
 * across the queues, soonest first (equal times in the order added): work that may wait (a
 * verdict, a write) rides on the timer of work that may not (a misclick's settle), so a
 * visitor's click costs one timer task, not one per detector and write. Nothing runs before its
 * time, except by `_drain`.
 */
export function ticker(now: () => number): Ticker {
  const slots: Slot[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let at = Infinity; // what the timer is set for
  let busy = 0; // runs under way: the timer is set once they are over
  let runs = 0; // passes of `run` begun
  // Sets the timer for `by` unless it is set for earlier (or a run is under way: `arm` then).
  const set = (by: number) => {
    if (busy || by >= at) return;
    if (timer !== undefined) clearTimeout(timer);
    at = by;
    timer = setTimeout(fire, Math.max(0, by - now()));
  };
  // After a run: the timer for the earliest bound left.
  const arm = () => {
    let by = Infinity;
    for (const s of slots) for (const x of s._q) if (x._by! < by) by = x._by!;
    set(by);
  };
  // Runs what is due by `t` (everything with `t` Infinity), soonest first, of `only` or of all.
  // What a run adds meanwhile runs in this pass only if due by the clock (or the pass drains
  // everything): an item added again for later is not run again at once because `t` (a timer's
  // time) is ahead of the clock.
  const run = (t: number, max: number, only?: Slot) => {
    const pass = ++runs;
    const from = only ? [only] : slots;
    busy++;
    try {
      for (let n = 0; n < max; n++) {
        let s: Slot | undefined;
        for (const x of from) {
          const h = x._q[0];
          if (
            h &&
            h._due! <= (h._in === pass && t < Infinity ? now() : t) &&
            (!s || h._due! < s._q[0]!._due!)
          )
            s = x;
        }
        if (!s) break;
        s._run(s._q.shift()!);
      }
    } finally {
      busy--;
    }
    arm();
  };
  // By the time it was set for, whatever the clock says (a clock behind the timer's).
  const fire = () => {
    const t = Math.max(now(), at);
    timer = undefined;
    at = Infinity;
    run(t, MAX_RUNS);
  };
  const queue = <T extends Due>(fn: (item: T) => void): DueQueue<T> => {
    const s: Slot = { _q: [], _run: fn as (item: Due) => void };
    slots.push(s);
    const q = s._q as T[];
    return {
      _add(item, due, late = 0) {
        item._due = due;
        item._by = due + late;
        item._in = busy ? runs : undefined;
        let i = q.length;
        while (i && q[i - 1]!._due! > due) i--;
        if (i === q.length) q.push(item);
        else q.splice(i, 0, item);
        set(item._by); // the timer is set for the earliest bound already, or a run will arm it
      },
      _drain: (max, early = true) => run(early ? Infinity : now(), max, s),
      _stop() {
        q.length = 0;
        if (slots.some((x) => x._q.length)) return;
        clearTimeout(timer);
        timer = undefined;
        at = Infinity;
      },
    };
  };
  const writes = queue<Later>((w) => w._fn());
  return {
    _queue: queue,
    _schedule: (fn, ms) => writes._add({ _fn: fn }, now() + ms * GATHER, ms * (1 - GATHER)),
  };
}
