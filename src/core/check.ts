// Checks shared by the config resolvers (config.ts, resolve-funnels.ts, thresholds.ts): one copy
// of each in the bundle.
import { ConfigError } from './config-error.js';

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Throws a {@link ConfigError} for the first key of `v` not in `keys` (`at.key`, or `key` at the top). */
export function unknownKeys(at: string, v: Record<string, unknown>, keys: readonly string[]): void {
  for (const k of Object.keys(v)) {
    if (!keys.includes(k))
      throw new ConfigError(at ? `${at}.${k}` : k, `one of ${keys.join(', ')}`, k);
  }
}

/** Selectors are checked where a DOM exists; under server rendering they are checked in use. */
export function validSelector(s: unknown): boolean {
  if (typeof s !== 'string' || !s) return false;
  if (typeof document === 'undefined') return true;
  try {
    document.createDocumentFragment().querySelector(s);
    return true;
  } catch {
    return false;
  }
}
