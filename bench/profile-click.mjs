// Where parcours spends script time on the click path: a CDP CPU profile over real clicks on the
// bench's product page, self time summed per source function (through the IIFE's source map).
// `node bench/profile-click.mjs [clicks] [--pace=ms] [--inclusive]` after `npm run build`:
// `--pace=100` waits 100 ms after each click (a visitor's pace, where every timer and write of a
// click runs on its own instead of being shared with the next clicks'). A tool, not a test.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { build } from 'esbuild';
import { readProfile } from './cpu-profile.mjs';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const clicks = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 200);
const pace = Number(process.argv.find((a) => a.startsWith('--pace='))?.slice(7) ?? 0);
// Unminified (esbuild, same entry and define), so a profile frame is one source function.
const iife = '/tmp/parcours-profile.iife.js';
await build({
  entryPoints: [`${root}src/browser.ts`],
  bundle: true,
  format: 'iife',
  target: 'es2020',
  sourcemap: true,
  outfile: iife,
  define: { __PARCOURS_VERSION__: '"profile"' },
  logLevel: 'silent',
});
process.env.PARCOURS_IIFE = iife;
const { clickTargets, startServer } = await import('./cost.mjs');
const server = await startServer();
const base = `http://127.0.0.1:${server.address().port}`;
const map = new TraceMap(readFileSync(`${iife}.map`, 'utf8'));
const browser = await chromium.launch({
  executablePath: process.env.PARCOURS_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  // DOM calls counted as well: a count does not move with the machine's load, a time does.
  await page.addInitScript(() => {
    const n = (window.__domCalls = {});
    const wrap = (proto, name) => {
      const f = proto[name];
      proto[name] = function (...args) {
        n[name] = (n[name] ?? 0) + 1;
        return f.apply(this, args);
      };
    };
    wrap(Element.prototype, 'matches');
    wrap(Element.prototype, 'closest');
    wrap(Element.prototype, 'querySelectorAll');
    wrap(Element.prototype, 'getBoundingClientRect');
    wrap(Document.prototype, 'querySelectorAll');
    wrap(Document.prototype, 'elementsFromPoint');
    wrap(window, 'getComputedStyle');
  });
  const cdp = await page.context().newCDPSession(page);
  await page.goto(`${base}/page/parcours`, { waitUntil: 'load' });
  await page.waitForTimeout(2000);
  const targets = await clickTargets(page);
  const calls0 = await page.evaluate(() => ({ ...window.__domCalls }));
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  for (let i = 0; i < clicks; i++) {
    const [x, y] = targets[(i * 7) % targets.length];
    await page.mouse.click(x + ((i % 3) - 1), y + ((i % 2) - 0.5));
    if (pace) await page.waitForTimeout(pace);
  }
  await page.waitForTimeout(pace ? 3000 : 1500);
  const { profile } = await cdp.send('Profiler.stop');
  const calls1 = await page.evaluate(() => ({ ...window.__domCalls }));
  console.log(
    'DOM calls per click (page and SDK):',
    Object.entries(calls1)
      .map(([k, v]) => `${k} ${((v - (calls0[k] ?? 0)) / clicks).toFixed(1)}`)
      .join(', '),
  );
  const self = new Map();
  const { dt, parent, byId, sampled } = readProfile(profile);
  for (const { us, frame: f, via } of sampled) {
    let key = `${via}${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    if (f.url.endsWith('/sdk/parcours.iife.js')) {
      const o = originalPositionFor(map, { line: f.lineNumber + 1, column: f.columnNumber });
      key = `${via}${o.name ?? f.functionName} ${o.source?.replace(/^.*src\//, 'src/')}:${o.line}`;
    } else if (!f.url) key = f.functionName || '(native)';
    self.set(key, (self.get(key) ?? 0) + us);
  }
  // Inclusive time per entry point: each sample counts for the outermost parcours frame on its
  // stack (the listener, timer or callback the browser called), by source file and function.
  const where = (f) => {
    if (!f.url.endsWith('/sdk/parcours.iife.js')) return undefined;
    const o = originalPositionFor(map, { line: f.lineNumber + 1, column: f.columnNumber });
    return `${o.name ?? f.functionName} ${o.source?.replace(/^.*src\//, 'src/')}:${o.line}`;
  };
  const entry = new Map();
  for (const n of profile.nodes) {
    const us = dt.get(n.id) ?? 0;
    if (!us) continue;
    let top;
    for (let p = n.id; p !== undefined; p = parent.get(p)) {
      const w = where(byId.get(p).callFrame);
      // The guard wraps every entry point, and one shared native listener (tracker.ts `_real`)
      // calls each module's: the module's own function is the entry point.
      if (w && !w.includes('src/core/guard.ts') && !w.startsWith('_real ')) top = w;
    }
    if (top) entry.set(top, (entry.get(top) ?? 0) + us);
  }
  // Inclusive time per parcours function: each sample counts once for every distinct function
  // on its stack, so a helper called from several places shows its whole cost.
  const incl = new Map();
  for (const n of profile.nodes) {
    const us = dt.get(n.id) ?? 0;
    if (!us) continue;
    const seen = new Set();
    for (let p = n.id; p !== undefined; p = parent.get(p)) {
      const w = where(byId.get(p).callFrame);
      if (w && !seen.has(w)) {
        seen.add(w);
        incl.set(w, (incl.get(w) ?? 0) + us);
      }
    }
  }
  if (process.argv.includes('--inclusive'))
    for (const [k, us] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, 40))
      console.log(`${(us / clicks).toFixed(1).padStart(8)} µs/click  inclusive ${k}`);
  for (const [k, us] of [...entry].sort((a, b) => b[1] - a[1]).slice(0, 15))
    console.log(`${(us / clicks).toFixed(1).padStart(8)} µs/click  inclusive, entered at ${k}`);
  const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, 40);
  const ours = [...self].filter(([k]) => / (src|\.\.)\//.test(k)).reduce((t, [, us]) => t + us, 0);
  console.log(
    `${(ours / clicks).toFixed(1).padStart(8)} µs/click  parcours in all (self time of its frames and their native calls)`,
  );
  for (const [k, us] of rows) console.log(`${(us / clicks).toFixed(1).padStart(8)} µs/click  ${k}`);
} finally {
  await browser.close();
  server.close();
}
