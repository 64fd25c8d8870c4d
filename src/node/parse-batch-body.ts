import type { IncomingMessage } from 'node:http';
import type { ValidBatch } from './batch-schema.js';
import { httpError } from './http-error.js';
import { nestsDeeperThan } from './json-depth.js';
import { readBody } from './read-body.js';
import { validateBatch } from './validate-batch.js';

/** Limits of {@link parseBatchBody}. */
export interface BodyLimits {
  /** Largest body, in bytes, both as sent and after gunzip. */
  maxBodyBytes: number;
  /** A body not fully received by then is refused (408), in ms. */
  timeoutMs: number;
}

/** Deepest nesting of arrays and objects accepted in a batch (a batch with `props` needs about 6). */
export const MAX_JSON_DEPTH = 32;

const MEDIA_TYPE = /^(application\/json|text\/plain)\s*(;\s*charset\s*=\s*"?utf-?8"?\s*)?$/i;

function isGzip(req: IncomingMessage): boolean {
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') return true;
  if (encoding === 'identity' || encoding === '') return false;
  throw httpError(415, 'unsupported_media_type', 'Content-Encoding must be gzip or identity');
}

/**
 * Reads, decodes and validates the body of a batch request: JSON or beacon `text/plain`
 * (UTF-8), gzip or not, within the size and time limits, no deeper than
 * {@link MAX_JSON_DEPTH}, and valid wire format v1. Event text is only ever parsed as
 * JSON data, never interpreted.
 *
 * @throws an `HttpError`: 415 (media type or encoding), 413 (size), 408 (too slow) or
 * 400 (`invalid_gzip`, `aborted`, `too_deep`, `invalid_json`, `invalid_batch`).
 */
export async function parseBatchBody(
  req: IncomingMessage,
  limits: BodyLimits,
): Promise<ValidBatch> {
  if (!MEDIA_TYPE.test(req.headers['content-type'] ?? '')) {
    const message = 'Content-Type must be application/json or text/plain (UTF-8)';
    throw httpError(415, 'unsupported_media_type', message);
  }
  const body = await readBody(req, limits.maxBodyBytes, isGzip(req), limits.timeoutMs);
  if (nestsDeeperThan(body, MAX_JSON_DEPTH)) {
    throw httpError(400, 'too_deep', `JSON nests deeper than ${MAX_JSON_DEPTH} levels`);
  }
  let data: unknown;
  try {
    data = JSON.parse(body.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    throw httpError(400, 'invalid_json', 'body is not JSON');
  }
  const check = validateBatch(data);
  if (!check.ok) throw httpError(400, 'invalid_batch', check.message);
  return check.batch;
}
