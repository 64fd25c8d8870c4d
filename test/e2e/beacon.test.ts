import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  SLOW,
  endPage,
  launchBrowser,
  openTab,
  readQueue,
  report,
  settleSends,
  sleep,
  startStack,
  track,
  waitFor,
} from './harness.js';
import type { Stack } from './harness.js';

const COUNT = 10;

describe('pagehide', () => {
  let browser: Browser;
  let stack: Stack;
  beforeAll(async () => void (browser = await launchBrowser()));
  afterAll(() => browser?.close());
  beforeEach(async () => void (stack = await startStack()));
  afterEach(() => stack.close());

  /** A page with a long batch interval whose first send (its page view) is done. */
  async function quietPage(context: BrowserContext) {
    const tab = await openTab(context, stack.site.url('/', { config: SLOW }));
    await waitFor(() => stack.collector.acceptedIds().length > 0, 'the first page view');
    await settleSends(tab.page);
    return tab;
  }

  it('sends events tracked 100 ms before the page closes', async () => {
    const { collector } = stack;
    const context = await browser.newContext();
    const tab = await quietPage(context);
    await track(tab.page, 'late', COUNT);
    await sleep(100);
    await tab.page.close({ runBeforeUnload: false });
    await waitFor(
      () => collector.missing('late', COUNT).length === 0,
      'the late events',
      10_000,
    ).catch(() => {});
    const arrived = [...collector.arrived('late').values()];
    report('beacon late', {
      arrived: arrived.length,
      viaBeacon: arrived.filter((a) => a.kind === 'beacon').length,
      viaFetchKeepalive: arrived.filter((a) => a.kind === 'fetch').length,
      ...collector.summary(),
    });
    await context.close();
    expect(collector.missing('late', COUNT)).toEqual([]);
  });

  it('keeps events tracked 100 ms before the page closes when the beacon is refused', async () => {
    const { site, collector } = stack;
    const context = await browser.newContext();
    await context.addInitScript(() => {
      navigator.sendBeacon = () => false;
    });
    const tab = await quietPage(context);
    await track(tab.page, 'refused', COUNT);
    await sleep(100);
    await tab.page.close({ runBeforeUnload: false });
    // The next page of the site sends what the closed one left in IndexedDB.
    const next = await openTab(context, site.url('/next', { config: SLOW }));
    await waitFor(
      () => collector.missing('refused', COUNT).length === 0,
      'the late events',
      10_000,
    ).catch(() => {});
    const queued = await readQueue(next.page);
    report('beacon refused', {
      arrived: collector.arrived('refused').size,
      stillQueued: queued.length,
      ...collector.summary(),
    });
    await context.close();
    expect(collector.missing('refused', COUNT)).toEqual([]);
  });

  /**
   * Tracks `tag` events in a pagehide listener that runs before the tracker's, as a plugin's
   * flush hook or the shop's own pagehide handler would: when the page's end begins they exist
   * only in memory, so only the beacon or the pagehide write to IndexedDB can save them.
   */
  async function trackOnPagehide(context: BrowserContext, tag: string, refuseBeacon: boolean) {
    await context.addInitScript(
      ({ count, name, tag, refuseBeacon }) => {
        if (refuseBeacon) navigator.sendBeacon = () => false;
        const onHide = () => {
          for (let n = 0; n < count; n++) (window as any).parcours('track', name, { tag, n });
        };
        addEventListener('pagehide', onHide, { capture: true, once: true });
      },
      { count: COUNT, name: 'e2e', tag, refuseBeacon },
    );
  }

  for (const [end, refuseBeacon] of [
    ['close', false],
    ['close', true],
    ['reload', true],
    ['navigate', true],
  ] as const) {
    const tag = `onhide-${end}${refuseBeacon ? '-refused' : ''}`;
    const name = refuseBeacon
      ? `keeps events tracked during pagehide when the beacon is refused (${end})`
      : `sends events tracked during pagehide (${end})`;
    it(name, async () => {
      const { site, collector } = stack;
      const context = await browser.newContext();
      await trackOnPagehide(context, tag, refuseBeacon);
      const tab = await quietPage(context);
      const next = await endPage(context, tab, end, site.url('/next', { config: SLOW }));
      await waitFor(
        () => collector.missing(tag, COUNT).length === 0,
        'the pagehide events',
        10_000,
      ).catch(() => {});
      const arrived = [...collector.arrived(tag).values()];
      report(`beacon ${tag}`, {
        arrived: arrived.length,
        viaBeacon: arrived.filter((a) => a.kind === 'beacon').length,
        viaFetch: arrived.filter((a) => a.kind === 'fetch').length,
        stillQueued: (await readQueue(next.page)).length,
        ...collector.summary(),
      });
      await context.close();
      expect(collector.missing(tag, COUNT)).toEqual([]);
    });
  }

  // Reload and navigation fire pagehide before the page turns hidden, so the beacon is what
  // sends (on close Chromium may turn the page hidden first, and a keepalive fetch sends).
  for (const end of ['reload', 'navigate'] as const) {
    it(`does not resend beaconed events from the next page (${end})`, async () => {
      const { site, collector } = stack;
      const context = await browser.newContext();
      const tag = `once-${end}`;
      const tab = await quietPage(context);
      await track(tab.page, tag, COUNT);
      await sleep(700); // written to IndexedDB
      const next = await endPage(context, tab, end, site.url('/next', { config: SLOW }));
      await waitFor(() => collector.missing(tag, COUNT).length === 0, 'the beacon', 10_000);
      const first = collector.arrived(tag);
      // The next page sends its leftovers 1 s after it starts; BEACON_LEASE_MS is 60 s.
      await waitFor(() => collector.acceptedIds().length >= COUNT + 2, 'the next page view');
      await sleep(2_000);
      const ids = new Set([...first.values()].map((a) => a.event.id));
      const resent = collector.duplicates().filter((id) => ids.has(id));
      const queued = await readQueue(next.page);
      report(`beacon resend ${end}`, {
        viaBeacon: [...first.values()].filter((a) => a.kind === 'beacon').length,
        resent: resent.length,
        stillQueued: queued.filter((s) => ids.has(s.e.id)).length,
        ...collector.summary(),
      });
      await context.close();
      expect(resent).toEqual([]);
    });
  }
});
