import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type DueQueue, GATHER, ticker } from '../../../src/capture/due-queue.js';

interface Item {
  _due?: number;
  name: string;
}

beforeEach(() => vi.useFakeTimers({ now: 1_000 }));
afterEach(() => vi.useRealTimers());

const start = (onRun: (x: Item, q: DueQueue<Item>) => void = () => {}) => {
  const ran: [string, number][] = [];
  const q: DueQueue<Item> = ticker(() => Date.now())._queue<Item>((x) => {
    ran.push([x.name, Date.now()]);
    onRun(x, q);
  });
  return { q, ran };
};

describe('a queue of a ticker, alone', () => {
  it('runs each item at its time, soonest first, equal times in the order added', async () => {
    const { q, ran } = start();
    q._add({ name: 'c' }, 1_300);
    q._add({ name: 'a' }, 1_100);
    q._add({ name: 'b1' }, 1_200);
    q._add({ name: 'b2' }, 1_200);
    await vi.advanceTimersByTimeAsync(99);
    expect(ran).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(ran).toEqual([
      ['a', 1_100],
      ['b1', 1_200],
      ['b2', 1_200],
      ['c', 1_300],
    ]);
  });

  it('sets one timer while later items join, and a new one for an earlier item', () => {
    const spy = vi.spyOn(globalThis, 'setTimeout');
    const { q } = start();
    q._add({ name: 'a' }, 1_300);
    q._add({ name: 'b' }, 1_400);
    q._add({ name: 'c' }, 1_500);
    expect(spy).toHaveBeenCalledTimes(1);
    q._add({ name: 'early' }, 1_050);
    expect(spy).toHaveBeenCalledTimes(2);
    expect(vi.getTimerCount()).toBe(1);
  });

  it('runs an item its own run adds again at its new time, not in the same turn', async () => {
    let again = true;
    const { q, ran } = start((x, queue) => {
      if (again) queue._add(x, Date.now() + 500);
      again = false;
    });
    q._add({ name: 'a' }, 1_100);
    await vi.advanceTimersByTimeAsync(100);
    expect(ran).toEqual([['a', 1_100]]);
    await vi.advanceTimersByTimeAsync(500);
    expect(ran).toEqual([
      ['a', 1_100],
      ['a', 1_600],
    ]);
  });

  it('runs the item its timer was set for even on a clock that did not move', async () => {
    const ran: string[] = [];
    const q = ticker(() => 1_000)._queue<Item>((x) => ran.push(x.name));
    q._add({ name: 'a' }, 1_200);
    q._add({ name: 'b' }, 1_300);
    await vi.advanceTimersByTimeAsync(200);
    expect(ran).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(300);
    expect(ran).toEqual(['a', 'b']);
  });

  it('drains at once in due order, up to a bound, and keeps the timer for what is left', async () => {
    const { q, ran } = start();
    q._add({ name: 'b' }, 1_200);
    q._add({ name: 'a' }, 1_100);
    q._add({ name: 'c' }, 1_300);
    q._drain(2);
    expect(ran.map((r) => r[0])).toEqual(['a', 'b']);
    await vi.advanceTimersByTimeAsync(300);
    expect(ran.map((r) => r[0])).toEqual(['a', 'b', 'c']);
    expect(ran[2]).toEqual(['c', 1_300]);
  });

  it('runs nothing once stopped', async () => {
    const { q, ran } = start();
    q._add({ name: 'a' }, 1_100);
    q._stop();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(ran).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('ticker', () => {
  const two = () => {
    const ran: [string, number][] = [];
    const t = ticker(() => Date.now());
    const log = (x: Item) => void ran.push([x.name, Date.now()]);
    return { t, ran, exact: t._queue<Item>(log), lax: t._queue<Item>(log) };
  };

  it('runs work that may wait on the timer of work that may not, with one timer', async () => {
    const spy = vi.spyOn(globalThis, 'setTimeout');
    const { ran, exact, lax } = two();
    lax._add({ name: 'verdict' }, 1_100, 500);
    exact._add({ name: 'settle' }, 1_300);
    lax._add({ name: 'not yet' }, 1_400, 500);
    await vi.advanceTimersByTimeAsync(300);
    // The verdict waited for the settle's timer (not a timer at 1 100 of its own) and ran first,
    // being due first; what is due after 1 300 waits.
    expect(ran).toEqual([
      ['verdict', 1_300],
      ['settle', 1_300],
    ]);
    // A timer for 1 600 (the verdict's latest), then one for 1 900 ('not yet': 1 400 + 500).
    expect(spy.mock.calls.map((c) => c[1])).toEqual([600, 300, 600]);
    await vi.advanceTimersByTimeAsync(599);
    expect(ran).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(ran[2]).toEqual(['not yet', 1_900]);
  });

  it('runs work that may wait by its latest time when nothing else fires', async () => {
    const { ran, lax } = two();
    lax._add({ name: 'a' }, 1_100, 500);
    lax._add({ name: 'b' }, 1_200, 500);
    await vi.advanceTimersByTimeAsync(599);
    expect(ran).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(ran).toEqual([
      ['a', 1_600],
      ['b', 1_600],
    ]);
  });

  it('runs a write between its gather time and its bound', async () => {
    const { t, exact } = two();
    const wrote: number[] = [];
    const ms = 400;
    const gather = ms * GATHER; // the earliest a write runs, after it is scheduled
    t._schedule(() => wrote.push(Date.now()), ms);
    exact._add({ name: 'early' }, 1_000 + gather - 1); // fires before the write is due: it waits
    await vi.advanceTimersByTimeAsync(gather - 1);
    expect(wrote).toEqual([]);
    await vi.advanceTimersByTimeAsync(ms - gather); // nothing else fires: it runs at its bound
    expect(wrote).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(wrote).toEqual([1_000 + ms]);
    const from = Date.now();
    t._schedule(() => wrote.push(Date.now()), ms);
    const rides = from + (gather + ms) / 2; // a timer between gather and bound: the write rides it
    exact._add({ name: 'rides' }, rides);
    await vi.advanceTimersByTimeAsync(ms);
    expect(wrote).toEqual([1_000 + ms, rides]);
  });

  it('drains what is due now, not what is due later, when asked for due work only', () => {
    const { ran, lax } = two();
    lax._add({ name: 'due' }, 900, 500);
    lax._add({ name: 'later' }, 1_200, 500);
    lax._drain(10, false);
    expect(ran).toEqual([['due', 1_000]]);
  });

  it('does not run again at once an item added again for later on a clock behind its timer', async () => {
    let runs = 0;
    const t = ticker(() => 1_000); // the timer fires; the clock says it is not yet time
    const q = t._queue<Item>((x) => {
      runs++;
      q._add(x, 1_001); // "look again in 1 ms"
    });
    q._add({ name: 'a' }, 1_200);
    await vi.advanceTimersByTimeAsync(200);
    expect(runs).toBe(1);
  });

  it('keeps the timer of the other queues when one stops, and none once all have', async () => {
    const { ran, exact, lax } = two();
    exact._add({ name: 'kept' }, 1_100);
    lax._add({ name: 'gone' }, 1_050);
    lax._stop();
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(ran).toEqual([['kept', 1_100]]);
    exact._add({ name: 'x' }, 1_500);
    exact._stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});
