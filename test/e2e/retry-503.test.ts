import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser, openTab, report, sleep, startStack, track, waitFor } from './harness.js';
import type { Stack } from './harness.js';

const OUTAGE_MS = 20_000;

describe('endpoint failing with 503', () => {
  let browser: Browser;
  let stack: Stack;
  beforeAll(async () => void (browser = await launchBrowser()));
  afterAll(() => browser?.close());
  beforeEach(async () => void (stack = await startStack()));
  afterEach(() => stack.close());

  it('retries until the endpoint recovers and delivers each event once', async () => {
    const { site, collector } = stack;
    collector.status(503);
    const context = await browser.newContext();
    // retry: baseMs 200, maxMs 2000 (FAST)
    const tab = await openTab(context, site.url('/'));
    await track(tab.page, '503', 20);
    await sleep(OUTAGE_MS / 2);
    await track(tab.page, '503', 20, 20); // more while the endpoint still fails
    await sleep(OUTAGE_MS / 2);
    const failures = collector.posts().filter((r) => r.status === 503).length;
    collector.ok();
    await waitFor(
      () => collector.missing('503', 40).length === 0,
      'all 40 events',
      30_000,
      () => collector.missing('503', 40),
    );
    await sleep(1_000);
    await tab.page.close({ runBeforeUnload: false });
    await sleep(500);
    report('503', { answered503: failures, ...collector.summary() });
    await context.close();
    expect(collector.missing('503', 40)).toEqual([]);
    expect(collector.duplicates()).toEqual([]);
    expect(failures).toBeGreaterThan(0);
  });
});
