import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser, openTab, report, sleep, startStack, track, waitFor } from './harness.js';
import type { Stack } from './harness.js';

const COUNT = 20;

describe('collector down', () => {
  let browser: Browser;
  let stack: Stack;
  beforeAll(async () => void (browser = await launchBrowser()));
  afterAll(() => browser?.close());
  beforeEach(async () => void (stack = await startStack()));
  afterEach(() => stack.close());

  it('delivers every event once the collector listens again on the same port', async () => {
    const { site, collector } = stack;
    const context = await browser.newContext();
    const tab = await openTab(context, site.url('/'));
    await waitFor(() => collector.acceptedIds().length > 0, 'the first page view');
    const refused: string[] = [];
    tab.page.on('requestfailed', (r) => {
      if (r.url() === collector.endpoint) refused.push(r.failure()?.errorText ?? '?');
    });

    await collector.down();
    await track(tab.page, 'down', COUNT);
    await sleep(5_000);
    await collector.up();
    await waitFor(
      () => collector.missing('down', COUNT).length === 0,
      `all ${COUNT} events`,
      30_000,
      () => collector.missing('down', COUNT),
    );
    await sleep(1_000);
    await tab.page.close({ runBeforeUnload: false });
    await sleep(500);
    report('down', {
      refusedAttempts: refused.length,
      failure: refused[0],
      ...collector.summary(),
    });
    await context.close();
    expect(collector.missing('down', COUNT)).toEqual([]);
    expect(collector.duplicates()).toEqual([]);
    expect(refused.length).toBeGreaterThan(0);
  });
});
