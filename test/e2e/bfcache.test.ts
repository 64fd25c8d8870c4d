// The back/forward cache in real Chromium: a page left while the tracker writes and sends must
// come back from the cache (a shop's back button), not load again. Chromium names why it did
// not restore one (CDP `Page.backForwardCacheNotUsed`); the test prints those reasons.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FAST, launchBrowser, openTab, report, sleep, startStack, waitFor } from './harness.js';
import type { Stack } from './harness.js';

const VISITS = 8;

describe('the back/forward cache', () => {
  let browser: Browser;
  let stack: Stack;
  beforeAll(async () => void (browser = await launchBrowser({ bfcache: true })));
  afterAll(() => browser?.close());
  beforeEach(async () => void (stack = await startStack()));
  afterEach(() => stack.close());

  it(`gives back a page left while it writes and sends: ${VISITS} visits of ${VISITS}`, async () => {
    const context = await browser.newContext();
    const next = stack.site.url('/next', { config: FAST, bfcache: true });
    // The link tracks and flushes as it is followed: the page goes with writes, a claim and a
    // request under way, and the next page (a tracker too) opens the same database at once.
    const body = `<a id="go" href="${next}" style="display:block;width:200px;height:40px">Next</a>
<script>
  document.getElementById('go').onclick = () => {
    for (let i = 0; i < 5; i++) parcours('track', 'leaving', { i });
    parcours('flush');
  };
  addEventListener('pageshow', (e) => { if (e.persisted) window.__restored = (window.__restored || 0) + 1; });
</script>`;
    const reasons: string[] = [];
    let restored = 0;
    try {
      for (let i = 0; i < VISITS; i++) {
        const { page } = await openTab(
          context,
          stack.site.url('/product', { config: FAST, body, bfcache: true }),
        );
        const cdp = await context.newCDPSession(page);
        cdp.on('Page.backForwardCacheNotUsed', (ev) => {
          for (const x of ev.notRestoredExplanations) reasons.push(x.reason);
        });
        await cdp.send('Page.enable');
        await sleep(300);
        const b = (await page.locator('#go').boundingBox())!;
        await page.mouse.click(b.x + 20, b.y + 20);
        await page.waitForURL(/\/next/);
        await sleep(1_200);
        await page.goBack({ waitUntil: 'commit' });
        await page.waitForURL(/\/product/, { waitUntil: 'commit' });
        const back = await waitFor(
          () => page.evaluate(() => (window as any).__restored === 1).catch(() => false),
          'restore',
          3_000,
        ).then(
          () => true,
          () => false,
        );
        if (back) restored++;
        await page.close();
      }
    } finally {
      await context.close();
    }
    report('bfcache restores', { visits: VISITS, restored, reasons });
    expect(reasons).toEqual([]);
    expect(restored).toBe(VISITS);
  });
});
