// Main-thread cost in real headless Chromium on a product page (a grid of 48 cards, ~700 nodes):
// script and task time from navigation to load + 2 s (init), and added per click over real
// `page.mouse` clicks, each minus a page with no SDK measured in the same run, interleaved.
// Time comes from CDP `Performance.getMetrics` (ScriptDuration, TaskDuration: the renderer's
// own accounting for this page), long tasks from a PerformanceObserver set before any script.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const peer = (p) => `${root}bench/node_modules/${p}`;
const STUB = `<script>window.parcours=window.parcours||function(){(parcours.q=parcours.q||[]).push(arguments)}</script>`;

const PLUGINS = `${root}dist/plugins`;
/** The plugins' script tags, when this build has them (`device` first, so it sees the first page view). */
const pluginNames = existsSync(PLUGINS)
  ? readdirSync(PLUGINS)
      .filter((f) => f.endsWith('.iife.js'))
      .map((f) => f.slice(0, -8))
      .sort((a, b) => (a === 'device' ? -1 : b === 'device' ? 1 : a.localeCompare(b)))
  : [];
const parcoursTag = (attrs = '') =>
  `${STUB}<script async src="/sdk/parcours.iife.js" data-endpoint="/collect" data-site-id="bench"${attrs}></script>`;

/** What each variant adds to the page's head. Peers run with their autocapture on. */
export const VARIANTS = {
  none: () => '',
  parcours: () => parcoursTag(),
  ...(pluginNames.length && {
    'parcours + plugins': () =>
      pluginNames.map((n) => `<script src="/sdk/plugins/${n}.iife.js"></script>`).join('') +
      parcoursTag(` data-plugins="${pluginNames.join(',')}"`),
  }),
  'posthog-js': () =>
    `<script src="/sdk/posthog.js"></script><script>posthog.init('phc_bench',{api_host:location.origin,autocapture:true,capture_pageview:true,disable_session_recording:true,advanced_disable_decide:true,persistence:'localStorage'})</script>`,
  amplitude: () =>
    `<script src="/sdk/amplitude.js"></script><script>amplitude.init('bench-key',{serverUrl:location.origin+'/2/httpapi',autocapture:{elementInteractions:true,pageViews:true}})</script>`,
  // Snowplow's autocapture: page view, activity (page pings), link and button clicks.
  snowplow: () =>
    `<script src="/sdk/snowplow.js"></script><script src="/sdk/sp-link.js"></script><script src="/sdk/sp-button.js"></script><script>(function(S,L,B){S.newTracker('sp',location.origin,{appId:'bench',plugins:[L.LinkClickTrackingPlugin(),B.ButtonClickTrackingPlugin()]});L.enableLinkClickTracking();B.enableButtonClickTracking();S.enableActivityTracking({minimumVisitLength:10,heartbeatDelay:10});S.trackPageView()})(snowplowBrowserTracking,snowplowLinkClickTracking,snowplowButtonClickTracking)</script>`,
  // Plausible has no click autocapture: page views, outbound links, file downloads, forms.
  plausible: () =>
    `<script type="module">import{init}from'/sdk/plausible.js';init({domain:'bench.example',endpoint:location.origin+'/api/event',captureOnLocalhost:true,outboundLinks:true,fileDownloads:true,formSubmissions:true,logging:false})</script>`,
};
export const FILES = {
  '/sdk/parcours.iife.js': process.env.PARCOURS_IIFE ?? `${root}dist/parcours.iife.js`,
  ...Object.fromEntries(
    pluginNames.map((n) => [`/sdk/plugins/${n}.iife.js`, `${PLUGINS}/${n}.iife.js`]),
  ),
  '/sdk/posthog.js': peer('posthog-js/dist/array.js'),
  '/sdk/amplitude.js': peer('@amplitude/analytics-browser/lib/scripts/amplitude-min.js'),
  '/sdk/snowplow.js': peer('@snowplow/browser-tracker/dist/index.umd.min.js'),
  '/sdk/sp-link.js': peer('@snowplow/browser-plugin-link-click-tracking/dist/index.umd.min.js'),
  '/sdk/sp-button.js': peer('@snowplow/browser-plugin-button-click-tracking/dist/index.umd.min.js'),
  '/sdk/plausible.js': peer('@plausible-analytics/tracker/plausible.js'),
};

function productPage(head) {
  const cards = Array.from(
    { length: 48 },
    (_, i) => `
    <article class="card" data-sku="SKU-${i}">
      <div class="img" role="img" aria-label="Product ${i}"></div>
      <h3><a href="/product/${i}">Linen shirt ${i}</a></h3>
      <p class="price">€${(19 + i).toFixed(2)} <s>€${(29 + i).toFixed(2)}</s></p>
      <div class="swatches">${['navy', 'sand', 'olive', 'white'].map((c) => `<span class="swatch ${c}" title="${c}"></span>`).join('')}</div>
      <p class="meta"><span>★★★★☆</span> <span>(${i * 7} reviews)</span> <span class="badge">Free returns</span></p>
      <div class="actions"><button class="add" type="button">Add to cart</button><button class="wish" type="button" aria-pressed="false">♡</button></div>
    </article>`,
  ).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bench product grid</title>
<link rel="stylesheet" href="/style.css">${head}</head><body>
<header><a href="/">Bench Shop</a><nav><a href="/c/men">Men</a><a href="/c/women">Women</a><a href="/cart">Cart (<span id="count">0</span>)</a></nav></header>
<main class="grid">${cards}</main><footer><a href="/returns">Returns</a><a href="/shipping">Shipping</a><a href="/contact">Contact</a></footer>
<script src="/shop.js"></script></body></html>`;
}
const CSS = `body{font:14px sans-serif;margin:0}header,footer{display:flex;gap:16px;padding:12px}.grid{display:grid;grid-template-columns:repeat(6,1fr);gap:12px;padding:12px}.card{border:1px solid #ddd;padding:8px}.img{height:90px;background:#eee}.swatch{display:inline-block;width:18px;height:18px;margin:2px;border-radius:50%;cursor:pointer;background:#999}.actions{display:flex;gap:6px}button{padding:6px 10px;cursor:pointer}`;
const SHOP_JS = `let n=0;document.addEventListener('click',e=>{const t=e.target;if(t.matches('.add')){document.getElementById('count').textContent=String(++n)}if(t.matches('.wish')){t.setAttribute('aria-pressed',String(t.getAttribute('aria-pressed')!=='true'))}if(t.matches('.swatch')){t.closest('.card').querySelector('.img').style.background=getComputedStyle(t).backgroundColor}});`;

/** Requests each variant's page sent to an endpoint (not files): proof that its SDK ran. */
const sent = {};
/** The centres of the product page's buttons in the viewport (add, wishlist, swatches). */
export const clickTargets = (page) =>
  page.$$eval('.add, .wish, .swatch', (els) =>
    els
      .map((e) => e.getBoundingClientRect())
      .filter((r) => r.bottom < innerHeight && r.width > 0)
      .map((r) => [r.x + r.width / 2, r.y + r.height / 2]),
  );

export function startServer() {
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const from = /\/page\/([^?#]+)/.exec(req.headers.referer ?? '')?.[1];
    if (path.startsWith('/page/')) {
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end(productPage(VARIANTS[decodeURIComponent(path.slice(6))]()));
    }
    if (FILES[path]) {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      return res.end(readFileSync(FILES[path]));
    }
    if (path === '/style.css') return res.writeHead(200, { 'content-type': 'text/css' }).end(CSS);
    if (path === '/shop.js')
      return res.writeHead(200, { 'content-type': 'text/javascript' }).end(SHOP_JS);
    // Every SDK's endpoint: accept and answer like a collector would.
    if (from) sent[decodeURIComponent(from)] = (sent[decodeURIComponent(from)] ?? 0) + 1;
    req.resume();
    req.on('end', () =>
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":1}'),
    );
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

async function metrics(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  return { script: m.ScriptDuration * 1e3, task: m.TaskDuration * 1e3 }; // ms
}

/**
 * `n` cursor moves, one a frame (16 ms), left to right and back across the page with a slow
 * vertical wave: a visitor's sweep over the grid, with no click.
 */
export async function sweep(page, n) {
  for (let i = 0; i < n; i++) {
    const u = (i % 200) / 200;
    const x = 80 + 1200 * (u < 0.5 ? 2 * u : 2 - 2 * u);
    await page.mouse.move(x, 300 + 200 * Math.sin(i / 40));
    await page.waitForTimeout(16);
  }
}

/** `n` wheel notches (100 px), one every 50 ms, 20 down then 20 up: a visitor reading the grid. */
export async function readDown(page, n) {
  await page.mouse.move(600, 400);
  for (let i = 0; i < n; i++) {
    await page.mouse.wheel(0, i % 40 < 20 ? 100 : -100);
    await page.waitForTimeout(50);
  }
}

async function runOnce(browser, base, variant, clicks, paced, moves, wheels) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  await context.addInitScript(() => {
    window.__longTasks = 0;
    try {
      new PerformanceObserver((l) => (window.__longTasks += l.getEntries().length)).observe({
        type: 'longtask',
        buffered: true,
      });
    } catch {}
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${base}/page/${encodeURIComponent(variant)}`, { waitUntil: 'load' });
  await page.waitForTimeout(2000);
  const init = await metrics(cdp);
  const targets = await clickTargets(page);
  for (let i = 0; i < clicks; i++) {
    const [x, y] = targets[(i * 7) % targets.length];
    await page.mouse.click(x + ((i % 3) - 1), y + ((i % 2) - 0.5));
  }
  await page.waitForTimeout(1500); // deferred work (idle writes, sends) belongs to the clicks
  const after = await metrics(cdp);
  // Then paced, a click every PACE_MS: a burst shares one IndexedDB write, one timer and one
  // send among many clicks, a paced click has them (nearly) to itself, as a visitor's does.
  for (let i = 0; i < paced; i++) {
    const [x, y] = targets[(i * 5) % targets.length];
    await page.mouse.click(x + ((i % 3) - 1), y + ((i % 2) - 0.5));
    await page.waitForTimeout(PACE_MS);
  }
  if (paced) await page.waitForTimeout(1500);
  const end = await metrics(cdp);
  // Then what a page pays between clicks: cursor moves, then scrolling by the wheel.
  await sweep(page, moves);
  if (moves) await page.waitForTimeout(1500);
  const moved = await metrics(cdp);
  await readDown(page, wheels);
  if (wheels) await page.waitForTimeout(1500);
  const scrolled = await metrics(cdp);
  const [longTasks, nodes] = await page.evaluate(() => [
    window.__longTasks,
    document.getElementsByTagName('*').length,
  ]);
  await context.close();
  return {
    initScriptMs: init.script,
    initTaskMs: init.task,
    clickScriptMs: after.script - init.script,
    clickTaskMs: after.task - init.task,
    pacedScriptMs: end.script - after.script,
    pacedTaskMs: end.task - after.task,
    moveScriptMs: moved.script - end.script,
    wheelScriptMs: scrolled.script - moved.script,
    longTasks,
    nodes,
    errors,
  };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Milliseconds between two clicks of the paced phase. */
export const PACE_MS = 100;

/**
 * @param {{ reps?: number, clicks?: number, paced?: number, moves?: number, wheels?: number, variants?: string[] }} o
 */
export async function measureCost({
  reps = 5,
  clicks = 300,
  paced = 100,
  moves = 200,
  wheels = 60,
  variants = Object.keys(VARIANTS),
} = {}) {
  const server = await startServer();
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await launchChromium();
  const runs = Object.fromEntries(variants.map((v) => [v, []]));
  try {
    for (let r = 0; r < reps; r++)
      for (const v of variants)
        runs[v].push(await runOnce(browser, base, v, clicks, paced, moves, wheels));
  } finally {
    await browser.close();
    server.close();
  }
  // Each rep of a variant minus the baseline of the same rep, then the median and the spread.
  const rows = variants
    .filter((v) => v !== 'none')
    .map((v) => {
      const d = (k, scale = 1) => runs[v].map((x, i) => (x[k] - runs.none[i][k]) * scale);
      const spread = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs) });
      const per = (k, n) => (n ? spread(d(k, 1000 / n)) : null);
      return {
        variant: v,
        initScriptMs: spread(d('initScriptMs')),
        clickScriptUs: spread(d('clickScriptMs', 1000 / clicks)),
        clickTaskUs: spread(d('clickTaskMs', 1000 / clicks)),
        pacedScriptUs: per('pacedScriptMs', paced),
        pacedTaskUs: per('pacedTaskMs', paced),
        moveScriptUs: per('moveScriptMs', moves),
        wheelScriptUs: per('wheelScriptMs', wheels),
        longTasks: Math.max(...runs[v].map((x) => x.longTasks)),
        requests: sent[v] ?? 0,
        pageErrors: runs[v].flatMap((x) => x.errors).slice(0, 3),
      };
    });
  return {
    reps,
    clicks,
    paced,
    moves,
    wheels,
    paceMs: PACE_MS,
    nodes: runs.none[0]?.nodes,
    baseline: runs.none,
    rows,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await measureCost({
    reps: Number(process.env.REPS ?? 5),
    clicks: Number(process.env.CLICKS ?? 300),
    paced: Number(process.env.PACED ?? 100),
    moves: Number(process.env.MOVES ?? 200),
    wheels: Number(process.env.WHEELS ?? 60),
  });
  console.log(JSON.stringify(r.rows, null, 1));
}
