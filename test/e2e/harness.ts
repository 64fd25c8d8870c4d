// The e2e harness: a site server that serves a fixture page with the script-tag snippet and
// the built IIFE, a fault-injectable collector on another port (cross-origin, so CORS and
// preflights are exercised) that records every raw request, and Chromium helpers.
// Assertions count what arrived; nothing here measures how fast it arrived.
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/** The repository root (the harness lives in test/e2e/). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const IIFE_PATH = join(ROOT, 'dist/parcours.iife.js');
export const SITE_ID = 'e2e';
/** The IndexedDB database of the default `storage.dbName`. */
export const DB_NAME = 'parcours:v1';
/** The name every test event is tracked under; `props.tag` and `props.n` identify it. */
export const EVENT_NAME = 'e2e';

/** Small batching and retry values so the suite runs fast. */
export const FAST = {
  batch: { intervalMs: 200 },
  retry: { baseMs: 200, maxMs: 2_000 },
  debug: true,
} as const;

/** A batch interval long enough that only a full batch, a flush or the page's end sends. */
export const SLOW = {
  batch: { intervalMs: 600_000 },
  retry: { baseMs: 200, maxMs: 2_000 },
  debug: true,
} as const;

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `check` until it is true; throws naming `what` (and the last `detail`) after `timeoutMs`. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 30_000,
  detail: () => unknown = () => '',
): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what} ${JSON.stringify(detail())}`,
      );
    }
    await sleep(100);
  }
}

/** Prints a measurement line; the report collects them from the vitest output. */
export function report(test: string, data: Record<string, unknown>): void {
  console.log(`[e2e] ${test} ${JSON.stringify(data)}`);
}

// ---------------------------------------------------------------------------------------------
// Servers

async function listenOn(server: Server, port = 0): Promise<number> {
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', fail);
      ok();
    });
  });
  return (server.address() as AddressInfo).port;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((ok) => {
    server.close(() => ok());
    server.closeAllConnections();
  });
}

function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((ok) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => ok(Buffer.concat(chunks)));
    req.on('error', () => ok(Buffer.concat(chunks)));
    req.on('aborted', () => ok(Buffer.concat(chunks)));
  });
}

const escapeAttr = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const inlineJson = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');

/** What the fixture page holds; passed in the page URL (`?o=<json>`), so pages are stateless. */
export interface PageOptions {
  /** Queued as `parcours('init', config)` before the script; `null`: no init (the tag auto-starts). */
  config?: Record<string, unknown> | null;
  /** Calls queued after the init and before the script tag (`[method, ...args]`). */
  before?: unknown[][];
  /** Inline calls right after the (async) script tag. */
  after?: unknown[][];
  /** `data-endpoint`; `null` leaves the attribute out. @defaultValue the collector's endpoint */
  endpoint?: string | null;
  /** The site serves the IIFE this much later (the queued calls then surely precede it). */
  scriptDelayMs?: number;
  /** HTML added at the end of `<head>`. */
  head?: string;
  /** Served without `Cache-Control: no-store`, so the page may enter the back/forward cache. */
  bfcache?: boolean;
  /** HTML of `<body>`, instead of the default heading, buttons and link. */
  body?: string;
  /** `data-plugins` of the script tag (plugins by name, default options). */
  plugins?: string;
}

/**
 * `/__e2e/image.svg?delay=<ms>&w=<px>&h=<px>`: a colourful SVG image (about 20 kB, so Chromium
 * counts it for LCP) served `delay` ms late: a slow hero image.
 */
export const SLOW_IMAGE_PATH = '/__e2e/image.svg';

/** `/__e2e/status?code=<status>&delay=<ms>`: an empty JSON answer with that status, that late. */
export const STATUS_PATH = '/__e2e/status';

export interface Site {
  origin: string;
  /** The collector endpoint written into `data-endpoint`. */
  endpoint: string;
  /** A page of the site at `path` with these options (defaults: init with {@link FAST}). */
  url(path?: string, o?: PageOptions): string;
  /** Requests for the IIFE, to check a page really loaded it. */
  scriptLoads: number;
  close(): Promise<void>;
}

/** The shop: any path is the fixture page; `/parcours.iife.js` is the built bundle. */
export async function startSite(): Promise<Site> {
  const iife = await readFile(IIFE_PATH);
  const site: Site = {
    origin: '',
    endpoint: '',
    scriptLoads: 0,
    url(path = '/', o = {}) {
      return `${site.origin}${path}?o=${encodeURIComponent(JSON.stringify(o))}`;
    },
    close: () => closeServer(server),
  };
  const page = (path: string, o: PageOptions): string => {
    const config = o.config === undefined ? FAST : o.config;
    const calls = [...(config ? [['init', config]] : []), ...(o.before ?? [])];
    const run = (list: unknown[][]) =>
      list.length
        ? `<script>${list.map((c) => `parcours.apply(null, ${inlineJson(c)});`).join('\n')}</script>`
        : '';
    const endpoint = o.endpoint === undefined ? site.endpoint : o.endpoint;
    const src = `/parcours.iife.js${o.scriptDelayMs ? `?delay=${o.scriptDelayMs}` : ''}`;
    return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>e2e ${escapeAttr(path)}</title>
<link rel="icon" href="data:,">
<script>window.parcours=window.parcours||function(){(parcours.q=parcours.q||[]).push(arguments)}</script>
${run(calls)}
<script async src="${src}"${endpoint === null ? '' : ` data-endpoint="${escapeAttr(endpoint)}"`} data-site-id="${SITE_ID}"${o.plugins ? ` data-plugins="${escapeAttr(o.plugins)}"` : ''}></script>
${run(o.after ?? [])}
${o.head ?? ''}
</head><body>
${
  o.body ??
  `<h1>Fixture ${escapeAttr(path)}</h1>
<button id="add" type="button" data-testid="add">Add to cart</button>
<button id="buy" type="button">Buy now</button>
<a id="next" href="/next">Next page</a>`
}
</body></html>`;
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/parcours.iife.js') {
      site.scriptLoads++;
      const delay = Number(url.searchParams.get('delay') ?? 0);
      setTimeout(() => {
        res.writeHead(200, {
          'Content-Type': 'text/javascript; charset=utf-8',
          'Cache-Control': 'no-store',
        });
        res.end(iife);
      }, delay);
      return;
    }
    const plugin = /^\/plugins\/(reassurance|landing|device)\.iife\.js$/.exec(url.pathname);
    if (plugin) {
      // The built plugin files (dist/plugins/*.iife.js), for script-tag pages.
      void readFile(join(ROOT, 'dist', url.pathname)).then(
        (js) => {
          res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' });
          res.end(js);
        },
        () => res.writeHead(404).end(),
      );
      return;
    }
    if (url.pathname === STATUS_PATH) {
      // `/__e2e/status?code=500&delay=ms`: a page's API call that fails, or answers late.
      const code = Number(url.searchParams.get('code') ?? 200) || 200;
      setTimeout(
        () => {
          res.writeHead(code, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
          res.end('{}');
        },
        Number(url.searchParams.get('delay') ?? 0) || 0,
      );
      return;
    }
    if (url.pathname === SLOW_IMAGE_PATH) {
      const n = (k: string, d: number) => Number(url.searchParams.get(k) ?? d) || d;
      setTimeout(
        () => {
          res.writeHead(200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'no-store' });
          // Many shapes: Chromium ignores low-entropy images (< 0.05 bits per pixel) for LCP.
          const rects = Array.from(
            { length: 300 },
            (_, i) =>
              `<rect x="${(i * 37) % 97}%" y="${(i * 53) % 89}%" width="9%" height="9%" fill="#${((i * 2654435761) % 0xffffff).toString(16).padStart(6, '0')}"/>`,
          ).join('');
          res.end(
            `<svg xmlns="http://www.w3.org/2000/svg" width="${n('w', 800)}" height="${n('h', 400)}"><rect width="100%" height="100%" fill="#c33"/>${rects}</svg>`,
          );
        },
        n('delay', 0),
      );
      return;
    }
    let o: PageOptions = {};
    try {
      o = JSON.parse(url.searchParams.get('o') ?? '{}') as PageOptions;
    } catch {}
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': o.bfcache ? 'private, max-age=0' : 'no-store',
    });
    res.end(page(url.pathname, o));
  });
  const port = await listenOn(server);
  site.origin = `http://127.0.0.1:${port}`;
  return site;
}

/** An event as it arrived on the wire. */
export interface WireEvent {
  id: string;
  type: string;
  ts: number;
  seq: number;
  sid: string;
  props: Record<string, unknown>;
  [key: string]: unknown;
}

/** One raw request the collector received. */
export interface RawRequest {
  /** Arrival, epoch ms (server clock). */
  at: number;
  method: string;
  path: string;
  origin?: string;
  contentType?: string;
  contentEncoding?: string;
  /** `beacon`: a text/plain POST (sendBeacon); `fetch`: application/json (fetch keepalive). */
  kind: 'fetch' | 'beacon' | 'preflight' | 'other';
  bytes: number;
  batchId?: string;
  events: WireEvent[];
  /** The status answered; 0 until answered, -1 when the connection closed without an answer. */
  status: number;
  /** Answered by an injected fault rather than by the collector. */
  injected: boolean;
  bodyError?: string;
}

type Fault =
  { kind: 'ok' } | { kind: 'status'; code: number; headers: Record<string, string>; left: number };

export interface FaultCollector {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** `<origin>/v1/batch` */
  endpoint: string;
  port: number;
  /** `reference` (src/node createCollector) or `minimal` (this file's fallback). */
  backend: 'reference' | 'minimal';
  requests: RawRequest[];
  /** Answers normally (the reference collector). */
  ok(): void;
  /**
   * Answers batch POSTs with `code` and `headers` (over the CORS headers the reference
   * collector sends, Retry-After exposed) until `ok()`, or for the next `times` POSTs only.
   * Preflights are still answered normally.
   */
  status(code: number, headers?: Record<string, string>, times?: number): void;
  /** Closes the server: connections are refused until `up()`. */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  posts(): RawRequest[];
  /** Event ids of every 2xx-answered POST, with multiplicity. */
  acceptedIds(): string[];
  uniqueAccepted(): Set<string>;
  /** Ids accepted (2xx) more than once. */
  duplicates(): string[];
  /** The accepted test events of `tag` (first arrival of each `props.n`). */
  arrived(tag: string): Map<number, { at: number; kind: RawRequest['kind']; event: WireEvent }>;
  /** Which of `0 … count-1` (plus `from`) of `tag` have not arrived. */
  missing(tag: string, count: number, from?: number): number[];
  /** Counts by kind and status, for the report. */
  summary(): Record<string, unknown>;
  close(): Promise<void>;
}

function decode(rec: RawRequest, body: Buffer): void {
  if (rec.method !== 'POST' || !body.length) return;
  try {
    const raw = /gzip/i.test(rec.contentEncoding ?? '') ? gunzipSync(body) : body;
    const batch = JSON.parse(raw.toString('utf8')) as { batchId?: string; events?: WireEvent[] };
    rec.batchId = batch.batchId;
    rec.events = Array.isArray(batch.events) ? batch.events : [];
  } catch (e) {
    rec.bodyError = String(e);
  }
}

/** A request stream that replays an already-read body, for the wrapped collector. */
function replay(req: IncomingMessage, body: Buffer): IncomingMessage {
  const s = new PassThrough();
  s.end(body);
  return Object.assign(s, {
    headers: req.headers,
    rawHeaders: req.rawHeaders,
    method: req.method,
    url: req.url,
    httpVersion: req.httpVersion,
    socket: req.socket,
  }) as unknown as IncomingMessage;
}

/** What the reference collector answers an allowed origin (its Retry-After is readable). */
const corsHeaders = (req: IncomingMessage): Record<string, string> =>
  req.headers.origin
    ? {
        'Access-Control-Allow-Origin': req.headers.origin,
        'Access-Control-Expose-Headers': 'Retry-After',
        Vary: 'Origin',
      }
    : {};

/** Stands in when src/node has no usable createCollector: answers 200 to every batch. */
function minimalHandler(req: IncomingMessage, res: ServerResponse): void {
  if (req.method === 'OPTIONS') {
    res.writeHead(204, {
      ...corsHeaders(req),
      'Access-Control-Allow-Methods': 'POST, OPTIONS',
      'Access-Control-Allow-Headers': 'Content-Type, Content-Encoding',
      'Access-Control-Max-Age': '600',
    });
    res.end();
    return;
  }
  res.writeHead(200, { ...corsHeaders(req), 'Content-Type': 'application/json' });
  res.end('{"ok":true}');
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

async function referenceCollector(
  dataDir: string,
  cors: string[],
): Promise<{ handler: Handler; close: () => Promise<void> } | undefined> {
  try {
    const mod = (await import('../../src/node/index.js')) as {
      createCollector?: (o: Record<string, unknown>) => {
        handler: Handler;
        ready: Promise<void>;
        close(): Promise<void>;
      };
    };
    if (typeof mod.createCollector !== 'function') return undefined;
    const c = mod.createCollector({ dataDir, cors, maxBodyBytes: 1_000_000, sites: [SITE_ID] });
    await c.ready;
    return c;
  } catch (e) {
    console.warn('[e2e] reference collector unusable, using the minimal one:', e);
    return undefined;
  }
}

/** Starts the fault-injectable collector, allowing `cors` origins. */
export async function startCollector(cors: string[]): Promise<FaultCollector> {
  const dataDir = await mkdtemp(join(tmpdir(), 'parcours-e2e-'));
  const reference = await referenceCollector(dataDir, cors);
  const inner: Handler = reference?.handler ?? minimalHandler;
  const requests: RawRequest[] = [];
  let fault: Fault = { kind: 'ok' };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const rec: RawRequest = {
      at: Date.now(),
      method: req.method ?? '',
      path: (req.url ?? '').split('?')[0] ?? '',
      origin: req.headers.origin,
      contentType: req.headers['content-type'],
      contentEncoding: req.headers['content-encoding'],
      kind: 'other',
      bytes: 0,
      events: [],
      status: 0,
      injected: false,
    };
    if (rec.method === 'OPTIONS') rec.kind = 'preflight';
    else if (rec.method === 'POST')
      rec.kind = /^text\/plain/i.test(rec.contentType ?? '') ? 'beacon' : 'fetch';
    requests.push(rec);
    res.on('finish', () => (rec.status = res.statusCode));
    res.on('close', () => {
      if (!res.writableFinished) rec.status = -1;
    });
    const body = await readAll(req);
    rec.bytes = body.length;
    decode(rec, body);
    if (rec.method === 'POST' && fault.kind === 'status') {
      const f = fault;
      if (--f.left <= 0) fault = { kind: 'ok' };
      rec.injected = true;
      res.writeHead(f.code, {
        ...corsHeaders(req),
        'Content-Type': 'application/json',
        ...f.headers,
      });
      res.end(JSON.stringify({ error: `injected ${f.code}` }));
      return;
    }
    inner(replay(req, body), res);
  };
  const listener = (req: IncomingMessage, res: ServerResponse) => void handle(req, res);
  let server = createServer(listener);
  const port = await listenOn(server);
  let isDown = false;

  const accepted = () =>
    requests.filter((r) => r.method === 'POST' && r.status >= 200 && r.status < 300);
  const c: FaultCollector = {
    origin: `http://127.0.0.1:${port}`,
    endpoint: `http://127.0.0.1:${port}/v1/batch`,
    port,
    backend: reference ? 'reference' : 'minimal',
    requests,
    ok: () => void (fault = { kind: 'ok' }),
    status: (code, headers = {}, times = Infinity) =>
      void (fault = { kind: 'status', code, headers, left: times }),
    async down() {
      if (isDown) return;
      isDown = true;
      await closeServer(server);
    },
    async up() {
      if (!isDown) return;
      server = createServer(listener);
      await listenOn(server, port);
      isDown = false;
    },
    posts: () => requests.filter((r) => r.method === 'POST'),
    acceptedIds: () => accepted().flatMap((r) => r.events.map((e) => e.id)),
    uniqueAccepted: () => new Set(c.acceptedIds()),
    duplicates() {
      const seen = new Map<string, number>();
      for (const id of c.acceptedIds()) seen.set(id, (seen.get(id) ?? 0) + 1);
      return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
    },
    arrived(tag) {
      const out = new Map<number, { at: number; kind: RawRequest['kind']; event: WireEvent }>();
      for (const r of accepted()) {
        for (const e of r.events) {
          if (e.type !== 'custom' || e.props.name !== EVENT_NAME || e.props.tag !== tag) continue;
          const n = e.props.n as number;
          if (!out.has(n)) out.set(n, { at: r.at, kind: r.kind, event: e });
        }
      }
      return out;
    },
    missing(tag, count, from = 0) {
      const got = c.arrived(tag);
      return Array.from({ length: count }, (_, i) => from + i).filter((n) => !got.has(n));
    },
    summary() {
      const statuses: Record<string, number> = {};
      const kinds: Record<string, number> = {};
      for (const r of requests) {
        statuses[`${r.kind}:${r.status}`] = (statuses[`${r.kind}:${r.status}`] ?? 0) + 1;
        kinds[r.kind] = (kinds[r.kind] ?? 0) + 1;
      }
      return {
        requests: requests.length,
        ...kinds,
        statuses,
        acceptedIds: c.acceptedIds().length,
        unique: c.uniqueAccepted().size,
        duplicates: c.duplicates().length,
        gzip: requests.filter((r) => r.contentEncoding === 'gzip').length,
      };
    },
    async close() {
      if (!isDown) await closeServer(server);
      await reference?.close().catch(() => {});
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return c;
}

/** Every event the collector accepted (2xx), once each, in `seq` order. */
export function acceptedEvents(collector: FaultCollector): WireEvent[] {
  const seen = new Map<string, WireEvent>();
  for (const r of collector.posts()) {
    if (r.status < 200 || r.status >= 300) continue;
    for (const e of r.events) if (!seen.has(e.id)) seen.set(e.id, e);
  }
  return [...seen.values()].sort((a, b) => a.seq - b.seq);
}

/** A site and a collector on another port that allows the site's origin. */
export interface Stack {
  site: Site;
  collector: FaultCollector;
  close(): Promise<void>;
}

export async function startStack(): Promise<Stack> {
  const site = await startSite();
  const collector = await startCollector([site.origin]);
  site.endpoint = collector.endpoint;
  return {
    site,
    collector,
    close: async () => {
      await site.close();
      await collector.close();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Browser

/** The system Chromium; `bfcache` keeps the back/forward cache playwright turns off by default. */
export function launchBrowser(o: { bfcache?: boolean } = {}): Promise<Browser> {
  return chromium.launch({
    ...(o.bfcache ? { ignoreDefaultArgs: ['--disable-back-forward-cache'] } : {}),
    executablePath: process.env.PARCOURS_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A page and what it printed: console messages and uncaught page errors. */
export interface Tab {
  page: Page;
  console: { type: string; text: string }[];
  pageErrors: string[];
}

export function watch(page: Page): Tab {
  const tab: Tab = { page, console: [], pageErrors: [] };
  page.on('console', (m) => tab.console.push({ type: m.type(), text: m.text() }));
  page.on('pageerror', (e) => tab.pageErrors.push(String(e)));
  return tab;
}

/** Opens `url` in a new page of `context` and waits until the tracker is started. */
export async function openTab(context: BrowserContext, url: string, ready = true): Promise<Tab> {
  const tab = watch(await context.newPage());
  await tab.page.goto(url);
  if (ready) await trackerReady(tab.page);
  return tab;
}

export async function trackerReady(page: Page): Promise<void> {
  await page.waitForFunction(() => !!(window as any).parcours?.tracker, undefined, {
    timeout: 15_000,
  });
}

/** Tracks `count` events `e2e` with `props { tag, n }`, n from `from`, synchronously in the page. */
export async function track(page: Page, tag: string, count: number, from = 0): Promise<void> {
  await page.evaluate(
    ({ name, tag, count, from }) => {
      for (let n = from; n < from + count; n++) (window as any).parcours('track', name, { tag, n });
    },
    { name: EVENT_NAME, tag, count, from },
  );
}

/** What the page's IndexedDB queue holds (store `queue`, keys `q:…` and `r:…`). */
export async function readQueue(
  page: Page,
  dbName = DB_NAME,
): Promise<{ k: string; e: WireEvent; lease: number }[]> {
  return page.evaluate(
    (name) =>
      new Promise<{ k: string; e: any; lease: number }[]>((ok, fail) => {
        const open = indexedDB.open(name);
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('queue')) {
            db.close();
            ok([]);
            return;
          }
          const req = db
            .transaction('queue', 'readonly')
            .objectStore('queue')
            .getAll(IDBKeyRange.bound('q:', 'r:\uffff'));
          req.onsuccess = () => {
            db.close();
            // `r:` records hold the event as JSON (`j`), the previous `q:` ones as an object.
            ok(
              (req.result as { k: string; j?: string; e?: any; lease: number }[]).map((r) => ({
                k: r.k,
                e: r.e ?? JSON.parse(r.j!),
                lease: r.lease,
              })),
            );
          };
          req.onerror = () => {
            db.close();
            fail(req.error);
          };
        };
      }),
    dbName,
  );
}

/** The `props.n` of the queued test events of `tag`, sorted. */
export function queuedOf(items: { e: WireEvent }[], tag: string): number[] {
  return items
    .filter((s) => s.e.type === 'custom' && s.e.props.name === EVENT_NAME && s.e.props.tag === tag)
    .map((s) => s.e.props.n as number)
    .sort((a, b) => a - b);
}

export const range = (count: number, from = 0) => Array.from({ length: count }, (_, i) => from + i);

/** How a page's life ends in a test. */
export type PageEnd = 'close' | 'reload' | 'navigate';
export const PAGE_ENDS: readonly PageEnd[] = ['close', 'reload', 'navigate'];

/**
 * Ends the page as `end` says (`close` without beforeunload, `reload`, or `navigate` to
 * another page of the site) and returns the site's next page, with its tracker started.
 * After `close`, `beforeNext` runs before the next page opens (to see what the end sent).
 */
export async function endPage(
  context: BrowserContext,
  tab: Tab,
  end: PageEnd,
  nextUrl: string,
  beforeNext: () => Promise<void> = async () => {},
): Promise<Tab> {
  if (end === 'close') {
    await tab.page.close({ runBeforeUnload: false });
    await beforeNext();
    return openTab(context, nextUrl);
  }
  if (end === 'reload') await tab.page.reload();
  else await tab.page.goto(nextUrl);
  await trackerReady(tab.page);
  return tab;
}

/**
 * Waits until the page's tracker sent what it had and no send is under way (`flush()`), so
 * that with {@link SLOW} batching nothing is sent until the page's end, a flush or a full batch.
 */
export async function settleSends(page: Page): Promise<void> {
  await page.evaluate(() => (window as any).parcours.tracker.flush());
}
