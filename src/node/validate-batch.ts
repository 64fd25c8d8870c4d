import type { z } from 'zod';
import { batchSchema } from './batch-schema.js';
import type { ValidBatch } from './batch-schema.js';

/** The outcome of {@link validateBatch}: the batch, or a message naming the first bad path. */
export type BatchCheck = { ok: true; batch: ValidBatch } | { ok: false; message: string };

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * Formats a zod issue path as `events[3].id`. Keys that are not plain identifiers are
 * JSON-quoted (`sdk_dropped["a b"]`), so client text never reaches a log unescaped.
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && IDENTIFIER.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out || '(root)';
}

function describe(issues: readonly z.core.$ZodIssue[]): string {
  const [first] = issues;
  if (!first) return 'invalid batch';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return `${formatPath(first.path)}: ${first.message}${more}`;
}

/**
 * Checks a parsed JSON body against wire format v1. One bad event rejects the whole batch.
 *
 * @example
 * ```ts
 * const check = validateBatch(JSON.parse(body));
 * if (!check.ok) console.log(check.message); // "events[3].id: Invalid UUID"
 * ```
 */
export function validateBatch(data: unknown): BatchCheck {
  const result = batchSchema.safeParse(data);
  return result.success
    ? { ok: true, batch: result.data }
    : { ok: false, message: describe(result.error.issues) };
}
