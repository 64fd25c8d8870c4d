// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createIdWindow } from '../../../src/node/id-window.js';

describe('createIdWindow', () => {
  it('forgets the oldest ids once full', () => {
    const window = createIdWindow(3);
    for (const id of ['a', 'b', 'c', 'b', 'd', 'e']) window.add(id);
    expect(['a', 'b', 'c', 'd', 'e'].map((id) => window.has(id))).toEqual([
      false,
      false,
      true,
      true,
      true,
    ]);
    expect(window.size).toBe(3);
  });

  it('stays bounded over many additions', () => {
    const window = createIdWindow(1_000);
    for (let i = 0; i < 100_000; i++) window.add(String(i));
    expect(window.size).toBe(1_000);
    expect(window.has('98999')).toBe(false);
    expect(window.has('99000')).toBe(true);
  });
});
