import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);
const CHUNK_BYTES = 8 * 1024 * 1024;

/** A failed ClickHouse request: an error answer (with ClickHouse's `code`) or no answer at all. */
export interface ClickHouseError extends Error {
  name: 'ClickHouseError';
  /** HTTP status of the answer; undefined when there was none (refused, reset, timed out). */
  status?: number;
  /** ClickHouse's error code (`Code: 60` is an unknown table). */
  code?: number;
}

/** Whether `error` is a {@link ClickHouseError}. */
export function isClickHouseError(error: unknown): error is ClickHouseError {
  return error instanceof Error && error.name === 'ClickHouseError';
}

/** Connection settings of {@link createClickHouseHttp}. */
export interface ClickHouseHttpOptions {
  /** `http://host:8123`, with `user:password@` when needed. */
  url: string;
  /** Overrides the URL's user name. */
  username?: string;
  /** Overrides the URL's password. */
  password?: string;
  /** A request with no answer by then fails (and is retried), in ms. */
  timeoutMs: number;
}

/** A minimal client of ClickHouse's HTTP interface. */
export interface ClickHouseHttp {
  /** Runs `query`; `data` is sent as the body (the rows of an `INSERT … FORMAT`). Resolves with the answer text. */
  exec(query: string, data?: string): Promise<string>;
  /** The URL without credentials, for messages. */
  readonly where: string;
}

function clickHouseError(message: string, status?: number, code?: number): ClickHouseError {
  return Object.assign(new Error(message), { name: 'ClickHouseError' as const, status, code });
}

/**
 * Creates a client for ClickHouse's HTTP interface over `fetch`: the query goes in the URL,
 * rows in the body, credentials in a Basic `Authorization` header (never in the URL, so
 * they stay out of ClickHouse's query log). Kept this small on purpose: the collector needs
 * three statements, and the browser SDK's package should not pull a database client.
 */
export function createClickHouseHttp(options: ClickHouseHttpOptions): ClickHouseHttp {
  const base = new URL(options.url);
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new Error(`ClickHouse URL must be http(s), got ${JSON.stringify(base.protocol)}`);
  }
  const username = options.username ?? decodeURIComponent(base.username);
  const password = options.password ?? decodeURIComponent(base.password);
  base.username = '';
  base.password = '';
  const headers: Record<string, string> = { 'Content-Type': 'text/plain; charset=utf-8' };
  if (username || password) {
    headers.Authorization = `Basic ${Buffer.from(`${username || 'default'}:${password}`).toString('base64')}`;
  }
  const where = base.origin + (base.pathname === '/' ? '' : base.pathname);
  return {
    where,
    async exec(query, data) {
      const url = new URL(base);
      if (data !== undefined) url.searchParams.set('query', query);
      // Rows go gzip'd (level 1, on libuv's thread pool, in one piece: the default 16 kB
      // chunks would each wait for a turn of a busy event loop): a tenth of the bytes to
      // push through that loop, and through the network when ClickHouse is elsewhere.
      const body =
        data === undefined ? query : await gzipAsync(data, { level: 1, chunkSize: CHUNK_BYTES });
      let response: Response;
      let text: string;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: data === undefined ? headers : { ...headers, 'Content-Encoding': 'gzip' },
          body,
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        text = await response.text();
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        const why = cause?.code ?? cause?.message ?? (error as Error).message;
        throw clickHouseError(`ClickHouse at ${where} did not answer: ${why}`);
      }
      if (response.ok) return text;
      const code = Number(/Code: (\d+)/.exec(text)?.[1]) || undefined;
      const detail = text.replace(/\s+/g, ' ').trim().slice(0, 300);
      throw clickHouseError(
        `ClickHouse answered ${response.status}: ${detail}`,
        response.status,
        code,
      );
    },
  };
}

// Codes of answers that blame the rows themselves (parse errors, wrong types): trying the
// same rows again cannot help. Anything else (down, overloaded, too many parts, unknown
// table, auth) is worth retrying. https://github.com/ClickHouse/ClickHouse/blob/master/src/Common/ErrorCodes.cpp
const DATA_ERRORS = new Set([6, 25, 26, 27, 32, 33, 38, 41, 53, 69, 70, 72, 117, 131]);

/** Whether a failed ClickHouse request may succeed if sent again. */
export function isRetryableClickHouseError(error: unknown): boolean {
  return !(isClickHouseError(error) && error.code !== undefined && DATA_ERRORS.has(error.code));
}
