/** A set of the newest `max` ids: adding one more forgets the oldest. */
export interface IdWindow {
  /** Whether `id` is among the remembered ids. */
  has(id: string): boolean;
  /** Remembers `id` (no-op if already remembered), forgetting the oldest when full. */
  add(id: string): void;
  /** How many ids are remembered. */
  readonly size: number;
}

/**
 * Creates an {@link IdWindow}. A ring buffer gives the eviction order, so evicting costs
 * O(1): deleting the first entry of a big `Set` again and again leaves holes that each
 * new iterator walks over.
 */
export function createIdWindow(max: number): IdWindow {
  const ids = new Set<string>();
  const ring: string[] = [];
  let next = 0;
  return {
    has: (id) => ids.has(id),
    add(id) {
      if (max <= 0 || ids.has(id)) return;
      if (ring.length < max) ring.push(id);
      else {
        ids.delete(ring[next]!);
        ring[next] = id;
        next = (next + 1) % max;
      }
      ids.add(id);
    },
    get size() {
      return ids.size;
    },
  };
}
