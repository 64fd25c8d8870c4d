import type { DropCounts } from '../core/types.js';
import { type Bounds, type Queue, type Stored, keyAt, mergeDrops } from './queue-types.js';

/** The queue in memory: used where IndexedDB is missing, blocked or full. Lives as long as the page. */
export function createMemoryQueue(bounds: Bounds): Queue {
  let items: Stored[] = [];
  let drops: DropCounts = {};
  const trim = (now: number) => {
    const oldest = keyAt(now - bounds.ttlMs);
    const before = items.length;
    items = items.filter((s) => s.k >= oldest);
    const expired = before - items.length;
    const overflow = Math.max(0, items.length - bounds.maxEvents);
    items.splice(0, overflow);
    drops = mergeDrops(drops, { expired, overflow });
  };
  return {
    kind: 'memory',
    async add(added, now) {
      for (const s of added) items.push({ ...s });
      items.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
      trim(now);
    },
    putNow(added) {
      const keys = new Set(added.map((s) => s.k));
      items = items.filter((s) => !keys.has(s.k)).concat(added.map((s) => ({ ...s })));
      items.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
    },
    // Nothing here waits for another task.
    cut() {},
    resume() {},
    async claim(o) {
      trim(o.now);
      const out: Stored[] = [];
      let bytes = 0;
      let left = 0;
      for (const s of items) {
        if (s.lease > o.now || o.skip?.has(s.k)) {
          left++;
          continue;
        }
        if (out.length >= o.maxEvents || (out.length && bytes + s.bytes > o.maxBytes)) {
          left++;
          break;
        }
        s.lease = o.now + o.leaseMs;
        bytes += s.bytes + 1;
        out.push(s);
      }
      return { items: out.map((s) => ({ ...s })), dropped: drops, left };
    },
    async free(keys) {
      const set = new Set(keys);
      for (const s of items) if (set.has(s.k)) s.lease = 0;
    },
    async remove(keys, add, subtract) {
      const set = new Set(keys);
      items = items.filter((s) => !set.has(s.k));
      drops = mergeDrops(mergeDrops(drops, add), subtract, -1);
    },
    async count() {
      return items.length;
    },
    async clear() {
      items = [];
    },
    async dropped(add, subtract) {
      drops = mergeDrops(mergeDrops(drops, add), subtract, -1);
      return drops;
    },
  };
}
