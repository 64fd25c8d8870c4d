import { KEEPALIVE_BUDGET_BYTES } from '../core/config.js';
import { parseRetryAfter } from './classify.js';

/** The endpoint's answer; status 0 is a network error or a timeout. */
export interface PostResult {
  status: number;
  retryAfterMs?: number;
}

/** Bodies smaller than this are sent as they are: gzip would not pay for its header. */
export const GZIP_MIN_BYTES = 1_024;
export const REQUEST_TIMEOUT_MS = 15_000;

/** A request body ready to send. */
export interface Encoded {
  body: BodyInit;
  headers: Record<string, string>;
  size: number;
}

/** gzip through `CompressionStream` when available and worth it; the JSON as it is otherwise. */
export async function encode(json: string): Promise<Encoded> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (json.length < GZIP_MIN_BYTES || typeof CompressionStream !== 'function') {
    return { body: json, headers, size: json.length };
  }
  try {
    // A Response's body, not a Blob's stream: no blob registered with the browser per send.
    const gz = await new Response(
      new Response(json).body!.pipeThrough(new CompressionStream('gzip')),
    ).arrayBuffer();
    return { body: gz, headers: { ...headers, 'Content-Encoding': 'gzip' }, size: gz.byteLength };
  } catch {
    return { body: json, headers, size: json.length };
  }
}

/** Wrappers the SDK itself put on `fetch` (the frustration detector's), and what each wraps. */
const ownWrappers = new WeakMap<typeof fetch, typeof fetch>();

/**
 * Tells `post` that `wrapper` is the SDK's own and wraps `original`: the SDK's posts go to
 * `original` directly while `wrapper` is the page's `fetch` (a wrapper the page put on top
 * still sees them, as before).
 */
export function ownFetchWrapper(wrapper: typeof fetch, original: typeof fetch): void {
  ownWrappers.set(wrapper, original);
}

/**
 * POSTs an encoded body, with `keepalive` when it fits the page's 64 kB keepalive budget (so the
 * request survives the page). `json` is the same body before encoding (tests read it).
 */
export async function post(
  url: string,
  json: string,
  now: () => number,
  enc?: Encoded,
): Promise<PostResult> {
  try {
    const { body, headers, size } = enc ?? (await encode(json));
    const res = await (ownWrappers.get(fetch) ?? fetch)(url, {
      method: 'POST',
      body,
      headers,
      keepalive: size <= KEEPALIVE_BUDGET_BYTES,
      credentials: 'omit',
      signal:
        typeof AbortSignal.timeout === 'function'
          ? AbortSignal.timeout(REQUEST_TIMEOUT_MS)
          : undefined,
    });
    return {
      status: res.status,
      retryAfterMs: parseRetryAfter(res.headers.get('Retry-After'), now()),
    };
  } catch {
    return { status: 0 };
  }
}

/**
 * `navigator.sendBeacon` with a `text/plain` body: no CORS preflight, and the browser delivers
 * it after the page is gone. Returns false when the browser refused to queue it.
 */
export function beacon(url: string, json: string): boolean {
  try {
    return navigator.sendBeacon(url, new Blob([json], { type: 'text/plain' }));
  } catch {
    return false;
  }
}
