// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { nestsDeeperThan } from '../../../src/node/json-depth.js';

const deep = (n: number) => Buffer.from(`${'['.repeat(n)}${']'.repeat(n)}`);

describe('nestsDeeperThan', () => {
  it('counts arrays and objects', () => {
    expect(nestsDeeperThan(deep(3), 3)).toBe(false);
    expect(nestsDeeperThan(deep(4), 3)).toBe(true);
    expect(nestsDeeperThan(Buffer.from('{"a":{"b":[{}]}}'), 3)).toBe(true);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(nestsDeeperThan(Buffer.from('{"a":"[[[[\\"[[[[{{{{"}'), 1)).toBe(false);
  });

  it('finds a million-deep body without recursing', () => {
    expect(nestsDeeperThan(deep(1_000_000), 32)).toBe(true);
  });
});
