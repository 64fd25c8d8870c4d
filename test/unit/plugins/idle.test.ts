import { afterEach, describe, expect, it, vi } from 'vitest';
import { SLICE_MS, whenIdleSteps } from '../../../src/plugins/idle.js';

describe('whenIdleSteps', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  // Each step costs 3 ms of (fake) work; the steps of one idle period share a timer clock.
  const run = (stepsCount: number) => {
    vi.useFakeTimers();
    let work = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => work);
    const periods = new Map<number, number>(); // timer clock → work done in that period
    function* steps(): Generator<void, string, void> {
      for (let i = 0; i < stepsCount; i++) {
        const at = Date.now();
        work += 3;
        periods.set(at, (periods.get(at) ?? 0) + 3);
        yield;
      }
      return 'scanned';
    }
    const done = vi.fn();
    const cancel = whenIdleSteps(steps(), done, 2000, 0);
    return { done, cancel, periods };
  };

  it('spreads the work over idle periods of at most SLICE_MS each, then hands over the result', () => {
    const { done, periods } = run(10);
    vi.advanceTimersByTime(1);
    expect(done).not.toHaveBeenCalled();
    vi.runAllTimers();
    expect(done).toHaveBeenCalledExactlyOnceWith('scanned');
    expect(periods.size).toBeGreaterThan(2);
    for (const ms of periods.values()) expect(ms).toBeLessThanOrEqual(SLICE_MS + 3);
  });

  it('stops between periods when cancelled', () => {
    const { done, cancel, periods } = run(10);
    vi.advanceTimersByTime(1);
    const ran = [...periods.values()].reduce((a, b) => a + b, 0);
    cancel();
    vi.runAllTimers();
    expect(done).not.toHaveBeenCalled();
    expect([...periods.values()].reduce((a, b) => a + b, 0)).toBe(ran);
  });
});
