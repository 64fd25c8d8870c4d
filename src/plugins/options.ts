import { ConfigError } from '../core/config-error.js';

/**
 * The options object of plugin `plugin` (`undefined` is `{}`), with unknown keys refused as the
 * tracker config refuses them: a typo must not fall back to a default silently.
 */
export function readOptions<T extends object>(plugin: string, o: unknown, known: string[]): T {
  if (o === undefined || o === null) return {} as T;
  if (typeof o !== 'object' || Array.isArray(o)) throw new ConfigError(plugin, 'an object', o);
  for (const k of Object.keys(o)) {
    if (!known.includes(k))
      throw new ConfigError(`${plugin}.${k}`, `one of ${known.join(', ')}`, k);
  }
  return o as T;
}

/** `v` if it is an integer in [min, max], `fallback` if undefined; throws naming `field` otherwise. */
export function intOption(
  field: string,
  v: unknown,
  min: number,
  max: number,
  fallback: number,
): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
    throw new ConfigError(field, `an integer from ${min} to ${max}`, v);
  return v;
}

/** A list of non-empty strings (a single string is a list of one). */
export function stringList(field: string, v: unknown): string[] {
  if (v === undefined) return [];
  const list = typeof v === 'string' ? [v] : v;
  if (!Array.isArray(list) || list.some((s) => typeof s !== 'string' || !s.trim()))
    throw new ConfigError(field, 'a string or an array of non-empty strings', v);
  return list as string[];
}
