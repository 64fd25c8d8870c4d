import { afterEach, describe, expect, it, vi } from 'vitest';
import { CUT, type Queue } from '../../../src/core/queue.js';
import { createIdbQueue } from '../../../src/store/idb-queue.js';
import { createQueue, IDB_OPEN_TIMEOUT_MS } from '../../../src/store/create-queue.js';
import { createMemoryQueue } from '../../../src/store/memory-queue.js';
import { ev, eventOf, freshDb, stored, take } from './helpers.js';

const T0 = 1_763_830_000_000;
const bounds = { maxEvents: 100, ttlMs: 86_400_000 };
const claim = { now: T0, leaseMs: 1000, maxEvents: 100, maxBytes: 1e6 };

/** A queue whose every method fails like `fail` says. */
function broken(fail: (method: string) => Promise<never>): Queue {
  const m = createMemoryQueue(bounds);
  const wrap = (name: keyof Queue) => () => fail(name);
  return {
    ...m,
    kind: 'idb',
    add: wrap('add'),
    claim: wrap('claim'),
    count: wrap('count'),
  } as Queue;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createQueue', () => {
  it('uses IndexedDB when it works', async () => {
    const onFallback = vi.fn();
    const q = createQueue(freshDb(), bounds, onFallback);
    await q.add([stored(ev(T0))], T0);
    expect(q.kind).toBe('idb');
    expect(await q.count()).toBe(1);
    expect(onFallback).not.toHaveBeenCalled();
  });

  it('passes a cut on without falling back: IndexedDB did not fail', async () => {
    const onFallback = vi.fn();
    const idb = createIdbQueue(freshDb(), bounds);
    const q = createQueue(freshDb(), bounds, onFallback, () => idb);
    await q.add([stored(ev(T0))], T0);
    const claimed = q.claim(claim);
    q.cut();
    await expect(claimed).rejects.toBe(CUT);
    q.resume();
    expect(q.kind).toBe('idb');
    expect(onFallback).not.toHaveBeenCalled();
    expect(await take(q, claim)).toHaveLength(1);
  });

  it('keeps working in memory where IndexedDB is missing, and says so once', async () => {
    const onFallback = vi.fn();
    const q = createQueue(freshDb(), bounds, onFallback, () => undefined);
    await q.add([stored(ev(T0)), stored(ev(T0 + 1))], T0);
    expect(q.kind).toBe('memory');
    expect(await take(q, claim)).toHaveLength(2);
    expect(onFallback).toHaveBeenCalledTimes(1);
  });

  it('falls back when the global indexedDB is absent', async () => {
    const saved = globalThis.indexedDB;
    // @ts-expect-error simulating a browser without IndexedDB
    delete globalThis.indexedDB;
    try {
      const onFallback = vi.fn();
      const q = createQueue(freshDb(), bounds, onFallback);
      await q.add([stored(ev(T0))], T0);
      expect(q.kind).toBe('memory');
      expect(onFallback).toHaveBeenCalledTimes(1);
    } finally {
      globalThis.indexedDB = saved;
    }
  });

  it('falls back when creating the store throws (e.g. SecurityError in a sandbox)', async () => {
    const onFallback = vi.fn();
    const q = createQueue(freshDb(), bounds, onFallback, () => {
      throw new DOMException('denied', 'SecurityError');
    });
    await q.add([stored(ev(T0))], T0);
    expect(q.kind).toBe('memory');
    expect(await q.count()).toBe(1);
    expect(onFallback).toHaveBeenCalledTimes(1);
  });

  it('falls back when the database open is blocked and never answers', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const onFallback = vi.fn();
    const q = createQueue(freshDb(), bounds, onFallback, () => broken(() => new Promise(() => {})));
    const added = q.add([stored(ev(T0))], T0);
    await vi.advanceTimersByTimeAsync(IDB_OPEN_TIMEOUT_MS + 1);
    await added;
    expect(q.kind).toBe('memory');
    expect(await take(q, claim)).toHaveLength(1);
    expect(onFallback).toHaveBeenCalledTimes(1);
  });

  it('falls back when a write throws, and keeps the events of that write', async () => {
    const onFallback = vi.fn();
    let calls = 0;
    const q = createQueue(freshDb(), bounds, onFallback, () =>
      broken((method) =>
        method === 'count' && calls++ === 0
          ? (Promise.resolve(0) as Promise<never>)
          : Promise.reject(new DOMException('quota', 'QuotaExceededError')),
      ),
    );
    const e = ev(T0);
    await q.add([stored(e)], T0);
    expect(q.kind).toBe('memory');
    const got = await take(q, claim);
    expect(got.map((s) => eventOf(s).id)).toEqual([e.id]);
    expect(onFallback).toHaveBeenCalledTimes(1);
    expect(String(onFallback.mock.calls[0]![0])).toMatch(/quota/i);
  });

  it('falls back when a real IndexedDB write goes over quota', async () => {
    const onFallback = vi.fn();
    const q = createQueue(freshDb(), bounds, onFallback);
    await q.add([stored(ev(T0))], T0); // opened and working
    const spy = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    try {
      await q.add([stored(ev(T0 + 1))], T0);
    } finally {
      spy.mockRestore();
    }
    expect(q.kind).toBe('memory');
    expect(await q.count()).toBe(1); // the event of the failed write, now in memory
    expect(onFallback).toHaveBeenCalledTimes(1);
  });
});

describe('createQueue after a fallback', () => {
  it('serves every method from memory, and putNow too', async () => {
    const onFallback = vi.fn();
    const q = createQueue(freshDb(), bounds, onFallback, () => undefined);
    const a = stored(ev(T0));
    const b = stored(ev(T0 + 1));
    q.putNow([a]);
    await q.add([b], T0);
    expect(await q.count()).toBe(2);
    const got = await take(q, claim);
    await q.free([got[0]!.k]);
    await q.remove([got[1]!.k]);
    expect(await q.dropped({ invalid: 1 })).toEqual({ invalid: 1 });
    expect(await q.count()).toBe(1);
    await q.clear();
    expect(await q.count()).toBe(0);
  });

  it('keeps a putNow that IndexedDB refused, in memory', async () => {
    const q = createQueue(freshDb(), bounds, vi.fn(), () => ({
      ...broken(() => Promise.reject(new Error('x'))),
      putNow: () => {
        throw new DOMException('closing', 'InvalidStateError');
      },
    }));
    q.putNow([stored(ev(T0))]);
    const memory = await take(q, claim); // falls back on this failed call, then reads memory
    expect(memory).toHaveLength(1);
  });
});
