import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  MAX_DEPTH,
  MAX_ITEMS,
  MAX_KEYS,
  MAX_STRING_CHARS,
  sanitizeProps,
} from '../../../src/core/sanitize.js';
import type { Json } from '../../../src/core/types.js';

const clean = (v: unknown) => {
  const notes: string[] = [];
  const out = sanitizeProps(v, (w) => notes.push(w));
  return { out, notes };
};

/** Depth of nested objects/arrays: a scalar is 0. */
function depthOf(v: Json): number {
  if (v === null || typeof v !== 'object') return 0;
  const children = Array.isArray(v) ? v : Object.values(v);
  return 1 + Math.max(0, ...children.map(depthOf));
}

/** Fails unless `v` is JSON within the sanitiser's bounds. */
function expectBoundedJson(v: unknown): void {
  switch (typeof v) {
    case 'string':
      expect(v.length).toBeLessThanOrEqual(MAX_STRING_CHARS);
      return;
    case 'number':
      expect(Number.isFinite(v)).toBe(true);
      return;
    case 'boolean':
      return;
    case 'object':
      if (v === null) return;
      if (Array.isArray(v)) {
        expect(v.length).toBeLessThanOrEqual(MAX_ITEMS);
        v.forEach(expectBoundedJson);
        return;
      }
      expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
      expect(Object.keys(v).length).toBeLessThanOrEqual(MAX_KEYS);
      Object.values(v).forEach(expectBoundedJson);
      return;
    default:
      throw new Error(`not JSON: ${typeof v}`);
  }
}

describe('sanitizeProps', () => {
  it('keeps plain JSON as it is', () => {
    const props = { sku: 'A1', price: 29.9, qty: 2, gift: false, tags: ['a', 'b'], meta: null };
    expect(clean(props).out).toEqual(props);
    expect(clean(props).notes).toEqual([]);
  });

  it('returns {} for undefined and null props', () => {
    expect(clean(undefined).out).toEqual({});
    expect(clean(null).out).toEqual({});
  });

  it('wraps a scalar props value and notes it', () => {
    const { out, notes } = clean('just a string');
    expect(out).toEqual({ value: 'just a string' });
    expect(notes).toContain('props is not an object');
  });

  it('replaces a cycle with "[Circular]"', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    const b: Record<string, unknown> = { list: [a] };
    a.b = b;
    const { out, notes } = clean(a);
    expect(out).toEqual({ name: 'a', self: '[Circular]', b: { list: ['[Circular]'] } });
    expect(notes).toContain('circular reference');
    expect(() => JSON.stringify(out)).not.toThrow();
  });

  it('keeps an object referenced twice without a cycle', () => {
    const shared = { id: 1 };
    expect(clean({ x: shared, y: shared, z: [shared, shared] }).out).toEqual({
      x: { id: 1 },
      y: { id: 1 },
      z: [{ id: 1 }, { id: 1 }],
    });
  });

  it('truncates a 1 MB string to 1000 characters', () => {
    const { out, notes } = clean({ blob: 'x'.repeat(1_000_000), short: 'ok' });
    expect(out.blob).toBe('x'.repeat(MAX_STRING_CHARS));
    expect(MAX_STRING_CHARS).toBe(1000);
    expect(out.short).toBe('ok');
    expect(notes).toContain('string truncated');
  });

  it('drops functions and symbols, and ignores symbol keys', () => {
    const { out, notes } = clean({
      fn: () => 1,
      sym: Symbol('s'),
      [Symbol('k')]: 'hidden',
      undef: undefined,
      kept: 1,
      list: [() => 1, Symbol('x'), undefined, 2],
    });
    expect(out).toEqual({ kept: 1, list: [null, null, null, 2] });
    expect(notes).toEqual(expect.arrayContaining(['function dropped', 'symbol dropped']));
  });

  it('turns a bigint into a string', () => {
    expect(clean({ big: 12345678901234567890n }).out).toEqual({ big: '12345678901234567890' });
  });

  it('turns a Date into an ISO string, and an invalid Date into null', () => {
    const d = new Date(Date.UTC(2025, 10, 22, 12, 0, 0));
    expect(clean({ at: d, bad: new Date(Number.NaN) }).out).toEqual({
      at: '2025-11-22T12:00:00.000Z',
      bad: null,
    });
  });

  it('turns NaN and infinities into null', () => {
    expect(clean({ a: Number.NaN, b: Infinity, c: -Infinity, d: 0 }).out).toEqual({
      a: null,
      b: null,
      c: null,
      d: 0,
    });
  });

  it('keeps an Error as its name and message', () => {
    expect(clean({ err: new TypeError('bad sku') }).out).toEqual({
      err: { name: 'TypeError', message: 'bad sku' },
    });
  });

  it('cuts nesting deeper than MAX_DEPTH', () => {
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 20; i++) deep = { next: deep };
    const { out, notes } = clean(deep);
    expect(depthOf(out)).toBeLessThanOrEqual(MAX_DEPTH + 1);
    expect(JSON.stringify(out)).toContain('[Truncated]');
    expect(notes).toContain('too deep');
  });

  it('keeps at most MAX_KEYS keys and MAX_ITEMS items', () => {
    const many = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`k${i}`, i]));
    const { out, notes } = clean({ ...many, list: Array.from({ length: 500 }, (_, i) => i) });
    expect(Object.keys(out)).toHaveLength(MAX_KEYS);
    expect(out.k0).toBe(0);
    const inner = clean({ list: Array.from({ length: 500 }, (_, i) => i) }).out.list as Json[];
    expect(inner).toHaveLength(MAX_ITEMS);
    expect(inner[0]).toBe(0);
    expect(notes).toContain('too many keys');
  });

  it('cuts keys longer than 100 characters', () => {
    const { out } = clean({ ['k'.repeat(500)]: 1 });
    expect(Object.keys(out)).toEqual(['k'.repeat(100)]);
  });

  it('keeps a "__proto__" key as plain data, without changing the prototype', () => {
    const json = '{"__proto__":{"isAdmin":true},"a":1}';
    const { out } = clean(JSON.parse(json));
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect((out as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(JSON.stringify(out)).toBe(json);
  });

  it('survives a getter that throws', () => {
    const hostile = {
      ok: 1,
      get bad(): never {
        throw new Error('getter');
      },
    };
    const note = vi.fn();
    let out: unknown;
    expect(() => (out = sanitizeProps({ nested: hostile, sibling: 'kept' }, note))).not.toThrow();
    expect(out).toMatchObject({ sibling: 'kept' });
    expect(note).toHaveBeenCalledWith('unreadable value');
    expect(() => sanitizeProps(hostile, note)).not.toThrow();
    // Only the throwing key is lost, not its siblings.
    expect(sanitizeProps(hostile, note)).toEqual({ ok: 1 });
  });

  it('survives a Proxy whose traps throw', () => {
    const boom = () => {
      throw new Error('trap');
    };
    const proxies = [
      new Proxy({}, { ownKeys: boom }),
      new Proxy({ a: 1 }, { get: boom }),
      new Proxy({}, { getPrototypeOf: boom }),
      new Proxy([], { get: boom }),
    ];
    for (const p of proxies) {
      let out: unknown;
      expect(() => (out = sanitizeProps({ p, kept: true }, () => {}))).not.toThrow();
      expect(out).toMatchObject({ kept: true });
      expect(() => sanitizeProps(p, () => {})).not.toThrow();
    }
  });

  it('returns bounded JSON for any input', () => {
    fc.assert(
      fc.property(
        fc.anything({
          withBigInt: true,
          withDate: true,
          withMap: true,
          withSet: true,
          withNullPrototype: true,
          withTypedArray: true,
          withSparseArray: true,
          withBoxedValues: true,
          withObjectString: true,
          maxDepth: 8,
        }),
        (v) => {
          const out = sanitizeProps(v, () => {});
          expectBoundedJson(out);
          expect(JSON.parse(JSON.stringify(out))).toBeTypeOf('object');
        },
      ),
      { numRuns: 500 },
    );
  });
});
