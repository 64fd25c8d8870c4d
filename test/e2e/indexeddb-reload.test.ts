import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  openTab,
  queuedOf,
  range,
  readQueue,
  report,
  sleep,
  startStack,
  track,
  waitFor,
} from './harness.js';
import type { Stack } from './harness.js';

const COUNT = 10;

describe('IndexedDB queue', () => {
  let browser: Browser;
  let stack: Stack;
  beforeAll(async () => void (browser = await launchBrowser()));
  afterAll(() => browser?.close());
  beforeEach(async () => void (stack = await startStack()));
  afterEach(() => stack.close());

  it('keeps unacknowledged events across a reload and sends them once the endpoint accepts', async () => {
    const { site, collector } = stack;
    collector.status(503);
    const context = await browser.newContext();
    const tab = await openTab(context, site.url('/'));
    await track(tab.page, 'idb', COUNT);
    await sleep(600);
    const first = await readQueue(tab.page);
    expect(queuedOf(first, 'idb')).toEqual(range(COUNT));

    await tab.page.reload();
    const afterReload = await readQueue(tab.page);
    expect(queuedOf(afterReload, 'idb')).toEqual(range(COUNT));
    // The reloaded page keeps failing for a while: still queued.
    await waitFor(() => collector.posts().filter((r) => r.status === 503).length >= 3, 'more 503s');
    expect(queuedOf(await readQueue(tab.page), 'idb')).toEqual(range(COUNT));

    collector.ok();
    // A request of the old page still in flight at the reload keeps its batch leased
    // (LEASE_MS, 20 s), and a beacon sent by its pagehide between two backoffs leases it 60 s
    // (the page cannot read a beacon's 503): the new page sends it once that lease is over.
    await waitFor(
      () => collector.missing('idb', COUNT).length === 0,
      `all ${COUNT} events`,
      75_000,
      () => collector.missing('idb', COUNT),
    );
    await waitFor(
      async () => queuedOf(await readQueue(tab.page), 'idb').length === 0,
      'an empty queue',
      10_000,
    );
    report('idb reload', {
      queuedBefore: queuedOf(first, 'idb').length,
      queuedAfterReload: queuedOf(afterReload, 'idb').length,
      ...collector.summary(),
    });
    await context.close();
    expect(collector.missing('idb', COUNT)).toEqual([]);
    expect(collector.duplicates()).toEqual([]);
  });
});
