import { describe, expect, it } from 'vitest';
import { backoff } from '../../../src/transport/backoff.js';
import { classify, parseRetryAfter } from '../../../src/transport/classify.js';

describe('classify', () => {
  it.each([
    [200, 'ok'],
    [202, 'ok'],
    [204, 'ok'],
    [0, 'retry'],
    [408, 'retry'],
    [429, 'retry'],
    [500, 'retry'],
    [503, 'retry'],
    [599, 'retry'],
    [413, 'split'],
    [400, 'drop'],
    [401, 'drop'],
    [403, 'drop'],
    [404, 'drop'],
    [415, 'drop'],
  ] as const)('classifies %i as %s', (status, outcome) => {
    expect(classify(status)).toBe(outcome);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-23T12:00:00Z');
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000);
  });
  it('reads an HTTP date', () => {
    expect(parseRetryAfter('Mon, 23 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
  });
  it('never returns a negative wait for a past date', () => {
    expect(parseRetryAfter('Mon, 23 Nov 2026 11:00:00 GMT', now)).toBe(0);
  });
  it('ignores absent or unreadable values', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
  });
});

describe('backoff', () => {
  it('grows exponentially up to maxMs with full jitter', () => {
    const top = () => 0.999999;
    expect(backoff(0, 1000, 300_000, top)).toBe(999);
    expect(backoff(3, 1000, 300_000, top)).toBe(7999);
    expect(backoff(20, 1000, 300_000, top)).toBe(299_999);
    expect(backoff(5000, 1000, 300_000, top)).toBe(299_999);
  });
  it('draws uniformly below the cap', () => {
    expect(backoff(2, 1000, 300_000, () => 0)).toBe(0);
    expect(backoff(2, 1000, 300_000, () => 0.5)).toBe(2000);
  });
});
