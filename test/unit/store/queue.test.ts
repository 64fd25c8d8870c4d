import { describe, expect, it, vi } from 'vitest';
import { CUT, type Queue, type Stored } from '../../../src/core/queue.js';
import { CLAIM_TRIM_MS, createIdbQueue, TRIM_EVERY_MS } from '../../../src/store/idb-queue.js';
import { createMemoryQueue } from '../../../src/store/memory-queue.js';
import { ev, eventOf, freshDb, stored, take } from './helpers.js';

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
    const got = await take(q, { now: T0 + 100, ...claimAll });
    expect(got.map((s) => eventOf(s).id)).toEqual([b.id, c.id, a.id]);
    expect(await q.count()).toBe(3);
  });

  it('never hands a leased event to a second claim until the lease ends', async () => {
    const q = make();
    await q.add([stored(ev(T0)), stored(ev(T0 + 1))], T0);
    const first = await take(q, { now: T0, ...claimAll });
    expect(first).toHaveLength(2);
    expect(await take(q, { now: T0 + 1000, ...claimAll })).toHaveLength(0);
    const later = await take(q, { now: T0 + 35_001, ...claimAll });
    expect(later.map((s) => s.k)).toEqual(first.map((s) => s.k));
  });

  it('keeps a lease written with the event (a beacon sent before the write)', async () => {
    const q = make();
    await q.add([stored(ev(T0), T0 + 60_000), stored(ev(T0 + 1))], T0);
    const got = await take(q, { now: T0 + 10, ...claimAll });
    expect(got).toHaveLength(1);
    expect(eventOf(got[0]!).ts).toBe(T0 + 1);
  });

  it('skips the keys a page asks it to skip', async () => {
    const q = make();
    const items = [stored(ev(T0)), stored(ev(T0 + 1))];
    await q.add(items, T0);
    const got = await take(q, { now: T0, ...claimAll, skip: new Set([items[0]!.k]) });
    expect(got.map((s) => s.k)).toEqual([items[1]!.k]);
  });

  it('writes records as they are with putNow, replacing what had the same key', async () => {
    const q = make();
    const e = ev(T0);
    await q.add([stored(e)], T0);
    q.putNow([stored(e, T0 + 60_000), stored(ev(T0 + 1))]);
    await vi.waitFor(async () => expect(await q.count()).toBe(2));
    const got = await take(q, { now: T0 + 10, ...claimAll });
    expect(got.map((s) => eventOf(s).ts)).toEqual([T0 + 1]); // the first now carries its lease
  });

  it('frees leases on request', async () => {
    const q = make();
    await q.add([stored(ev(T0))], T0);
    const [s] = await take(q, { now: T0, ...claimAll });
    await q.free([s!.k]);
    expect(await take(q, { now: T0 + 1, ...claimAll })).toHaveLength(1);
  });

  it('stops a claim at maxEvents and before maxBytes', async () => {
    const q = make();
    const events = Array.from({ length: 10 }, (_, i) => ev(T0 + i, { pad: 'x'.repeat(200) }));
    await q.add(
      events.map((e) => stored(e)),
      T0,
    );
    expect(await take(q, { now: T0, leaseMs: 1, maxEvents: 3, maxBytes: 1e6 })).toHaveLength(3);
    const size = stored(events[0]!).bytes;
    const byBytes = await take(q, {
      now: T0 + 10,
      leaseMs: 1,
      maxEvents: 100,
      maxBytes: size * 2 + 5,
    });
    expect(byBytes).toHaveLength(2);
    // One event larger than maxBytes still goes alone rather than never.
    const alone = await take(q, { now: T0 + 20, leaseMs: 1, maxEvents: 100, maxBytes: 10 });
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
    const left = await take(q, { now: T0 + 100, ...claimAll });
    expect(eventOf(left[0]!).id).toBe(events[5]!.id);
    expect(await q.dropped()).toEqual({ overflow: 5 });
  });

  it('evicts events older than ttlMs and counts them as expired', async () => {
    const q = make({ maxEvents: 100, ttlMs: DAY });
    await q.add([stored(ev(T0)), stored(ev(T0 + 1)), stored(ev(T0 + DAY))], T0);
    const got = await take(q, { now: T0 + DAY + 10, ...claimAll });
    expect(got).toHaveLength(1);
    expect(await q.dropped()).toEqual({ expired: 2 });
  });

  it('returns the drop counters and what it left with a claim', async () => {
    const q = make({ maxEvents: 3, ttlMs: DAY });
    await q.add(
      Array.from({ length: 5 }, (_, i) => stored(ev(T0 + i))),
      T0,
    );
    const a = await q.claim({ now: T0, leaseMs: 1000, maxEvents: 1, maxBytes: 1e6 });
    expect(a.items).toHaveLength(1);
    expect(a.dropped).toEqual({ overflow: 2 });
    expect(a.left).toBeGreaterThanOrEqual(1); // stopped at maxEvents
    const b = await q.claim({ now: T0, ...claimAll });
    expect(b.items).toHaveLength(2);
    expect(b.left).toBe(1); // the leased one, and the scan reached the end
    const c = await q.claim({ now: T0, ...claimAll });
    expect([c.items.length, c.left]).toEqual([0, 3]);
  });

  it('removes events and updates the drop counters in one call', async () => {
    const q = make();
    const items = [stored(ev(T0)), stored(ev(T0 + 1)), stored(ev(T0 + 2))];
    await q.add(items, T0);
    await q.dropped({ overflow: 4 });
    await q.remove([items[0]!.k, items[2]!.k], { rejected: 2 }, { overflow: 4 });
    expect((await take(q, { now: T0, ...claimAll })).map((s) => s.k)).toEqual([items[1]!.k]);
    expect(await q.dropped()).toEqual({ rejected: 2 });
  });

  it('removes only the given keys when others were written between them', async () => {
    const q = make();
    const [a, b, c] = [ev(T0), ev(T0 + 1), ev(T0 + 2)];
    await q.add([stored(a), stored(c)], T0);
    const got = await take(q, { now: T0, ...claimAll });
    await q.add([stored(b)], T0); // another tab's late write, keyed between the two
    await q.remove(got.map((s) => s.k));
    expect((await take(q, { now: T0 + 1, ...claimAll })).map((s) => eventOf(s).id)).toEqual([b.id]);
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
      take(tabA, { now: T0, leaseMs: 30_000, maxEvents: 15, maxBytes: 1e6 }),
      take(tabB, { now: T0, leaseMs: 30_000, maxEvents: 15, maxBytes: 1e6 }),
    ]);
    const keys = [...a, ...b].map((s) => s.k);
    expect(keys).toHaveLength(20);
    expect(new Set(keys).size).toBe(20);
  });

  it('checks the bounds on a write only when they may be crossed, or every TRIM_EVERY_MS', async () => {
    const q = createIdbQueue(freshDb(), { maxEvents: 10, ttlMs: DAY });
    const count = vi.spyOn(IDBObjectStore.prototype, 'count');
    // Whether `step` checked the bounds (counted the store).
    const checks = async (step: () => Promise<unknown>) => {
      const n = count.mock.calls.length;
      await step();
      return count.mock.calls.length > n;
    };
    try {
      expect(await checks(() => q.add([stored(ev(T0))], T0))).toBe(true); // the first write
      for (let i = 1; i < 9; i++)
        expect(await checks(() => q.add([stored(ev(T0 + i))], T0 + i))).toBe(false); // 9 of 10
      const three = [stored(ev(T0 + 9)), stored(ev(T0 + 10)), stored(ev(T0 + 11))];
      expect(await checks(() => q.add(three, T0 + 9))).toBe(true); // past the bound: checked
      expect(await q.count()).toBe(10);
      expect(await q.dropped()).toEqual({ overflow: 2 });
      let claimed: Stored[] = [];
      // The last check is under CLAIM_TRIM_MS old: the claim does not check again.
      expect(
        await checks(async () => (claimed = await take(q, { now: T0 + 20, ...claimAll }))),
      ).toBe(false);
      await q.remove(claimed.slice(0, 5).map((s) => s.k));
      const t = T0 + 9 + CLAIM_TRIM_MS;
      expect(await checks(() => take(q, { now: t, ...claimAll }))).toBe(true);
      const five = Array.from({ length: 5 }, (_, i) => stored(ev(T0 + 30 + i)));
      expect(await checks(() => q.add(five, t))).toBe(false); // the claim found room for 5
      expect(await checks(() => q.add([stored(ev(T0 + 40))], t))).toBe(true); // one too many
      // With room left, a write checks again once the last check is TRIM_EVERY_MS old.
      const r = createIdbQueue(freshDb(), { maxEvents: 10, ttlMs: DAY });
      expect(await checks(() => r.add([stored(ev(T0))], T0))).toBe(true);
      const soon = T0 + TRIM_EVERY_MS - 1;
      expect(await checks(() => r.add([stored(ev(T0 + 1))], soon))).toBe(false);
      expect(await checks(() => r.add([stored(ev(T0 + 2))], T0 + TRIM_EVERY_MS))).toBe(true);
    } finally {
      count.mockRestore();
    }
    expect(await q.count()).toBe(10);
    expect(await q.dropped()).toEqual({ overflow: 3 });
  });

  it("counts overflow exactly when another tab's writes passed the bound", async () => {
    const name = freshDb();
    const b = { maxEvents: 10, ttlMs: DAY };
    const tabA = createIdbQueue(name, b);
    const tabB = createIdbQueue(name, b);
    await tabA.add([stored(ev(T0))], T0);
    for (let i = 0; i < 3; i++)
      await tabB.add(
        Array.from({ length: 4 }, (_, j) => stored(ev(T0 + 1 + i * 4 + j))),
        T0,
      );
    await tabA.add([stored(ev(T0 + 20))], T0 + 1); // A's room is intact: no check
    expect(await tabA.count()).toBe(11); // B checked before A's last write
    const got = await take(tabA, { now: T0 + CLAIM_TRIM_MS, ...claimAll });
    expect(got).toHaveLength(10);
    expect(await tabA.dropped()).toEqual({ overflow: 4 }); // 14 written, 10 kept
  });

  it('reads and sends the records of the previous version (q: keys, the event as an object)', async () => {
    const name = freshDb();
    const q = createIdbQueue(name, bounds);
    const old = ev(T0);
    const key = `q:${old.ts.toString(36).padStart(9, '0')}:${old.seq.toString(36).padStart(6, '0')}:${old.id}`;
    const bytes = JSON.stringify(old).length;
    await q.count(); // creates the database
    await rawPut(name, key, { k: key, e: old, lease: 0, bytes });
    const now = ev(T0 + 5);
    await q.add([stored(now)], T0 + 5);
    const got = await take(q, { now: T0 + 10, ...claimAll });
    expect(got.map((s) => eventOf(s))).toEqual([old, now]);
    expect(got[0]).toMatchObject({ k: key, bytes, lease: T0 + 10 + claimAll.leaseMs });
    // Its lease is written into the record as it was, so that version still reads it.
    const raw = (await rawGet(name, key)) as { e: unknown; lease: number };
    expect(raw).toEqual({ k: key, e: old, lease: T0 + 10 + claimAll.leaseMs, bytes });
    await q.free([key]);
    expect(await rawGet(name, key)).toEqual({ k: key, e: old, lease: 0, bytes });
    await q.remove(got.map((s) => s.k));
    expect(await q.count()).toBe(0);
  });

  it("keeps new records out of the previous version's range, so its tabs never read them", async () => {
    const name = freshDb();
    const q = createIdbQueue(name, bounds);
    await q.add([stored(ev(T0)), stored(ev(T0 + 1))], T0);
    expect(await rawCount(name, IDBKeyRange.bound('q:', 'q:\uffff'))).toBe(0);
    expect(await q.count()).toBe(2);
  });

  it('expires records of both versions, and counts them', async () => {
    const name = freshDb();
    const q = createIdbQueue(name, { maxEvents: 100, ttlMs: DAY });
    const old = ev(T0);
    const key = `q:${old.ts.toString(36).padStart(9, '0')}:000000:${old.id}`;
    await q.count();
    await rawPut(name, key, { k: key, e: old, lease: 0, bytes: 10 });
    await q.add([stored(ev(T0 + 1)), stored(ev(T0 + DAY))], T0);
    expect(await take(q, { now: T0 + DAY + 10, ...claimAll })).toHaveLength(1);
    expect(await q.dropped()).toEqual({ expired: 2 });
  });

  it('leases a claim with one lease record, not a write of every event', async () => {
    const name = freshDb();
    const q = createIdbQueue(name, bounds);
    const items = Array.from({ length: 10 }, (_, i) => stored(ev(T0 + i)));
    await q.add(items, T0);
    const put = vi.spyOn(IDBObjectStore.prototype, 'put');
    let got;
    try {
      got = await take(q, { now: T0, ...claimAll, maxEvents: 6 });
      expect(put).toHaveBeenCalledTimes(1);
    } finally {
      put.mockRestore();
    }
    expect(got).toHaveLength(6);
    expect(await rawCount(name, IDBKeyRange.bound('l:', 'l:\uffff'))).toBe(1);
    // Freeing some keys leaves the others leased.
    await q.free([got[0]!.k, got[1]!.k]);
    const next = await take(q, { now: T0 + 1, ...claimAll });
    expect(next.map((s) => s.k)).toEqual([got[0]!.k, got[1]!.k, ...items.slice(6).map((s) => s.k)]);
    // Ended leases are deleted by the next claim.
    const last = await take(q, { now: T0 + claimAll.leaseMs + 1, ...claimAll });
    expect(last).toHaveLength(10);
    expect(await rawCount(name, IDBKeyRange.bound('l:', 'l:\uffff'))).toBe(1); // that claim's own
    // Removing the events takes them out of their lease record, gone once it holds no key.
    await q.remove(last.slice(0, 4).map((s) => s.k));
    expect(await rawCount(name, IDBKeyRange.bound('l:', 'l:\uffff'))).toBe(1);
    await q.remove(last.slice(4).map((s) => s.k));
    expect(await rawCount(name, IDBKeyRange.bound('l:', 'l:\uffff'))).toBe(0);
  });

  it('cut (pagehide): aborts a claim waiting for a read, and all it is asked until resumed', async () => {
    const q = createIdbQueue(freshDb(), bounds);
    const events = [ev(T0), ev(T0 + 1)];
    await q.add(
      events.map((e) => stored(e)),
      T0,
    );
    // The cut comes once the claim's first read is answered: its transaction is open, waiting.
    const getAll = IDBObjectStore.prototype.getAll;
    const spy = vi.spyOn(IDBObjectStore.prototype, 'getAll').mockImplementation(function (
      this: IDBObjectStore,
      ...a
    ) {
      const r = getAll.apply(this, a);
      r.addEventListener('success', () => q.cut(), { once: true });
      return r;
    });
    await expect(q.claim({ now: T0, ...claimAll })).rejects.toBe(CUT);
    spy.mockRestore();
    // A page between pagehide and its freeze may still run tasks: what they ask is cut too.
    await new Promise((ok) => setTimeout(ok, 0));
    await expect(q.add([stored(ev(T0 + 2))], T0)).rejects.toBe(CUT);
    q.resume(); // restored from the back/forward cache
    // The claim took no lease: a later one gets every event.
    const got = await take(q, { now: T0 + 1, ...claimAll });
    expect(got.map((x) => eventOf(x).id)).toEqual(events.map((e) => e.id));
  });

  it('never cuts putNow or the drop counters', async () => {
    const q = createIdbQueue(freshDb(), bounds);
    const counted = q.dropped({ invalid: 2 });
    q.cut();
    q.putNow([stored(ev(T0))]);
    await expect(counted).resolves.toEqual({ invalid: 2 });
    q.resume();
    await new Promise((ok) => setTimeout(ok, 0));
    expect(await q.count()).toBe(1);
    expect(await q.dropped()).toEqual({ invalid: 2 });
  });

  it('keeps events across a new connection (a page load)', async () => {
    const name = freshDb();
    await createIdbQueue(name, bounds).add([stored(ev(T0))], T0);
    expect(await createIdbQueue(name, bounds).count()).toBe(1);
  });
});

/** The database of `name` opened directly, as another version of the SDK would. */
function raw<T>(name: string, mode: IDBTransactionMode, op: (s: IDBObjectStore) => IDBRequest<T>) {
  return new Promise<T>((ok, fail) => {
    const open = indexedDB.open(`${name}:v1`);
    open.onerror = () => fail(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const req = op(db.transaction('queue', mode).objectStore('queue'));
      req.onsuccess = () => (db.close(), ok(req.result));
      req.onerror = () => (db.close(), fail(req.error));
    };
  });
}
const rawPut = (name: string, k: string, v: unknown) => raw(name, 'readwrite', (s) => s.put(v, k));
const rawGet = (name: string, k: string) => raw(name, 'readonly', (s) => s.get(k));
const rawCount = (name: string, r: IDBKeyRange) => raw(name, 'readonly', (s) => s.count(r));
