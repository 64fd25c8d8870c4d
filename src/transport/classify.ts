/** What to do with a batch after the endpoint answered. */
export type Outcome = 'ok' | 'retry' | 'drop' | 'split';

/**
 * 2xx: accepted. 413: too large, send it in halves. 408, 429, 5xx and network errors (status 0):
 * retry with backoff. Other statuses: rejected for good, drop and count (analytics-next
 * `getStatusBehavior`).
 */
export function classify(status: number): Outcome {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 413) return 'split';
  if (status === 0 || status === 408 || status === 429 || status >= 500) return 'retry';
  return 'drop';
}

/**
 * `Retry-After` as milliseconds from `now`: delta-seconds or an HTTP date (RFC 9110 §10.2.3).
 * `undefined` when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  // An HTTP date names its day and month; Date.parse alone would read '-5' as a year.
  const at = /^[A-Za-z]{3},/.test(v) ? Date.parse(v) : NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
