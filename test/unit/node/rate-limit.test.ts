// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../../src/node/rate-limit.js';

describe('createRateLimiter', () => {
  it('allows a burst, then one request per 1/rate seconds, and says how long to wait', () => {
    let t = 0;
    const limiter = createRateLimiter({ perSecond: 2, burst: 3, now: () => t });
    expect([1, 2, 3].map(() => limiter.take('a'))).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(500);
    t = 250;
    expect(limiter.take('a')).toBe(250);
    t = 500;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('b')).toBe(0);
  });

  it('forgets the least recently seen client past maxClients', () => {
    const limiter = createRateLimiter({ perSecond: 1, burst: 1, maxClients: 2, now: () => 0 });
    limiter.take('a');
    limiter.take('b');
    expect(limiter.take('a')).toBeGreaterThan(0);
    limiter.take('c');
    // 'b' was the least recently seen: forgotten, so it has a full bucket again.
    expect(limiter.take('b')).toBe(0);
  });
});
