import { CUT } from '../core/queue.js';
import type { Queue, Bounds } from './queue-types.js';
import { createIdbQueue } from './idb-queue.js';
import { createMemoryQueue } from './memory-queue.js';

/** How long the first IndexedDB call may take before the queue gives up on it (a blocked open). */
export const IDB_OPEN_TIMEOUT_MS = 3_000;

/**
 * The IndexedDB queue, falling back to memory for good on the first failure: missing API,
 * blocked or failed open, a throwing or over-quota write. The fallback is announced once through
 * `onFallback`. What IndexedDB already holds stays there for a later page.
 */
export function createQueue(
  dbName: string,
  bounds: Bounds,
  onFallback: (reason: unknown) => void,
  idb: () => Queue | undefined = () =>
    typeof indexedDB === 'undefined' ? undefined : createIdbQueue(dbName, bounds),
): Queue {
  const memory = createMemoryQueue(bounds);
  let impl: Queue = memory;
  let opened: Promise<unknown> | undefined;
  try {
    const q = idb();
    if (q) impl = q;
    else onFallback(new Error('IndexedDB is not available'));
  } catch (e) {
    onFallback(e);
  }

  const fallBack = (e: unknown) => {
    if (impl === memory) return;
    impl = memory;
    onFallback(e);
  };
  const ready = (): Promise<unknown> =>
    (opened ??= new Promise((resolve, reject) => {
      const t = setTimeout(
        () => reject(new Error('IndexedDB open timed out (blocked?)')),
        IDB_OPEN_TIMEOUT_MS,
      );
      impl.count().then(
        (n) => (clearTimeout(t), resolve(n)),
        // A cut count ran in an opened database: IndexedDB works.
        (e: unknown) => (clearTimeout(t), e === CUT ? resolve(0) : reject(e)),
      );
    }).catch(fallBack));

  const call =
    <A extends unknown[], R>(m: (q: Queue) => (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      if (impl !== memory) await ready();
      const q = impl;
      try {
        return await m(q)(...a);
      } catch (e) {
        if (q === memory || e === CUT) throw e; // a cut is not a failure of IndexedDB
        fallBack(e);
        return m(memory)(...a);
      }
    };

  return {
    get kind() {
      return impl.kind;
    },
    add: call((q) => q.add),
    putNow: (items) => {
      try {
        impl.putNow(items);
      } catch {
        memory.putNow(items);
      }
    },
    cut: () => impl.cut(),
    resume: () => impl.resume(),
    claim: call((q) => q.claim),
    free: call((q) => q.free),
    remove: call((q) => q.remove),
    count: call((q) => q.count),
    clear: call((q) => q.clear),
    dropped: call((q) => q.dropped),
  };
}
