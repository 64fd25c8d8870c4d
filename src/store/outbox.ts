import type { Outbox, Queue, Stored } from '../core/queue.js';
import { keyOf } from './queue-types.js';

/** Upper bound between `track()` and the IndexedDB write (the guarantee is 500 ms). */
export const PERSIST_DELAY_MS = 400;

/**
 * @param onPersisted - called after each successful write (the batcher may send then)
 * @param onError - a write that failed even in memory (should not happen)
 */
export function createOutbox(
  queue: Queue,
  maxOwn: number,
  now: () => number,
  schedule: (fn: () => void, ms: number) => void,
  onPersisted: () => void,
  onError: (e: unknown) => void,
): Outbox {
  const own = new Map<string, Stored>();
  let pending: Stored[] = [];
  const saved = new Set<string>(); // own events whose write has completed
  let timer = false;
  let bytes = 0;
  let writing: Promise<void> = Promise.resolve();

  const persist = (): Promise<void> => {
    timer = false;
    if (!pending.length) return writing;
    const batch = pending;
    pending = [];
    writing = writing
      .then(() => queue.add(batch, now()))
      .then(() => {
        for (const s of batch) if (own.has(s.k)) saved.add(s.k);
        onPersisted();
      }, onError);
    return writing;
  };

  return {
    persistNow(extra = []) {
      pending = [];
      timer = false;
      const items = new Map<string, Stored>();
      for (const s of own.values()) if (!saved.has(s.k)) items.set(s.k, s);
      for (const s of extra) items.set(s.k, s);
      if (items.size) queue.putNow([...items.values()]);
    },
    push(e, size, json = JSON.stringify(e)) {
      const s: Stored = { k: keyOf(e), j: json, lease: 0, bytes: size };
      own.set(s.k, s);
      bytes += size;
      if (own.size > maxOwn) {
        // The mirror only serves the pagehide beacon; the queue keeps the event.
        const [k, old] = own.entries().next().value as [string, Stored];
        own.delete(k);
        saved.delete(k);
        bytes -= old.bytes;
      }
      pending.push(s);
      if (!timer) {
        timer = true;
        schedule(persist, PERSIST_DELAY_MS);
      }
    },
    persist,
    unsent: (t) => [...own.values()].filter((s) => s.lease <= t),
    hold(keys, until) {
      for (const k of keys) {
        const s = own.get(k);
        if (s) s.lease = until;
      }
    },
    forget(keys) {
      for (const k of keys) {
        const s = own.get(k);
        saved.delete(k);
        if (s && own.delete(k)) bytes -= s.bytes;
      }
    },
    clear() {
      pending = [];
      own.clear();
      saved.clear();
      bytes = 0;
    },
    get size() {
      return own.size;
    },
    get bytes() {
      return bytes;
    },
  };
}
