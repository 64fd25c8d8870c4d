import type { Json } from './types.js';

/** Bounds on props; past them values are truncated or dropped, with a debug warning. */
export const MAX_STRING_CHARS = 1_000;
export const MAX_KEYS = 50;
export const MAX_ITEMS = 50;
export const MAX_DEPTH = 5;

/**
 * Turns caller input into JSON that is safe to store and send: cycles become `"[Circular]"`,
 * functions and symbols are dropped, strings are cut at {@link MAX_STRING_CHARS}, bigints become
 * strings, dates ISO strings, non-finite numbers `null`. Never throws (hostile getters and proxies
 * included); `note` hears about every loss.
 */
export function sanitizeProps(input: unknown, note: (what: string) => void): { [k: string]: Json } {
  if (input === undefined || input === null) return {};
  const out = clean(input, 0, [], note);
  if (out && typeof out === 'object' && !Array.isArray(out)) return out;
  note('props is not an object');
  return out === undefined ? {} : { value: out };
}

function clean(
  v: unknown,
  depth: number,
  stack: object[],
  note: (w: string) => void,
): Json | undefined {
  switch (typeof v) {
    case 'string':
      if (v.length <= MAX_STRING_CHARS) return v;
      note('string truncated');
      return v.slice(0, MAX_STRING_CHARS);
    case 'number':
      return Number.isFinite(v) ? v : null;
    case 'boolean':
      return v;
    case 'bigint':
      return v.toString();
    case 'object':
      break;
    default:
      if (v !== undefined) note(`${typeof v} dropped`);
      return undefined;
  }
  if (v === null) return null;
  if (stack.includes(v)) {
    note('circular reference');
    return '[Circular]';
  }
  if (depth >= MAX_DEPTH) {
    note('too deep');
    return '[Truncated]';
  }
  try {
    if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
    if (v instanceof Error)
      return { name: v.name, message: clean(v.message, depth, stack, note) ?? '' };
    stack.push(v);
    if (Array.isArray(v)) {
      if (v.length > MAX_ITEMS) note('array truncated');
      const arr: Json[] = [];
      for (let i = 0; i < Math.min(v.length, MAX_ITEMS); i++) {
        arr.push(clean(v[i], depth + 1, stack, note) ?? null);
      }
      return arr;
    }
    const obj: { [k: string]: Json } = {};
    const keys = Object.keys(v);
    if (keys.length > MAX_KEYS) note('too many keys');
    for (const k of keys.slice(0, MAX_KEYS)) {
      let raw: unknown;
      try {
        raw = (v as Record<string, unknown>)[k];
      } catch {
        note('unreadable value');
        continue; // a throwing getter loses its own key, not its siblings
      }
      const c = clean(raw, depth + 1, stack, note);
      if (c === undefined) continue;
      // defineProperty, not `obj[k] =`: a "__proto__" key is data, not the prototype.
      Object.defineProperty(obj, k.length > 100 ? k.slice(0, 100) : k, {
        value: c,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return obj;
  } catch {
    note('unreadable value');
    return undefined;
  } finally {
    if (stack[stack.length - 1] === v) stack.pop();
  }
}
