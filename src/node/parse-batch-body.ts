import type { IncomingMessage } from 'node:http';
import type { ValidBatch } from './batch-schema.js';
import { httpError } from './http-error.js';
import { nestsDeeperThan } from './json-depth.js';
import { gunzipWithin, readBody } from './read-body.js';
import { validateBatch } from './validate-batch.js';

/** Limits of {@link readBatchBody}. */
export interface BodyLimits {
  /** Largest body, in bytes, both as sent and after gunzip. */
  maxBodyBytes: number;
  /** A body not fully received by then is refused (408), in ms. */
  timeoutMs: number;
}

/** A batch request's body as sent; see {@link decodeBatch}. */
export interface RawBatch {
  body: Buffer;
  gzip: boolean;
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
 * Checks the headers of a batch request (JSON or beacon `text/plain`, UTF-8, gzip or not)
 * and reads its body within the size and time limits.
 *
 * @throws an `HttpError`: 415 (media type or encoding), 413 (size), 408 (too slow), 400 (`aborted`).
 */
export async function readBatchBody(req: IncomingMessage, limits: BodyLimits): Promise<RawBatch> {
  if (!MEDIA_TYPE.test(req.headers['content-type'] ?? '')) {
    const message = 'Content-Type must be application/json or text/plain (UTF-8)';
    throw httpError(415, 'unsupported_media_type', message);
  }
  const gzip = isGzip(req);
  return { body: await readBody(req, limits.maxBodyBytes, limits.timeoutMs), gzip };
}

/**
 * Decodes a batch body: inflates it (within `maxBodyBytes`), refuses nesting deeper than
 * {@link MAX_JSON_DEPTH}, parses it and validates wire format v1. Event text is only ever
 * parsed as JSON data, never interpreted.
 *
 * @throws an `HttpError`: 413 (too large once inflated) or 400 (`invalid_gzip`,
 * `too_deep`, `invalid_json`, `invalid_batch`).
 */
export function decodeBatch({ body, gzip }: RawBatch, maxBodyBytes: number): ValidBatch {
  const json = gzip ? gunzipWithin(body, maxBodyBytes) : body;
  if (nestsDeeperThan(json, MAX_JSON_DEPTH)) {
    throw httpError(400, 'too_deep', `JSON nests deeper than ${MAX_JSON_DEPTH} levels`);
  }
  let data: unknown;
  try {
    data = JSON.parse(json.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    throw httpError(400, 'invalid_json', 'body is not JSON');
  }
  const check = validateBatch(data);
  if (!check.ok) throw httpError(400, 'invalid_batch', check.message);
  return check.batch;
}
