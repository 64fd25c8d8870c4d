import { unknownKeys, validSelector } from './check.js';
import { ConfigError } from './config-error.js';

/** `[key, min, max, default]` of a whole-number threshold. */
export type NumberSpec = readonly [string, number, number, number];

/**
 * Checks a detector's `capture.*` option: `true` / absent (the defaults), `false` (`null`: off),
 * or an object of whole-number thresholds and CSS selector lists. Throws a {@link ConfigError}
 * naming the field.
 */
export function resolveThresholds(
  field: string,
  v: unknown,
  numbers: readonly NumberSpec[],
  lists: readonly string[] = [],
): Record<string, unknown> | null {
  if (v === false) return null;
  const given = (v === undefined || v === true ? {} : v) as Record<string, unknown>;
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    throw new ConfigError(field, 'true or false, or an object of thresholds', v);
  }
  unknownKeys(field, given, numbers.map((n) => n[0]).concat(lists));
  const out: Record<string, unknown> = {};
  for (const [k, min, max, def] of numbers) {
    const x = given[k] ?? def;
    if (typeof x !== 'number' || !Number.isInteger(x) || x < min || x > max) {
      throw new ConfigError(`${field}.${k}`, `a whole number from ${min} to ${max}`, x);
    }
    out[k] = x;
  }
  for (const k of lists) {
    const list = given[k] ?? [];
    if (!Array.isArray(list) || !list.every(validSelector)) {
      throw new ConfigError(`${field}.${k}`, 'an array of valid CSS selectors', list);
    }
    out[k] = list;
  }
  return out;
}
