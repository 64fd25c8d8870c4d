import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dueQueue } from '../../../src/capture/due-queue.js';

interface Item {
  _due?: number;
  name: string;
}

beforeEach(() => vi.useFakeTimers({ now: 1_000 }));
afterEach(() => vi.useRealTimers());

const start = (onRun: (x: Item, q: ReturnType<typeof dueQueue<Item>>) => void = () => {}) => {
  const ran: [string, number][] = [];
  const q = dueQueue<Item>(
    () => Date.now(),
    (x) => {
      ran.push([x.name, Date.now()]);
      onRun(x, q);
    },
    (fn) => fn,
  );
  return { q, ran };
};

describe('dueQueue', () => {
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
    const q = dueQueue<Item>(
      () => 1_000,
      (x) => ran.push(x.name),
      (fn) => fn,
    );
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
