import { afterEach, describe, expect, it, vi } from 'vitest';
import { uuid } from '../../../src/core/uuid.js';
import { UUID_V4 } from './helpers.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('uuid', () => {
  it('returns distinct v4 UUIDs', () => {
    const ids = Array.from({ length: 1000 }, () => uuid());
    for (const id of ids) expect(id).toMatch(UUID_V4);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('draws the random bytes of 32 ids per getRandomValues call', () => {
    const fill = vi.fn((b: Uint8Array) => b.fill(0xab));
    vi.stubGlobal('crypto', { getRandomValues: fill, randomUUID: () => 'unused' });
    const ids = Array.from({ length: 40 }, () => uuid());
    expect(fill).toHaveBeenCalledTimes(2);
    expect(ids[39]).toBe('abababab-abab-4bab-abab-abababababab');
  });

  it('builds a v4 UUID from getRandomValues without randomUUID (insecure context)', () => {
    vi.stubGlobal('crypto', { getRandomValues: (b: Uint8Array) => b.fill(0xff) });
    expect(uuid()).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
  });

  it('builds a v4 UUID from random() without crypto', () => {
    vi.stubGlobal('crypto', undefined);
    const id = uuid(() => 0);
    expect(id).toBe('00000000-0000-4000-8000-000000000000');
    expect(uuid(Math.random)).toMatch(UUID_V4);
  });
});
