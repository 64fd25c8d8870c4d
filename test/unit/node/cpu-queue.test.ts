// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createCpuQueue } from '../../../src/node/cpu-queue.js';

const busy = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};

describe('createCpuQueue', () => {
  it('runs tasks in order and passes on results and errors', async () => {
    const queue = createCpuQueue(5);
    const order: number[] = [];
    const results = await Promise.allSettled([
      queue.run(() => order.push(1)),
      queue.run(() => {
        throw new Error('bad');
      }),
      queue.run(() => order.push(3)),
    ]);
    expect(order).toEqual([1, 3]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('lets the event loop turn between slices, so I/O is not starved by a backlog', async () => {
    const queue = createCpuQueue(10);
    const turns: number[] = [];
    let done = 0;
    const ticker = setInterval(() => turns.push(done), 1);
    await Promise.all(Array.from({ length: 40 }, () => queue.run(() => (busy(2), done++))));
    clearInterval(ticker);
    // 80 ms of work in 10 ms slices: timers ran in between, not only after the last task.
    expect(turns.some((n) => n > 0 && n < 40)).toBe(true);
  });
});
