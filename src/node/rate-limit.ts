/** Options of {@link createRateLimiter}. */
export interface RateLimitOptions {
  /** Sustained requests per second allowed to one client. */
  perSecond: number;
  /** Requests a client may make at once after being idle. @defaultValue `4 × perSecond` */
  burst?: number;
  /** Clients remembered; beyond it the least recently seen is forgotten. @defaultValue `100_000` */
  maxClients?: number;
  /** Clock, epoch ms. @defaultValue `Date.now` */
  now?: () => number;
}

/** A per-client token bucket; see {@link createRateLimiter}. */
export interface RateLimiter {
  /** Spends one request of `key`: 0 when allowed, else the ms until it would be. */
  take(key: string): number;
}

/**
 * Creates a token-bucket rate limiter keyed by client. Memory stays bounded: buckets are
 * kept in least-recently-used order (a `Map` re-inserted on each use) and the oldest is
 * dropped past `maxClients`; a forgotten client simply starts again with a full bucket.
 */
export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const { perSecond, burst = perSecond * 4, maxClients = 100_000, now = Date.now } = options;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key) {
      const t = now();
      let bucket = buckets.get(key);
      if (bucket) {
        buckets.delete(key);
        bucket.tokens = Math.min(burst, bucket.tokens + ((t - bucket.at) * perSecond) / 1_000);
        bucket.at = t;
      } else {
        bucket = { tokens: burst, at: t };
        if (buckets.size >= maxClients) buckets.delete(buckets.keys().next().value!);
      }
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.ceil(((1 - bucket.tokens) * 1_000) / perSecond);
    },
  };
}
