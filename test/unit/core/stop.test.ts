import { describe, expect, it } from 'vitest';
import { stopAll } from '../../../src/core/stop.js';

describe('stopAll', () => {
  it('calls every stop in reverse order, even when one throws, and empties the list', () => {
    const calls: number[] = [];
    const stops = [
      () => void calls.push(1),
      () => {
        calls.push(2);
        throw new Error('stop failed');
      },
      () => void calls.push(3),
    ];
    expect(() => stopAll(stops)).not.toThrow();
    expect(calls).toEqual([3, 2, 1]);
    expect(stops).toEqual([]);
    stopAll(stops);
    expect(calls).toHaveLength(3);
  });
});
