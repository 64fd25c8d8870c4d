// A/B of script-tag builds at a visitor's pace: `node bench/ab.mjs name=path.iife.js ...` (a build
// of main is `dist/parcours.iife.js`; keep copies of others; `name=@posthog-js` is a peer's
// page). Each build and the no-SDK page run interleaved, REPS times (default 3): PACED clicks
// (100), one every PACE ms (100), then 3 s; it prints the script µs per click, minus the no-SDK
// run of the same repetition, median and runs.
// With TICKER=ms there are no clicks: the page changes a text every `ms` (a ticker, a carousel)
// for 10 s, and it prints the script µs per second the SDK adds to that. With MOVES=n there are
// no clicks either: the cursor moves n times, as the bench's move phase does (cost.mjs `sweep`),
// and it prints the script µs per move; with WHEELS=n, n wheel notches as in its wheel phase
// (`readDown`), µs per notch (its wheel and scroll events); with KEYS=n, n keys typed into a
// search field added at the top of the page, one every 120 ms, µs per key. A tool, not a test.
import { FILES, clickTargets, readDown, startServer, sweep, PACE_MS } from './cost.mjs';
import { launchChromium } from './chromium.mjs';
const builds = process.argv.slice(2).map((a) => a.split('='));
const REPS = Number(process.env.REPS ?? 3),
  PACED = Number(process.env.PACED ?? 100),
  PACE = Number(process.env.PACE ?? PACE_MS),
  TICKER = Number(process.env.TICKER ?? 0),
  MOVES = Number(process.env.MOVES ?? 0),
  WHEELS = Number(process.env.WHEELS ?? 0),
  KEYS = Number(process.env.KEYS ?? 0),
  TICKER_S = 10;
const server = await startServer();
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await launchChromium();
async function once(variant) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
  const m = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const o = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
    return o.ScriptDuration * 1e6;
  };
  await page.goto(`${base}/page/${encodeURIComponent(variant)}`, { waitUntil: 'load' });
  await page.waitForTimeout(2000);
  const targets = await clickTargets(page);
  if (KEYS) {
    // A search field at the top of the page, focused by a click before the count starts.
    await page.evaluate(() => {
      const f = document.body.insertBefore(
        document.createElement('input'),
        document.body.firstChild,
      );
      f.type = 'search';
      f.id = 'q';
    });
    await page.click('#q');
    await page.waitForTimeout(3000);
  }
  const a = await m();
  const n = await act(page, targets);
  if (!TICKER) await page.waitForTimeout(3000); // deferred work belongs to what came before
  const b = await m();
  await context.close();
  return (b - a) / n;
}
/** What one run does once the page has settled; the count its script time is divided by. */
async function act(page, targets) {
  if (TICKER) {
    await page.evaluate((ms) => {
      const p = document.body.appendChild(document.createElement('p'));
      let n = 0;
      setInterval(() => (p.textContent = `Only ${++n % 9} left in stock`), ms);
    }, TICKER);
    await page.waitForTimeout(TICKER_S * 1000);
    return TICKER_S;
  }
  if (KEYS) {
    const word = 'linen shirt navy ';
    for (let i = 0; i < KEYS; i++) {
      await page.keyboard.press(word[i % word.length] === ' ' ? 'Space' : word[i % word.length]);
      await page.waitForTimeout(120);
    }
    return KEYS;
  }
  if (WHEELS) return readDown(page, WHEELS).then(() => WHEELS);
  if (MOVES) return sweep(page, MOVES).then(() => MOVES);
  for (let i = 0; i < PACED; i++) {
    const [x, y] = targets[(i * 5) % targets.length];
    await page.mouse.click(x + ((i % 3) - 1), y + ((i % 2) - 0.5));
    await page.waitForTimeout(PACE);
  }
  return PACED;
}
const UNIT =
  (TICKER && 'µs/s') ||
  (KEYS && 'µs/key') ||
  (WHEELS && 'µs/notch') ||
  (MOVES && 'µs/move') ||
  'µs/click';
const res = Object.fromEntries([['none', []], ...builds.map(([n]) => [n, []])]);
for (let r = 0; r < REPS; r++) {
  res.none.push(await once('none'));
  for (const [n, p] of builds) {
    // `name=@variant` runs one of the bench's pages as it is (a peer: `@posthog-js`).
    if (p.startsWith('@')) res[n].push(await once(p.slice(1)));
    else {
      FILES['/sdk/parcours.iife.js'] = p;
      res[n].push(await once('parcours'));
    }
  }
}
await browser.close();
server.close();
const med = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[(s.length - 1) >> 1];
};
for (const [n] of builds) {
  const d = res[n].map((x, i) => x - res.none[i]);
  console.log(
    n.padEnd(14),
    'median',
    med(d).toFixed(0),
    `${UNIT}  runs`,
    d.map((x) => x.toFixed(0)).join(' '),
  );
}
console.log('none runs', res.none.map((x) => x.toFixed(0)).join(' '));
