import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  SLOW,
  launchBrowser,
  openTab,
  report,
  settleSends,
  sleep,
  startStack,
  track,
  waitFor,
} from './harness.js';
import type { Stack } from './harness.js';

const COUNT = 30;
const OFFLINE_MS = 10_000;

describe('network loss', () => {
  let browser: Browser;
  let stack: Stack;
  beforeAll(async () => void (browser = await launchBrowser()));
  afterAll(() => browser?.close());
  beforeEach(async () => void (stack = await startStack()));
  afterEach(() => stack.close());

  it('delivers every event tracked offline once the network is back, each once', async () => {
    const { site, collector } = stack;
    const context = await browser.newContext();
    const tab = await openTab(context, site.url('/'));
    await waitFor(() => collector.acceptedIds().length > 0, 'the first page view');
    const failed: string[] = [];
    tab.page.on('requestfailed', (r) => {
      if (r.url() === collector.endpoint) failed.push(r.failure()?.errorText ?? '?');
    });

    await context.setOffline(true);
    const offAt = Date.now();
    await track(tab.page, 'offline', COUNT);
    await sleep(OFFLINE_MS);
    const duringOffline = collector.posts().filter((r) => r.at >= offAt).length;
    await context.setOffline(false);
    await waitFor(
      () => collector.missing('offline', COUNT).length === 0,
      `all ${COUNT} events`,
      30_000,
      () => collector.missing('offline', COUNT),
    );
    await sleep(1_000);
    await tab.page.close({ runBeforeUnload: false });
    await sleep(500); // a beacon of something already sent would show now
    report('offline', {
      failedAttemptsOffline: failed.length,
      failure: failed[0],
      postsReceivedWhileOffline: duringOffline,
      ...collector.summary(),
    });
    await context.close();
    expect(collector.missing('offline', COUNT)).toEqual([]);
    expect(collector.duplicates()).toEqual([]);
    expect(failed.length).toBeGreaterThan(0); // the tracker really tried while offline
  });

  it('delivers from the next page the events of a page closed while offline', async () => {
    // The closing page's beacon cannot reach the endpoint: the next page must send the events
    // from IndexedDB rather than trust the beacon.
    const { site, collector } = stack;
    const context = await browser.newContext();
    const tab = await openTab(context, site.url('/', { config: SLOW }));
    await waitFor(() => collector.acceptedIds().length > 0, 'the first page view');
    await settleSends(tab.page);
    await context.setOffline(true);
    await track(tab.page, 'closed-offline', COUNT);
    await sleep(700);
    await tab.page.close({ runBeforeUnload: false });
    await sleep(500);
    const atOnce = collector.arrived('closed-offline').size;
    await context.setOffline(false);
    await openTab(context, site.url('/next', { config: SLOW }));
    await waitFor(
      () => collector.missing('closed-offline', COUNT).length === 0,
      `all ${COUNT} events`,
      30_000,
      () => collector.missing('closed-offline', COUNT),
    );
    report('offline close', { atOnce, ...collector.summary() });
    await context.close();
    expect(collector.missing('closed-offline', COUNT)).toEqual([]);
  });
});
