/** A bounded sample of numbers with exact quantiles up to its capacity. */
export interface Sample {
  add(value: number): void;
  /** Values added (not only kept). */
  readonly count: number;
  /** `sorted[floor(q · n)]` of the kept values (ClickHouse's `quantileExact`); NaN when empty. */
  quantile(q: number): number;
}

/** Keeps this many values per group: exact below it, a uniform reservoir above. */
export const SAMPLE_CAP = 10_000;

/** A small seeded PRNG (mulberry32), so the same input gives the same report. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The quantile `q` of sorted `values`, as ClickHouse's `quantileExact` picks it. */
export function quantileOf(values: readonly number[], q: number): number {
  if (!values.length) return NaN;
  return values[Math.min(values.length - 1, Math.floor(q * values.length))]!;
}

/**
 * A sample that keeps every value up to `cap`, then replaces kept values at random
 * (Vitter's algorithm R), so memory stays bounded while quantiles stay unbiased.
 */
export function createSample(cap = SAMPLE_CAP): Sample {
  const kept: number[] = [];
  const random = seeded(cap);
  let count = 0;
  let sorted = true;
  return {
    add(value) {
      count++;
      sorted = false;
      if (kept.length < cap) kept.push(value);
      else {
        const at = Math.floor(random() * count);
        if (at < cap) kept[at] = value;
      }
    },
    get count() {
      return count;
    },
    quantile(q) {
      if (!sorted) kept.sort((a, b) => a - b);
      sorted = true;
      return quantileOf(kept, q);
    },
  };
}
