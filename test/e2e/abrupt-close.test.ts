import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  PAGE_ENDS,
  SLOW,
  endPage,
  launchBrowser,
  openTab,
  report,
  settleSends,
  sleep,
  startStack,
  track,
  waitFor,
} from './harness.js';
import type { PageEnd, Stack } from './harness.js';

const COUNT = 20;

/** Makes `navigator.sendBeacon` refuse every body, as when the page's beacon quota is spent. */
async function refuseBeacons(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    navigator.sendBeacon = () => false;
  });
}

describe('abrupt page end', () => {
  let browser: Browser;
  let stack: Stack;
  beforeAll(async () => void (browser = await launchBrowser()));
  afterAll(() => browser?.close());
  beforeEach(async () => void (stack = await startStack()));
  afterEach(() => stack.close());

  async function run(end: PageEnd, beacon: boolean): Promise<void> {
    const { site, collector } = stack;
    const context = await browser.newContext();
    if (!beacon) await refuseBeacons(context);
    const tag = `${end}-${beacon ? 'beacon' : 'nobeacon'}`;
    const tab = await openTab(context, site.url('/', { config: SLOW }));
    // The page's first send (its page view) is done: from here only the page's end sends.
    await waitFor(() => collector.acceptedIds().length > 0, 'the first page view');
    await settleSends(tab.page);
    await track(tab.page, tag, COUNT);
    await sleep(700); // past the 250 ms write to IndexedDB
    expect(collector.missing(tag, COUNT)).toHaveLength(COUNT);

    let atOnce = 0;
    let nextAt = 0;
    await endPage(context, tab, end, site.url('/next', { config: SLOW }), async () => {
      // Whatever the closing page sent has time to land before the next page opens.
      await waitFor(() => collector.missing(tag, COUNT).length === 0, 'the page end', 2_000).catch(
        () => {},
      );
      atOnce = collector.arrived(tag).size;
      nextAt = Date.now();
    });
    if (!nextAt) {
      atOnce = collector.arrived(tag).size;
      nextAt = Date.now();
    }
    await waitFor(
      () => collector.missing(tag, COUNT).length === 0,
      `all ${COUNT} events`,
      30_000,
      () => collector.missing(tag, COUNT),
    );
    await sleep(1_500); // a resend by the next page would show by now
    const arrived = [...collector.arrived(tag).values()];
    const ids = new Set(arrived.map((a) => a.event.id));
    const sentTwice = collector.duplicates().filter((id) => ids.has(id)).length;
    report(`abrupt ${tag}`, {
      atOnce,
      later: arrived.filter((a) => a.at >= nextAt).length,
      viaBeacon: arrived.filter((a) => a.kind === 'beacon').length,
      viaFetch: arrived.filter((a) => a.kind === 'fetch').length,
      sentTwice,
      ...collector.summary(),
    });
    await context.close();
    expect(collector.missing(tag, COUNT)).toEqual([]);
    // The next page leaves beaconed events alone for the beacon lease (60 s).
    expect(sentTwice).toBe(0);
  }

  for (const end of PAGE_ENDS) {
    const how = {
      close: 'the page is closed without beforeunload',
      reload: 'the page is reloaded',
      navigate: 'the visitor goes to another page of the site',
    }[end];
    it(`delivers every event when ${how}`, () => run(end, true));
    it(`delivers every event from IndexedDB when ${how} and the beacon is refused`, () =>
      run(end, false));
  }
});
