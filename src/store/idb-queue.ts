import { createStore, promisifyRequest } from 'idb-keyval';
import { CUT } from '../core/queue.js';
import type { DropCounts, TrackEvent } from '../core/types.js';
import {
  type Bounds,
  type Queue,
  type Stored,
  DROPPED_KEY,
  LEGACY,
  Q_FIRST,
  Q_LAST,
  keyAt,
  mergeDrops,
} from './queue-types.js';

/** Records read per request while claiming. */
const CLAIM_CHUNK = 100;
/** A write checks the bounds at least this often, for what other tabs wrote meanwhile. */
export const TRIM_EVERY_MS = 10_000;
/**
 * A claim checks them unless the last check, by a write or a claim, is this recent: as often as
 * a write, so a send every `batch.intervalMs` (5 s) does not add three counts each time.
 */
export const CLAIM_TRIM_MS = TRIM_EVERY_MS;

/** The lease of one claim (`l:` keys): no sender takes these keys before `until`. */
interface Lease {
  k: string;
  keys: string[];
  until: number;
}

/** A record as the previous version wrote it (`q:` keys): the event as an object. */
type Legacy = Omit<Stored, 'j'> & { e: TrackEvent };

/**
 * The queue in IndexedDB, through an idb-keyval custom store (`<dbName>:v1`, store `queue`).
 * The database is opened on first use, never at import. Every method is one transaction, and
 * awaits only IndexedDB requests inside it, so the transaction stays active (the `idb` rule).
 */
export function createIdbQueue(dbName: string, bounds: Bounds): Queue {
  const whole = createStore(`${dbName}:v1`, 'queue');
  // Transactions that can be cut (Queue.cut): those open now, those cut, and whether the
  // queue is cut (from pagehide to a restore).
  const open = new Set<IDBTransaction>();
  const cutOff = new WeakSet<IDBTransaction>();
  let cutting = false;
  const abort = (t: IDBTransaction) => {
    cutOff.add(t);
    try {
      t.abort();
    } catch {} // finished meanwhile
  };
  const use: typeof whole = (mode, fn) =>
    whole(mode, async (s) => {
      const t = s.transaction;
      if (cutting) abort(t); // then `fn` throws, inactive
      open.add(t);
      try {
        return await fn(s);
      } catch (e) {
        throw cutOff.has(t) ? CUT : e;
      } finally {
        open.delete(t);
      }
    });
  const all = () => IDBKeyRange.bound(Q_FIRST, Q_LAST);
  const done = (s: IDBObjectStore) => promisifyRequest(s.transaction as unknown as IDBRequest);
  const get = <T>(s: IDBObjectStore, k: IDBValidKey) => promisifyRequest<T>(s.get(k));
  // Events this page may still write before the count can pass maxEvents, as of the last trim
  // (other tabs' writes are caught by the next claim, or the next write after TRIM_EVERY_MS).
  let room = 0;
  let trimmedAt = -Infinity;

  // Bounds, inside the caller's transaction: expired first, then the oldest past maxEvents.
  const trim = async (s: IDBObjectStore, now: number): Promise<void> => {
    let expired = 0;
    for (const p of [LEGACY, 'r:']) {
      const old = IDBKeyRange.bound(p, keyAt(now - bounds.ttlMs, p), false, true);
      const n = await promisifyRequest(s.count(old));
      if (n) s.delete(old);
      expired += n;
    }
    const overflow = (await promisifyRequest(s.count(all()))) - bounds.maxEvents;
    if (overflow > 0) {
      const keys = await promisifyRequest(s.getAllKeys(all(), overflow));
      s.delete(IDBKeyRange.bound(Q_FIRST, keys[keys.length - 1]!));
    }
    room = Math.max(0, -overflow);
    trimmedAt = now;
    if (expired || overflow > 0) await drops(s, { expired, overflow: Math.max(0, overflow) });
  };
  const stale = (now: number, ms: number) => room < 0 || now < trimmedAt || now - trimmedAt >= ms;
  // Leases of claims: `l:` records, each the keys of one claim and its end.
  const leases = (s: IDBObjectStore) =>
    promisifyRequest(s.getAll(IDBKeyRange.bound('l:', 'l:\uffff')) as IDBRequest<Lease[]>);
  const putLease = (s: IDBObjectStore, keys: string[], until: number, k = `l:${Math.random()}`) =>
    s.put({ k, keys, until } satisfies Lease, k);
  // Takes keys out of the lease records that hold them.
  const release = async (s: IDBObjectStore, keys: string[]) => {
    const set = new Set(keys);
    for (const l of await leases(s)) {
      const rest = l.keys.filter((k) => !set.has(k));
      if (rest.length === l.keys.length) continue;
      if (rest.length) putLease(s, rest, l.until, l.k);
      else s.delete(l.k);
    }
  };
  const write = (s: IDBObjectStore, items: Stored[]) => {
    for (const v of items) s.put(v, v.k);
  };
  const drops = async (s: IDBObjectStore, add?: DropCounts, subtract?: DropCounts) => {
    const next = mergeDrops(
      mergeDrops((await get<DropCounts | undefined>(s, DROPPED_KEY)) ?? {}, add),
      subtract,
      -1,
    );
    if (add || subtract) s.put(next, DROPPED_KEY);
    return next;
  };

  return {
    kind: 'idb',
    add: (items: Stored[], now: number) =>
      use('readwrite', async (s) => {
        write(s, items);
        room -= items.length;
        if (stale(now, TRIM_EVERY_MS)) await trim(s, now);
        return done(s);
      }),
    putNow: (items) =>
      void whole('readwrite', (s) => {
        write(s, items);
        room -= items.length; // checked by the next write or claim, if the page lives on
        // Measured in Chromium: 0 of 20 puts land on close/reload/navigate without commit(), 20 of 20 with it.
        s.transaction.commit?.();
        return done(s);
      }).catch(() => {}),
    cut() {
      cutting = true;
      open.forEach(abort);
    },
    resume() {
      cutting = false;
    },
    claim: (o) =>
      use('readwrite', async (s) => {
        if (stale(o.now, CLAIM_TRIM_MS)) await trim(s, o.now);
        const dropped = get<DropCounts | undefined>(s, DROPPED_KEY);
        const held = new Set<string>();
        for (const l of await leases(s)) {
          if (l.until <= o.now)
            s.delete(l.k); // ended
          else for (const k of l.keys) held.add(k);
        }
        const items: Stored[] = [];
        const taken: string[] = [];
        const until = o.now + o.leaseMs;
        let bytes = 0;
        let left = 0;
        // Records in key order, a chunk per request (a cursor costs one callback per record).
        let range = all();
        for (let full = false; !full;) {
          const chunk = (await promisifyRequest(s.getAll(range, CLAIM_CHUNK))) as (
            Stored | Legacy
          )[];
          for (const v of chunk) {
            if (v.lease > o.now || held.has(v.k) || o.skip?.has(v.k)) {
              left++;
              continue;
            }
            if (items.length >= o.maxEvents || (items.length && bytes + v.bytes > o.maxBytes)) {
              full = true;
              left++;
              break;
            }
            bytes += v.bytes + 1;
            v.lease = until;
            if ('j' in v) {
              taken.push(v.k);
              items.push(v);
            } else {
              s.put(v, v.k); // the previous version reads only the lease in the record
              items.push({ k: v.k, j: JSON.stringify(v.e), lease: until, bytes: v.bytes });
            }
          }
          if (chunk.length < CLAIM_CHUNK) break;
          range = IDBKeyRange.bound(chunk[chunk.length - 1]!.k, Q_LAST, true);
        }
        // One lease record for the claim, not a put of every event (a put costs the same
        // whatever it writes), in the claim's transaction: two senders never take the same event.
        if (taken.length) putLease(s, taken, until);
        const out = { items, dropped: (await dropped) ?? {}, left };
        await done(s);
        return out;
      }),
    free: (keys) =>
      use('readwrite', async (s) => {
        await release(s, keys);
        for (const k of keys) {
          if (!k.startsWith(LEGACY)) continue;
          const v = await get<Legacy | undefined>(s, k);
          if (v) s.put({ ...v, lease: 0 }, k);
        }
        return done(s);
      }),
    remove: (keys, add, subtract) =>
      use('readwrite', async (s) => {
        // A claim's keys are usually a run of neighbours: one range delete then, if the range
        // holds exactly these keys (another tab may have written between them since).
        const sorted = [...keys].sort();
        const range =
          sorted.length > 1 ? IDBKeyRange.bound(sorted[0], sorted[sorted.length - 1]) : undefined;
        const found = range
          ? await promisifyRequest(s.getAllKeys(range, sorted.length + 1))
          : undefined;
        if (range && found!.length === sorted.length && found!.every((k, i) => k === sorted[i]))
          s.delete(range);
        else for (const k of keys) s.delete(k);
        await release(s, keys); // so claims do not read the leases of sent events
        if (add || subtract) await drops(s, add, subtract);
        return done(s);
      }),
    count: () => use('readonly', (s) => promisifyRequest(s.count(all()))),
    clear: () =>
      whole('readwrite', (s) => {
        s.delete(all()); // lease records of the events end on their own
        return done(s);
      }),
    dropped: (add, subtract) =>
      whole('readwrite', async (s) => {
        const next = await drops(s, add, subtract);
        await done(s);
        return next;
      }),
  };
}
