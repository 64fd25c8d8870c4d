import type { IncomingMessage, ServerResponse } from 'node:http';
import { clientAddress, rateKey } from './client-address.js';
import type { TrustProxy } from './client-address.js';
import { createClickHouseSink } from './clickhouse-sink.js';
import type { ClickHouseOptions } from './clickhouse-sink.js';
import { answerPreflight, applyCors } from './cors.js';
import { createEventStore } from './event-store.js';
import { httpError, isHttpError, unavailable } from './http-error.js';
import { createNdjsonSink } from './ndjson-sink.js';
import { createCpuQueue } from './cpu-queue.js';
import { decodeBatch, readBatchBody } from './parse-batch-body.js';
import { createRateLimiter } from './rate-limit.js';
import type { RateLimitOptions } from './rate-limit.js';
import { sendJson } from './send-json.js';

/** Options of {@link createCollector}. */
export interface CollectorOptions {
  /** NDJSON sink: directory of `events.ndjson` and `sdk-dropped.ndjson`, created if missing. @defaultValue `'./data'` */
  dataDir?: string;
  /** Store into ClickHouse instead of NDJSON files. @defaultValue NDJSON */
  clickhouse?: ClickHouseOptions;
  /** NDJSON sink: `events.ndjson` is rotated before it grows past this size, and each UTC day. @defaultValue 256 MiB */
  rotateBytes?: number;
  /** Origins allowed to post (`https://shop.example`), or `'*'` for any. @defaultValue `['*']` */
  cors?: readonly string[];
  /** Largest body accepted, in bytes, both as sent and after gunzip. @defaultValue `1_000_000` */
  maxBodyBytes?: number;
  /** `siteId`s accepted; a batch for any other site (or none) gets 403. @defaultValue any site */
  sites?: readonly string[];
  /** URL path(s) that accept batches. @defaultValue `['/v1/batch', '/collect']` */
  path?: string | readonly string[];
  /**
   * Requests per client (IPv4 address, IPv6 /64) answered 429 with `Retry-After` beyond this
   * rate; `false` turns the limit off. @defaultValue `{ perSecond: 50, burst: 200 }`
   */
  rateLimit?: Pick<RateLimitOptions, 'perSecond' | 'burst'> | false;
  /** Which peers may name the client in `X-Forwarded-For`. @defaultValue `'loopback'` */
  trustProxy?: TrustProxy;
  /** A body not fully received by then is answered 408, in ms. @defaultValue `10_000` */
  bodyTimeoutMs?: number;
  /** Events are written once this many wait… @defaultValue NDJSON 10 000, ClickHouse 20 000 */
  flushRows?: number;
  /** …or once the oldest has waited this long, in ms. @defaultValue NDJSON 0, ClickHouse 1 000 */
  flushMs?: number;
  /** Events waiting or being written beyond which new batches get 503. @defaultValue `200_000` */
  maxPendingRows?: number;
  /** A batch not stored by then (storage down) is answered 503 and retried by the SDK, in ms. @defaultValue `10_000` */
  ackTimeoutMs?: number;
  /** How many of the newest event ids are remembered for deduplication. @defaultValue NDJSON 1 000 000, ClickHouse 200 000 */
  dedupeWindow?: number;
  /** Receives warnings, and one line per batch and per rejected request unless `logRequests` is false. @defaultValue no-op */
  log?: (line: string) => void;
  /** Log a line per batch and per rejected request. @defaultValue `true` */
  logRequests?: boolean;
  /** Clock for `receivedAt`, in epoch ms. @defaultValue `Date.now` */
  now?: () => number;
}

/** A running collector; see {@link createCollector}. */
export interface Collector {
  /**
   * The request handler, for any `node:http` server. Give that server header and request
   * timeouts ({@link createCollectorServer} does) so a slow client cannot hold a connection.
   */
  handler: (req: IncomingMessage, res: ServerResponse) => void;
  /** Resolves once storage is ready (files repaired and ids loaded, or ClickHouse tables created). */
  ready: Promise<void>;
  /** Where events go: the NDJSON file, or ClickHouse's URL (no credentials) and table. */
  readonly target: string;
  /** Events waiting to be written. */
  readonly pendingRows: number;
  /** Refuses new batches (503), writes what is queued for up to `graceMs` (default 10 s), closes storage. */
  close(graceMs?: number): Promise<void>;
}

const quote = (text: unknown): string => JSON.stringify(String(text).slice(0, 64));

/**
 * Creates the reference collector for wire format v1: validates each batch against a
 * schema (one bad event rejects the whole batch with a 400 naming it), dedupes events on
 * `id`, stores them in NDJSON files or ClickHouse, and answers 200 only once they are
 * stored. It guards itself: CORS and `siteId` allow-lists, a per-client rate limit (429),
 * body size (413) and time (408) limits, and 503 with `Retry-After` when storage lags.
 * Also answers `GET /health`.
 *
 * @example
 * ```ts
 * import { createCollector, createCollectorServer } from 'parcours/node';
 *
 * const collector = createCollector({
 *   clickhouse: { url: 'http://127.0.0.1:8123' },
 *   cors: ['https://shop.example'],
 *   sites: ['shop-fr'],
 * });
 * await collector.ready;
 * createCollectorServer(collector).listen(8787, '127.0.0.1');
 * ```
 */
export function createCollector(options: CollectorOptions = {}): Collector {
  const {
    cors = ['*'],
    maxBodyBytes = 1_000_000,
    sites,
    path = ['/v1/batch', '/collect'],
    rateLimit = { perSecond: 50, burst: 200 },
    trustProxy = 'loopback',
    bodyTimeoutMs = 10_000,
    log = () => {},
    logRequests = true,
    now = Date.now,
  } = options;
  const clickhouse = options.clickhouse;
  const paths = new Set(typeof path === 'string' ? [path] : path);
  const siteSet = sites ? new Set(sites) : undefined;
  const limiter = rateLimit ? createRateLimiter(rateLimit) : undefined;
  const cpu = createCpuQueue();
  const retry = { retryBaseMs: 200, retryMaxMs: 5_000 };
  const sink = clickhouse
    ? createClickHouseSink({ ...clickhouse, log, ...retry })
    : createNdjsonSink({
        dataDir: options.dataDir ?? './data',
        rotateBytes: options.rotateBytes ?? 256 * 1024 * 1024,
        now,
        log,
      });
  const store = createEventStore({
    sink,
    dedupeWindow: options.dedupeWindow ?? (clickhouse ? 200_000 : 1_000_000),
    ackTimeoutMs: options.ackTimeoutMs ?? 10_000,
    maxRows: options.flushRows ?? (clickhouse ? 20_000 : 10_000),
    maxDelayMs: options.flushMs ?? (clickhouse ? 1_000 : 0),
    maxPendingRows: options.maxPendingRows ?? 200_000,
    maxWrites: clickhouse ? 2 : 1,
    ...retry,
    log,
  });
  store.ready.catch((error: Error) => log(`cannot start: ${error.message}`));

  function limit(req: IncomingMessage): void {
    const waitMs = limiter?.take(rateKey(clientAddress(req, trustProxy))) ?? 0;
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1_000);
      throw httpError(429, 'rate_limited', `too many requests; retry in ${seconds} s`, {
        'Retry-After': String(seconds),
      });
    }
  }

  async function ingest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    limit(req);
    const raw = await readBatchBody(req, { maxBodyBytes, timeoutMs: bodyTimeoutMs });
    // Decoding and encoding run in slices (cpu-queue.ts); storing is awaited outside them.
    const { batchId, siteId, stored } = await cpu.run(() => {
      const batch = decodeBatch(raw, maxBodyBytes);
      if (siteSet && !siteSet.has(batch.siteId ?? '')) {
        const message = `siteId ${quote(batch.siteId ?? '(none)')} is not allowed`;
        throw httpError(403, 'unknown_site', message);
      }
      return { batchId: batch.batchId, siteId: batch.siteId, stored: store.ingest(batch, now()) };
    });
    let result;
    try {
      result = await stored;
    } catch (error) {
      if (isHttpError(error)) throw error;
      log(`cannot store batch ${quote(batchId)}: ${(error as Error).message}`);
      throw unavailable('unavailable', 'events could not be stored; retry later');
    }
    if (logRequests) {
      log(
        `batch ${quote(batchId)} site=${quote(siteId ?? '-')}` +
          ` +${result.accepted} new, ${result.duplicates} duplicate(s)`,
      );
    }
    sendJson(req, res, 200, result);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = (req.url ?? '/').split('?')[0];
    if (url === '/health') {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.setHeader('Allow', 'GET, HEAD');
        throw httpError(405, 'method_not_allowed', 'use GET');
      }
      sendJson(req, res, 200, { ok: true });
      return;
    }
    if (!paths.has(url ?? '')) throw httpError(404, 'not_found', 'no such endpoint');
    const originAllowed = applyCors(req, res, cors);
    if (req.method !== 'POST' && req.method !== 'OPTIONS') {
      res.setHeader('Allow', 'POST, OPTIONS');
      throw httpError(405, 'method_not_allowed', 'use POST');
    }
    if (!originAllowed) {
      const message = `origin ${quote(req.headers.origin)} is not allowed`;
      throw httpError(403, 'forbidden_origin', message);
    }
    if (req.method === 'OPTIONS') answerPreflight(res);
    else await ingest(req, res);
  }

  return {
    handler(req, res) {
      handle(req, res).catch((error: unknown) => {
        const known = isHttpError(error) ? error : httpError(500, 'internal', 'internal error');
        if (!isHttpError(error)) log(`internal error: ${String(error)}`);
        // 404s are scanners' noise; 503s were logged with their cause.
        else if (logRequests && known.status !== 404 && known.status !== 503) {
          log(`${known.status} ${known.code}: ${known.message}`);
        }
        const body = { error: known.code, message: known.message };
        sendJson(req, res, known.status, body, known.headers);
      });
    },
    ready: store.ready,
    target: sink.target,
    get pendingRows() {
      return store.pendingRows;
    },
    close: (graceMs = 10_000) => store.close(graceMs),
  };
}
