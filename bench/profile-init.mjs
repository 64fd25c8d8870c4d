// Where parcours spends script time at init: a CDP CPU profile from navigation to load + 2 s on
// the bench's product page (the built script tag, through its source map), self time per source
// file and per source function, summed over `runs` fresh loads and divided by them:
// `node bench/profile-init.mjs [runs]` after `npm run build` (COL=1 adds the minified column).
// The sampler's own cost inflates the times, and one-time costs (a first call, the first
// localStorage access) land on whichever function comes first, so compare files, not runs.
// A tool, not a test.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { readProfile } from './cpu-profile.mjs';
import { startServer } from './cost.mjs';
import { launchChromium } from './chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.argv[2] ?? 5);
const iife = process.env.PARCOURS_IIFE ?? `${root}dist/parcours.iife.js`;
const map = new TraceMap(readFileSync(`${iife}.map`, 'utf8'));
const server = await startServer();
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await launchChromium();
const self = new Map();
const files = new Map();
let total = 0;
try {
  for (let r = 0; r < runs; r++) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
    await cdp.send('Profiler.start');
    await page.goto(`${base}/page/parcours`, { waitUntil: 'load' });
    await page.waitForTimeout(2000);
    const { profile } = await cdp.send('Profiler.stop');
    await context.close();
    for (const { us, frame: f, via } of readProfile(profile).sampled) {
      if (!f.url.endsWith('/sdk/parcours.iife.js')) continue;
      const o = originalPositionFor(map, { line: f.lineNumber + 1, column: f.columnNumber });
      const src = o.source?.replace(/^.*(src|node_modules)\//, '$1/') ?? '?';
      const key = `${via}${o.name ?? f.functionName} ${src}:${o.line}${process.env.COL ? ` @${f.columnNumber}` : ''}`;
      self.set(key, (self.get(key) ?? 0) + us);
      files.set(src, (files.get(src) ?? 0) + us);
      total += us;
    }
  }
} finally {
  await browser.close();
  server.close();
}
const ms = (us) => (us / runs / 1000).toFixed(2).padStart(7);
console.log(`${ms(total)} ms per load in parcours frames (self time, with their native calls)`);
for (const [k, us] of [...files].sort((a, b) => b[1] - a[1]).slice(0, 25))
  console.log(`${ms(us)} ms  file ${k}`);
for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40))
  console.log(`${ms(us)} ms  ${k}`);
