import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { Batch, TrackEvent } from '../../../src/core/types.js';
import { createCollector } from '../../../src/node/collector.js';
import type { CollectorOptions } from '../../../src/node/collector.js';

/** A real node:http server on 127.0.0.1, on a free port. */
export async function startServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A fresh directory under the OS temp dir, and a way to remove it. */
export async function tempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'parcours-test-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** The answer to {@link send}. */
export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: () => any;
}

/** Options of {@link send}. */
export interface SendOptions {
  method?: string;
  headers?: Record<string, string>;
  /** Written in one piece, or piece by piece when an array (chunked). */
  body?: string | Buffer | Buffer[];
}

/** Sends one HTTP request with exactly the given headers (fetch adds and forbids some). */
export function send(url: string, options: SendOptions = {}): Promise<Reply> {
  const { method = 'POST', headers = {}, body } = options;
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(url, { method, headers }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', () => {});
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text,
          json: () => JSON.parse(text),
        });
      });
    });
    // The server may close before the whole body went out (413): only an error before
    // any answer fails the request.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    if (Array.isArray(body)) {
      for (const chunk of body) req.write(chunk);
      req.end();
    } else req.end(body);
  });
}

/** POSTs `batch` as JSON. */
export function postBatch(url: string, batch: unknown, headers: Record<string, string> = {}) {
  return send(`${url}/v1/batch`, {
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(batch),
  });
}

let seq = 0;

/** A valid event; `overrides` replace its fields. */
export function makeEvent(
  overrides: Partial<TrackEvent> & Record<string, unknown> = {},
): TrackEvent {
  seq += 1;
  return {
    id: randomUUID(),
    type: 'custom',
    ts: 1_763_830_000_000 + seq,
    seq,
    sid: 's-1',
    vid: 'v-1',
    url: 'https://shop.example/product/a1',
    path: '/product/a1',
    props: { name: 'add_to_cart', sku: 'A1', price: 29.9 },
    ...overrides,
  };
}

/** A valid wire-format v1 batch of `events` (3 fresh ones by default). */
export function makeBatch(events: TrackEvent[] = [makeEvent(), makeEvent(), makeEvent()]): Batch {
  return {
    v: 1,
    batchId: randomUUID(),
    sentAt: 1_763_830_000_000,
    siteId: 'shop-fr',
    sdk: { name: 'parcours', version: '0.1.0' },
    events,
  };
}

/** The parsed lines of an NDJSON file (every line must parse), or [] if it is missing. */
export async function readLines(file: string): Promise<any[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  if (text && !text.endsWith('\n')) throw new Error(`${file} ends with a partial line`);
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

/**
 * Registers a per-test temporary data folder and teardown, and returns `start(options)`, which
 * runs a collector on it behind a loopback server and resolves its URL. `closeMs` is the grace
 * given to `collector.close` at teardown.
 */
export function useCollector(closeMs?: number) {
  const fixture = { dir: '' };
  let removeDir: () => Promise<void> = async () => {};
  const stops: (() => Promise<void>)[] = [];
  beforeEach(async () => {
    ({ dir: fixture.dir, remove: removeDir } = await tempDir());
  });
  afterEach(async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
    await removeDir();
  });
  async function start(options: CollectorOptions = {}) {
    const collector = createCollector({ dataDir: fixture.dir, ...options });
    await collector.ready;
    const server = await startServer(collector.handler);
    stops.push(() => collector.close(closeMs), server.close);
    return server.url;
  }
  return { fixture, stops, start };
}
