import type { IncomingMessage } from 'node:http';
import { createGunzip } from 'node:zlib';
import { httpError } from './http-error.js';

function tooLarge(maxBytes: number, what: string): Error {
  return httpError(413, 'payload_too_large', `${what} body is over ${maxBytes} bytes`);
}

/**
 * Reads a request body, gunzipping it when `gzip` is set. `maxBytes` caps both the raw
 * and the decompressed size (a few kB of gzip can inflate to gigabytes), and reading stops
 * as soon as either is crossed: the rest of the upload is discarded, never buffered.
 *
 * @throws an `HttpError` 413 (too large) or 400 (`invalid_gzip`, `aborted`).
 */
export function readBody(req: IncomingMessage, maxBytes: number, gzip: boolean): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (declared > maxBytes) {
      req.resume();
      reject(tooLarge(maxBytes, 'request'));
      return;
    }
    const chunks: Buffer[] = [];
    let raw = 0;
    let decoded = 0;
    let settled = false;
    const gunzip = gzip ? createGunzip() : undefined;

    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      req.off('data', onData).off('end', onEnd).off('error', onError).off('aborted', onAborted);
      if (error) {
        gunzip?.destroy();
        // Discard what is still coming (never destroy `req`: that kills the socket before
        // the 4xx answer is written).
        req.resume();
        reject(error);
      } else resolve(Buffer.concat(chunks));
    };
    const collect = (chunk: Buffer) => {
      decoded += chunk.length;
      if (decoded > maxBytes) finish(tooLarge(maxBytes, 'decompressed'));
      else chunks.push(chunk);
    };
    const onData = (chunk: Buffer) => {
      raw += chunk.length;
      if (raw > maxBytes) finish(tooLarge(maxBytes, 'request'));
      else if (gunzip) gunzip.write(chunk);
      else collect(chunk);
    };
    const onEnd = () => (gunzip ? gunzip.end() : finish());
    const onError = (error: Error) => finish(httpError(400, 'aborted', error.message));
    const onAborted = () => finish(httpError(400, 'aborted', 'request aborted'));

    gunzip?.on('data', collect);
    gunzip?.on('end', () => finish());
    gunzip?.on('error', () => finish(httpError(400, 'invalid_gzip', 'body is not valid gzip')));
    req.on('data', onData).on('end', onEnd).on('error', onError).on('aborted', onAborted);
  });
}
