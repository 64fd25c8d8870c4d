import { describe, expect, it, vi } from 'vitest';
import type { Queue } from '../../../src/core/queue.js';
import { createIdbQueue } from '../../../src/store/idb-queue.js';
import { createMemoryQueue } from '../../../src/store/memory-queue.js';
import { ev, freshDb, stored } from './helpers.js';

const DAY = 86_400_000;
const T0 = 1_763_830_000_000;
const bounds = { maxEvents: 100, ttlMs: 7 * DAY };
const claimAll = { leaseMs: 35_000, maxEvents: 1000, maxBytes: 1_000_000 };

// The same contract holds for both implementations.
describe.each([
  ['idb', (b = bounds) => createIdbQueue(freshDb(), b)],
  ['memory', (b = bounds) => createMemoryQueue(b)],
] as const)('%s queue', (kind, make: (b?: typeof bounds) => Queue) => {
  it('reports its kind', () => {
    expect(make().kind).toBe(kind);
  });

  it('gives events back oldest first, whatever the write order', async () => {
    const q = make();
    const [a, b, c] = [ev(T0 + 30), ev(T0 + 10), ev(T0 + 20)];
    await q.add([stored(a), stored(b)], T0);
    await q.add([stored(c)], T0);
    const got = await q.claim({ now: T0 + 100, ...claimAll });
    expect(got.map((s) => s.e.id)).toEqual([b.id, c.id, a.id]);
    expect(await q.count()).toBe(3);
  });

  it('never hands a leased event to a second claim until the lease ends', async () => {
    const q = make();
    await q.add([stored(ev(T0)), stored(ev(T0 + 1))], T0);
    const first = await q.claim({ now: T0, ...claimAll });
    expect(first).toHaveLength(2);
    expect(await q.claim({ now: T0 + 1000, ...claimAll })).toHaveLength(0);
    const later = await q.claim({ now: T0 + 35_001, ...claimAll });
    expect(later.map((s) => s.k)).toEqual(first.map((s) => s.k));
  });

  it('keeps a lease written with the event (a beacon sent before the write)', async () => {
    const q = make();
    await q.add([stored(ev(T0), T0 + 60_000), stored(ev(T0 + 1))], T0);
    const got = await q.claim({ now: T0 + 10, ...claimAll });
    expect(got).toHaveLength(1);
    expect(got[0]!.e.ts).toBe(T0 + 1);
  });

  it('skips the keys a page asks it to skip', async () => {
    const q = make();
    const items = [stored(ev(T0)), stored(ev(T0 + 1))];
    await q.add(items, T0);
    const got = await q.claim({ now: T0, ...claimAll, skip: new Set([items[0]!.k]) });
    expect(got.map((s) => s.k)).toEqual([items[1]!.k]);
  });

  it('writes records as they are with putNow, replacing what had the same key', async () => {
    const q = make();
    const e = ev(T0);
    await q.add([stored(e)], T0);
    q.putNow([stored(e, T0 + 60_000), stored(ev(T0 + 1))]);
    await vi.waitFor(async () => expect(await q.count()).toBe(2));
    const got = await q.claim({ now: T0 + 10, ...claimAll });
    expect(got.map((s) => s.e.ts)).toEqual([T0 + 1]); // the first now carries its lease
  });

  it('frees leases on request', async () => {
    const q = make();
    await q.add([stored(ev(T0))], T0);
    const [s] = await q.claim({ now: T0, ...claimAll });
    await q.lease([s!.k], 0);
    expect(await q.claim({ now: T0 + 1, ...claimAll })).toHaveLength(1);
  });

  it('stops a claim at maxEvents and before maxBytes', async () => {
    const q = make();
    const events = Array.from({ length: 10 }, (_, i) => ev(T0 + i, { pad: 'x'.repeat(200) }));
    await q.add(
      events.map((e) => stored(e)),
      T0,
    );
    expect(await q.claim({ now: T0, leaseMs: 1, maxEvents: 3, maxBytes: 1e6 })).toHaveLength(3);
    const size = stored(events[0]!).bytes;
    const byBytes = await q.claim({
      now: T0 + 10,
      leaseMs: 1,
      maxEvents: 100,
      maxBytes: size * 2 + 5,
    });
    expect(byBytes).toHaveLength(2);
    // One event larger than maxBytes still goes alone rather than never.
    const alone = await q.claim({ now: T0 + 20, leaseMs: 1, maxEvents: 100, maxBytes: 10 });
    expect(alone).toHaveLength(1);
  });

  it('removes acknowledged events', async () => {
    const q = make();
    const items = [stored(ev(T0)), stored(ev(T0 + 1))];
    await q.add(items, T0);
    await q.remove([items[0]!.k]);
    expect(await q.count()).toBe(1);
    await q.clear();
    expect(await q.count()).toBe(0);
  });

  it('evicts the oldest past maxEvents and counts them as overflow', async () => {
    const q = make({ maxEvents: 10, ttlMs: DAY });
    const events = Array.from({ length: 15 }, (_, i) => ev(T0 + i));
    await q.add(
      events.map((e) => stored(e)),
      T0,
    );
    expect(await q.count()).toBe(10);
    const left = await q.claim({ now: T0 + 100, ...claimAll });
    expect(left[0]!.e.id).toBe(events[5]!.id);
    expect(await q.dropped()).toEqual({ overflow: 5 });
  });

  it('evicts events older than ttlMs and counts them as expired', async () => {
    const q = make({ maxEvents: 100, ttlMs: DAY });
    await q.add([stored(ev(T0)), stored(ev(T0 + 1)), stored(ev(T0 + DAY))], T0);
    const got = await q.claim({ now: T0 + DAY + 10, ...claimAll });
    expect(got).toHaveLength(1);
    expect(await q.dropped()).toEqual({ expired: 2 });
  });

  it('adds to and subtracts from the drop counters', async () => {
    const q = make();
    expect(await q.dropped({ invalid: 2, rejected: 3 })).toEqual({ invalid: 2, rejected: 3 });
    expect(await q.dropped({ invalid: 1 })).toEqual({ invalid: 3, rejected: 3 });
    expect(await q.dropped(undefined, { invalid: 3, rejected: 1 })).toEqual({ rejected: 2 });
  });
});

describe('idb queue', () => {
  it('is shared by two queues on the same database, as two tabs share it', async () => {
    const name = freshDb();
    const tabA = createIdbQueue(name, bounds);
    const tabB = createIdbQueue(name, bounds);
    await tabA.add(
      Array.from({ length: 20 }, (_, i) => stored(ev(T0 + i))),
      T0,
    );
    const [a, b] = await Promise.all([
      tabA.claim({ now: T0, leaseMs: 30_000, maxEvents: 15, maxBytes: 1e6 }),
      tabB.claim({ now: T0, leaseMs: 30_000, maxEvents: 15, maxBytes: 1e6 }),
    ]);
    const keys = [...a, ...b].map((s) => s.k);
    expect(keys).toHaveLength(20);
    expect(new Set(keys).size).toBe(20);
  });

  it('keeps events across a new connection (a page load)', async () => {
    const name = freshDb();
    await createIdbQueue(name, bounds).add([stored(ev(T0))], T0);
    expect(await createIdbQueue(name, bounds).count()).toBe(1);
  });
});
