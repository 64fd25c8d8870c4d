import { createStore, promisifyRequest } from 'idb-keyval';
import type { DropCounts } from '../core/types.js';
import {
  type Bounds,
  type Queue,
  type Stored,
  DROPPED_KEY,
  Q_FIRST,
  Q_LAST,
  keyAt,
  mergeDrops,
} from './queue-types.js';

/** Records read per request while claiming. */
const CLAIM_CHUNK = 100;

/**
 * The queue in IndexedDB, through an idb-keyval custom store (`<dbName>:v1`, store `queue`).
 * The database is opened on first use, never at import. Every method is one transaction, and
 * awaits only IndexedDB requests inside it, so the transaction stays active (the `idb` rule).
 */
export function createIdbQueue(dbName: string, bounds: Bounds): Queue {
  const use = createStore(`${dbName}:v1`, 'queue');
  const all = () => IDBKeyRange.bound(Q_FIRST, Q_LAST);
  const done = (s: IDBObjectStore) => promisifyRequest(s.transaction as unknown as IDBRequest);

  // Bounds, inside the caller's transaction: expired first, then the oldest past maxEvents.
  const trim = async (s: IDBObjectStore, now: number): Promise<void> => {
    const old = IDBKeyRange.bound(Q_FIRST, keyAt(now - bounds.ttlMs), false, true);
    const expired = await promisifyRequest(s.count(old));
    if (expired) s.delete(old);
    const total = await promisifyRequest(s.count(all()));
    const overflow = total - bounds.maxEvents;
    if (overflow > 0) {
      const keys = await promisifyRequest(s.getAllKeys(all(), overflow));
      s.delete(IDBKeyRange.bound(Q_FIRST, keys[keys.length - 1]!));
    }
    if (expired > 0 || overflow > 0) {
      const prev = (await promisifyRequest(s.get(DROPPED_KEY))) as DropCounts | undefined;
      s.put(mergeDrops(prev ?? {}, { expired, overflow: Math.max(0, overflow) }), DROPPED_KEY);
    }
  };

  return {
    kind: 'idb',
    add: (items: Stored[], now: number) =>
      use('readwrite', async (s) => {
        for (const { k, e, lease, bytes } of items)
          s.put({ k, e, lease, bytes } satisfies Stored, k);
        await trim(s, now);
        return done(s);
      }),
    putNow: (items) =>
      void use('readwrite', (s) => {
        for (const { k, e, lease, bytes } of items)
          s.put({ k, e, lease, bytes } satisfies Stored, k);
        // Measured in Chromium: 0 of 20 puts land on close/reload/navigate without commit(), 20 of 20 with it.
        s.transaction.commit?.();
        return done(s);
      }).catch(() => {}),
    claim: (o) =>
      use('readwrite', async (s) => {
        await trim(s, o.now);
        const out: Stored[] = [];
        let bytes = 0;
        // Records in key order, a chunk per request (a cursor costs one callback per record).
        let range = all();
        for (let full = false; !full;) {
          const chunk = (await promisifyRequest(s.getAll(range, CLAIM_CHUNK))) as Stored[];
          for (const v of chunk) {
            if (v.lease > o.now || o.skip?.has(v.k)) continue;
            if (out.length >= o.maxEvents || (out.length && bytes + v.bytes > o.maxBytes)) {
              full = true;
              break;
            }
            v.lease = o.now + o.leaseMs;
            s.put(v, v.k);
            bytes += v.bytes + 1;
            out.push(v);
          }
          if (chunk.length < CLAIM_CHUNK) break;
          range = IDBKeyRange.bound(chunk[chunk.length - 1]!.k, Q_LAST, true);
        }
        await done(s);
        return out;
      }),
    lease: (keys, until) =>
      use('readwrite', async (s) => {
        for (const k of keys) {
          const v = (await promisifyRequest(s.get(k))) as Stored | undefined;
          if (v) s.put({ ...v, lease: until }, k);
        }
        return done(s);
      }),
    remove: (keys) =>
      use('readwrite', (s) => {
        for (const k of keys) s.delete(k);
        return done(s);
      }),
    count: () => use('readonly', (s) => promisifyRequest(s.count(all()))),
    clear: () =>
      use('readwrite', (s) => {
        s.delete(all());
        return done(s);
      }),
    dropped: (add, subtract) =>
      use('readwrite', async (s) => {
        const prev = ((await promisifyRequest(s.get(DROPPED_KEY))) as DropCounts | undefined) ?? {};
        const next = mergeDrops(mergeDrops(prev, add), subtract, -1);
        if (add || subtract) s.put(next, DROPPED_KEY);
        await done(s);
        return next;
      }),
  };
}
