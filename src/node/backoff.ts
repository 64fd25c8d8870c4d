/**
 * The delay before retry number `attempt` (1, 2, …): exponential from `baseMs`, capped at
 * `maxMs`, with "equal jitter" (half fixed, half random) so that collectors restarted
 * together do not retry in step, yet never retry at once.
 *
 * @param random - returns a number in [0, 1); injected so tests are deterministic.
 */
export function backoffMs(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const cap = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(cap / 2 + (random() * cap) / 2);
}
