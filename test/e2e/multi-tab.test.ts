import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser, openTab, report, sleep, startStack, track, waitFor } from './harness.js';
import type { Stack } from './harness.js';

const PER_TAB = 50;

describe('several tabs of the site', () => {
  let browser: Browser;
  let stack: Stack;
  beforeAll(async () => void (browser = await launchBrowser()));
  afterAll(() => browser?.close());
  beforeEach(async () => void (stack = await startStack()));
  afterEach(() => stack.close());

  for (const [tabs, outageMs] of [
    [2, 0],
    [4, 0],
    [4, 3_000],
  ] as const) {
    const during = outageMs ? ` while the endpoint fails for ${outageMs / 1000} s` : '';
    it(`delivers the events of ${tabs} tabs tracking at once${during}, none sent twice`, async () => {
      const { site, collector } = stack;
      if (outageMs) collector.status(503);
      const context = await browser.newContext();
      const open = await Promise.all(
        Array.from({ length: tabs }, (_, i) => openTab(context, site.url(`/tab${i}`))),
      );
      await Promise.all(open.map((t, i) => track(t.page, `tab${i}`, PER_TAB)));
      if (outageMs) {
        await sleep(outageMs);
        collector.ok();
      }
      const missing = () =>
        open.flatMap((_, i) => collector.missing(`tab${i}`, PER_TAB).map((n) => `tab${i}#${n}`));
      await waitFor(() => missing().length === 0, `all ${tabs * PER_TAB} events`, 30_000, missing);
      await sleep(1_500);
      const beforeClose = collector.summary();
      // Closing beacons what each tab still holds as unsent: nothing, if the tabs agreed.
      for (const t of open) await t.page.close({ runBeforeUnload: false });
      await sleep(1_000);
      report(`multi-tab ${tabs}${outageMs ? ' 503' : ''}`, {
        events: tabs * PER_TAB,
        beforeClose,
        afterClose: collector.summary(),
        errors: open.flatMap((t) => t.pageErrors),
      });
      await context.close();
      expect(missing()).toEqual([]);
      expect(collector.duplicates()).toEqual([]);
      expect(open.flatMap((t) => t.pageErrors)).toEqual([]);
    });
  }
});
