// Delivery under exit, parcours only, in real headless Chromium against a loopback collector on
// another port (cross-origin, as on a shop). The page is the script tag with its defaults, as a
// shop installs it (batch every 5 s, retry from 1 s). Each scenario fires 20 events
// (`parcours('track', …)`) and then closes the page without beforeunload; it counts what the
// collector accepted (2xx) by event id: at once (the closing page's own sends) and after the
// site's next page load, and every id accepted more than once. A script, not a test.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { launchChromium } from './chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const COUNT = 20;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const listen = (server) =>
  new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server.address().port)));
const close = (server) =>
  new Promise((ok) => {
    server.close(() => ok());
    server.closeAllConnections();
  });

/** A collector that records every POSTed event; `failUntil` (epoch ms) answers 503 before it. */
async function startCollector() {
  const c = { posts: [], failUntil: 0 };
  const server = createServer((req, res) => {
    const cors = req.headers.origin
      ? { 'Access-Control-Allow-Origin': req.headers.origin, Vary: 'Origin' }
      : {};
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        ...cors,
        'Access-Control-Allow-Methods': 'POST, OPTIONS',
        'Access-Control-Allow-Headers': 'Content-Type, Content-Encoding',
      });
      return res.end();
    }
    const chunks = [];
    req.on('data', (b) => chunks.push(b));
    req.on('end', () => {
      const post = {
        at: Date.now(),
        kind: /^text\/plain/i.test(req.headers['content-type'] ?? '') ? 'beacon' : 'fetch',
        events: [],
        status: Date.now() < c.failUntil ? 503 : 200,
      };
      try {
        const body = Buffer.concat(chunks);
        const raw = /gzip/i.test(req.headers['content-encoding'] ?? '') ? gunzipSync(body) : body;
        post.events = JSON.parse(raw.toString('utf8')).events ?? [];
      } catch {}
      c.posts.push(post);
      res.writeHead(post.status, { ...cors, 'Content-Type': 'application/json' });
      res.end(post.status === 200 ? '{"ok":true}' : '{"error":"down"}');
    });
  });
  c.port = await listen(server);
  c.endpoint = `http://127.0.0.1:${c.port}/v1/batch`;
  c.close = () => close(server);
  /** Accepted test events of `tag`: first arrival per `props.n`. */
  c.arrived = (tag) => {
    const got = new Map();
    for (const p of c.posts.filter((p) => p.status === 200))
      for (const e of p.events)
        if (e.props?.name === 'bench' && e.props?.tag === tag && !got.has(e.props.n))
          got.set(e.props.n, { at: p.at, kind: p.kind });
    return got;
  };
  c.duplicates = () => {
    const seen = new Map();
    for (const p of c.posts.filter((p) => p.status === 200))
      for (const e of p.events) seen.set(e.id, (seen.get(e.id) ?? 0) + 1);
    return [...seen.values()].filter((n) => n > 1).length;
  };
  return c;
}

async function startSite(endpoint) {
  const iife = readFileSync(`${root}dist/parcours.iife.js`);
  const server = createServer((req, res) => {
    if (req.url.startsWith('/parcours.iife.js')) {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
      return res.end(iife);
    }
    res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>
<link rel="icon" href="data:,">
<script>window.parcours=window.parcours||function(){(parcours.q=parcours.q||[]).push(arguments)}</script>
<script async src="/parcours.iife.js" data-endpoint="${endpoint}" data-site-id="bench"></script>
</head><body><h1>Shop ${req.url}</h1><button type="button">Add to cart</button></body></html>`);
  });
  const port = await listen(server);
  return { origin: `http://127.0.0.1:${port}`, close: () => close(server) };
}

async function openTab(context, url) {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => !!window.parcours?.tracker, undefined, { timeout: 15_000 });
  return page;
}
const fire = (page, tag) =>
  page.evaluate(
    ({ tag, count }) => {
      for (let n = 0; n < count; n++) window.parcours('track', 'bench', { tag, n });
    },
    { tag, count: COUNT },
  );

/**
 * One scenario: `tabs` tabs each fire 20 events `gapMs` before closing abruptly; with `failMs`
 * the endpoint answers 503 from before the first event until `failMs` later. Then the site's
 * next page opens and the collector is watched for `watchMs`.
 */
async function scenario(browser, { name, tabs = 1, gapMs = 0, failMs = 0, watchMs = 30_000 }) {
  const collector = await startCollector();
  const site = await startSite(collector.endpoint);
  const context = await browser.newContext();
  const tags = Array.from({ length: tabs }, (_, i) => `t${i}`);
  try {
    const pages = [];
    for (const t of tags) pages.push(await openTab(context, `${site.origin}/${t}`));
    await sleep(1000); // the trackers are started and their page views sent
    if (failMs) collector.failUntil = Date.now() + failMs;
    await Promise.all(pages.map((p, i) => fire(p, tags[i])));
    if (gapMs) await sleep(gapMs);
    for (const p of pages) await p.close({ runBeforeUnload: false });
    await sleep(2000); // what the closing pages sent has landed
    const total = () => tags.reduce((s, t) => s + collector.arrived(t).size, 0);
    const atOnce = total();
    const nextAt = Date.now();
    await openTab(context, `${site.origin}/next`);
    const end = nextAt + watchMs;
    while (total() < COUNT * tabs && Date.now() < end) await sleep(200);
    // When the last one arrived, from the next page's navigation (0: all there at once).
    const last = Math.max(
      ...tags.flatMap((t) => [...collector.arrived(t).values()].map((a) => a.at)),
    );
    const allAfterMs =
      total() < COUNT * tabs ? null : atOnce === COUNT * tabs ? 0 : Math.max(0, last - nextAt);
    await sleep(3000); // a second send of the same events would show by now
    const byKind = { beacon: 0, fetch: 0 };
    for (const t of tags) for (const a of collector.arrived(t).values()) byKind[a.kind]++;
    return {
      name,
      fired: COUNT * tabs,
      atOnce,
      afterNextLoad: total(),
      lost: COUNT * tabs - total(),
      duplicates: collector.duplicates(),
      allArrivedMsAfterNextLoad: allAfterMs,
      answered503: collector.posts.filter((p) => p.status === 503).length,
      ...byKind,
    };
  } finally {
    await context.close();
    await site.close();
    await collector.close();
  }
}

export const SCENARIOS = [
  { name: 'closed at once after the 20 events' },
  { name: 'closed 1 s after the 20 events', gapMs: 1000 },
  { name: 'endpoint failing 10 s (503), closed 1 s after', gapMs: 1000, failMs: 10_000 },
  { name: '2 tabs, 20 events each, both closed at once', tabs: 2 },
];

/** Runs every scenario once in one Chromium. */
export async function measureDelivery({ scenarios = SCENARIOS, watchMs = 90_000 } = {}) {
  const browser = await launchChromium();
  try {
    const rows = [];
    for (const s of scenarios) rows.push(await scenario(browser, { watchMs, ...s }));
    return rows;
  } finally {
    await browser.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await measureDelivery()) console.log(JSON.stringify(r));
}
