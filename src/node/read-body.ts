import type { IncomingMessage } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { httpError } from './http-error.js';

function tooLarge(maxBytes: number, what: string): Error {
  return httpError(413, 'payload_too_large', `${what} body is over ${maxBytes} bytes`);
}

/**
 * Inflates a gzip body, stopping as soon as the output passes `maxBytes` (a few kB of
 * gzip can inflate to gigabytes).
 *
 * @throws an `HttpError` 413 (too large once inflated) or 400 (`invalid_gzip`). Synchronous on purpose: a batch inflates in tens of
 * microseconds, while the stream version hops to the thread pool and back through the
 * event loop for every 16 kB, which under load costs more than the inflating itself.
 */
export function gunzipWithin(raw: Buffer, maxBytes: number): Buffer {
  try {
    return gunzipSync(raw, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw tooLarge(maxBytes, 'decompressed');
    }
    throw httpError(400, 'invalid_gzip', 'body is not valid gzip');
  }
}

/**
 * Reads a request body as sent (see {@link gunzipWithin} to inflate it). Reading stops as
 * soon as it passes `maxBytes`: the rest of the upload is discarded, never buffered. A
 * body still incomplete after `timeoutMs` (a client trickling bytes to hold the
 * connection) is given up on the same way.
 *
 * @throws an `HttpError` 413 (too large), 408 (too slow) or 400 (`aborted`).
 */
export function readBody(
  req: IncomingMessage,
  maxBytes: number,
  timeoutMs = Infinity,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (declared > maxBytes) {
      req.resume();
      reject(tooLarge(maxBytes, 'request'));
      return;
    }
    const chunks: Buffer[] = [];
    let raw = 0;
    let settled = false;

    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.off('data', onData).off('end', onEnd).off('error', onError).off('aborted', onAborted);
      if (error) {
        // Discard what is still coming (never destroy `req`: that kills the socket before
        // the 4xx answer is written).
        req.resume();
        reject(error);
        return;
      }
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    };
    const onData = (chunk: Buffer) => {
      raw += chunk.length;
      if (raw > maxBytes) finish(tooLarge(maxBytes, 'request'));
      else chunks.push(chunk);
    };
    const onEnd = () => finish();
    const onError = (error: Error) => finish(httpError(400, 'aborted', error.message));
    const onAborted = () => finish(httpError(400, 'aborted', 'request aborted'));
    const timer = Number.isFinite(timeoutMs)
      ? setTimeout(() => {
          const message = `body not received within ${timeoutMs} ms`;
          finish(httpError(408, 'request_timeout', message));
        }, timeoutMs)
      : undefined;

    req.on('data', onData).on('end', onEnd).on('error', onError).on('aborted', onAborted);
  });
}
