import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerPreflight, applyCors } from './cors.js';
import { createEventStore } from './event-store.js';
import { httpError, isHttpError } from './http-error.js';
import { readBody } from './read-body.js';
import { sendJson } from './send-json.js';
import { validateBatch } from './validate-batch.js';

/** Options of {@link createCollector}. */
export interface CollectorOptions {
  /** Directory of `events.ndjson` and `sdk-dropped.ndjson`, created if missing. @defaultValue `'./data'` */
  dataDir?: string;
  /** Origins allowed to post (`https://shop.example`), or `'*'` for any. @defaultValue `['*']` */
  cors?: readonly string[];
  /** Largest body accepted, in bytes, both as sent and after gunzip. @defaultValue `1_000_000` */
  maxBodyBytes?: number;
  /** `siteId`s accepted; a batch for any other site (or none) gets 403. @defaultValue any site */
  sites?: readonly string[];
  /** URL path(s) that accept batches. @defaultValue `['/v1/batch', '/collect']` */
  path?: string | readonly string[];
  /** How many of the newest event ids are remembered for deduplication. @defaultValue `1_000_000` */
  dedupeWindow?: number;
  /** Receives one short line per batch and per rejected request. @defaultValue no-op */
  log?: (line: string) => void;
  /** Clock for `receivedAt`, in epoch ms. @defaultValue `Date.now` */
  now?: () => number;
}

/** A running collector; see {@link createCollector}. */
export interface Collector {
  /**
   * The request handler, for any `node:http` server. Give that server a `requestTimeout`
   * (Node's default is 300 s) so a body that trickles in cannot hold a connection for long.
   */
  handler: (req: IncomingMessage, res: ServerResponse) => void;
  /** Resolves once the data files are repaired and the dedupe set is loaded; rejects if they cannot be read. */
  ready: Promise<void>;
  /** Waits for pending writes and closes the files; later batches get 503. */
  close(): Promise<void>;
}

const MEDIA_TYPE = /^(application\/json|text\/plain)\s*(;\s*charset\s*=\s*"?utf-?8"?\s*)?$/i;

const quote = (text: unknown): string => JSON.stringify(String(text).slice(0, 64));

function isGzip(req: IncomingMessage): boolean {
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') return true;
  if (encoding === 'identity' || encoding === '') return false;
  throw httpError(415, 'unsupported_media_type', 'Content-Encoding must be gzip or identity');
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    throw httpError(400, 'invalid_json', 'body is not JSON');
  }
}

/**
 * Creates the reference collector for wire format v1: validates each batch, dedupes events
 * on `id`, appends them to `<dataDir>/events.ndjson` and answers 200 only once they are on
 * disk. Also answers `GET /health`.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createCollector } from 'parcours/node';
 *
 * const collector = createCollector({ dataDir: './data', cors: ['https://shop.example'] });
 * await collector.ready;
 * createServer(collector.handler).listen(8787, '127.0.0.1');
 * ```
 */
export function createCollector(options: CollectorOptions = {}): Collector {
  const {
    dataDir = './data',
    cors = ['*'],
    maxBodyBytes = 1_000_000,
    sites,
    path = ['/v1/batch', '/collect'],
    dedupeWindow = 1_000_000,
    log = () => {},
    now = Date.now,
  } = options;
  const paths = new Set(typeof path === 'string' ? [path] : path);
  const siteSet = sites ? new Set(sites) : undefined;
  const store = createEventStore({ dataDir, dedupeWindow, log });
  store.ready.catch((error: Error) => log(`cannot start: ${error.message}`));

  async function ingest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!MEDIA_TYPE.test(req.headers['content-type'] ?? '')) {
      const message = 'Content-Type must be application/json or text/plain (UTF-8)';
      throw httpError(415, 'unsupported_media_type', message);
    }
    const body = await readBody(req, maxBodyBytes, isGzip(req));
    const check = validateBatch(parseJson(body));
    if (!check.ok) throw httpError(400, 'invalid_batch', check.message);
    const { batch } = check;
    if (siteSet && !siteSet.has(batch.siteId ?? '')) {
      throw httpError(
        403,
        'unknown_site',
        `siteId ${quote(batch.siteId ?? '(none)')} is not allowed`,
      );
    }
    let result;
    try {
      result = await store.ingest(batch, now());
    } catch (error) {
      log(`cannot store batch ${quote(batch.batchId)}: ${(error as Error).message}`);
      throw httpError(503, 'unavailable', 'events could not be stored; retry later');
    }
    log(
      `batch ${quote(batch.batchId)} site=${quote(batch.siteId ?? '-')}` +
        ` +${result.accepted} new, ${result.duplicates} duplicate(s)`,
    );
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
      throw httpError(
        403,
        'forbidden_origin',
        `origin ${quote(req.headers.origin)} is not allowed`,
      );
    }
    if (req.method === 'OPTIONS') answerPreflight(res);
    else await ingest(req, res);
  }

  return {
    handler(req, res) {
      handle(req, res).catch((error: unknown) => {
        const known = isHttpError(error) ? error : httpError(500, 'internal', 'internal error');
        if (!isHttpError(error)) log(`internal error: ${String(error)}`);
        // 404s are scanners' noise; a 503 was logged with its cause.
        else if (known.status !== 404 && known.status !== 503)
          log(`${known.status} ${known.code}: ${known.message}`);
        sendJson(req, res, known.status, { error: known.code, message: known.message });
      });
    },
    ready: store.ready,
    close: () => store.close(),
  };
}
