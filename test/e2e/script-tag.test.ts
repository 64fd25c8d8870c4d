import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  EVENT_NAME,
  launchBrowser,
  openTab,
  range,
  report,
  sleep,
  startStack,
  waitFor,
  watch,
} from './harness.js';
import type { Stack } from './harness.js';

const call = (tag: string, n: number) => ['track', EVENT_NAME, { tag, n }];

describe('script tag', () => {
  let browser: Browser;
  let stack: Stack;
  beforeAll(async () => void (browser = await launchBrowser()));
  afterAll(() => browser?.close());
  beforeEach(async () => void (stack = await startStack()));
  afterEach(() => stack.close());

  it('replays calls queued before the script loads, in order, after the auto-start', async () => {
    const { site, collector } = stack;
    const context = await browser.newContext();
    // No init call: the tag's data-endpoint and data-site-id start the tracker. The script is
    // served 500 ms late, so all ten calls are queued on the stub.
    const url = site.url('/', {
      config: null,
      before: range(5).map((n) => call('queued', n)),
      after: range(5, 5).map((n) => call('queued', n)),
      scriptDelayMs: 500,
    });
    const tab = watch(await context.newPage());
    await tab.page.goto(url, { waitUntil: 'domcontentloaded' }); // async scripts may still load
    const queuedBeforeLoad = await tab.page.evaluate(() => (window as any).parcours.q?.length ?? 0);
    await waitFor(() => collector.missing('queued', 10).length === 0, 'the queued events');
    const api = await tab.page.evaluate(() => {
      const p = (window as any).parcours;
      return { tracker: typeof p.tracker, track: typeof p.tracker?.track, q: p.q === undefined };
    });
    await tab.page.evaluate((c) => (window as any).parcours(...c), call('loaded', 0));
    await tab.page.click('#add');
    await tab.page.evaluate(() => (window as any).parcours('flush')); // not the 5 s default interval
    await waitFor(() => collector.missing('loaded', 1).length === 0, 'the call after load');
    await waitFor(
      () => collector.posts().some((r) => r.events.some((e) => e.type === 'click')),
      'the click',
    );

    const events = [...collector.arrived('queued').values()]
      .map((a) => a.event)
      .sort((a, b) => (a.props.n as number) - (b.props.n as number));
    const seqs = events.map((e) => e.seq);
    const pageview = collector
      .posts()
      .flatMap((r) => r.events)
      .find((e) => e.type === 'pageview');
    const click = collector
      .posts()
      .flatMap((r) => r.events)
      .find((e) => e.type === 'click');
    report('script-tag queued', {
      queuedBeforeLoad,
      seqs,
      pageviewSeq: pageview?.seq,
      api,
      scriptLoads: site.scriptLoads,
      ...collector.summary(),
    });
    expect(queuedBeforeLoad).toBe(10);
    expect(api).toEqual({ tracker: 'object', track: 'function', q: true });
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(10);
    expect(new Set(events.map((e) => e.sid)).size).toBe(1);
    expect(pageview!.seq).toBeLessThan(seqs[0]!); // the auto-start's page view comes first
    expect(JSON.stringify(click!.props)).toContain('add');
    expect(site.scriptLoads).toBe(1);
    expect(tab.pageErrors).toEqual([]);
    expect(collector.duplicates()).toEqual([]);
    await context.close();
  });

  it('logs a ConfigError for a bad init and leaves the page running', async () => {
    const { site, collector } = stack;
    const context = await browser.newContext();
    const url = site.url('/', { config: { endpoint: 'ftp://x' }, before: [call('bad', 0)] });
    const tab = await openTab(context, url, false);
    await tab.page.waitForFunction(() => typeof (window as any).parcours?.q === 'undefined');
    const afterCall = await tab.page.evaluate(
      (c) => {
        (window as any).parcours(...c);
        return { tracker: typeof (window as any).parcours.tracker, ok: true };
      },
      call('bad', 1),
    );
    await sleep(1_500); // a tracker would have sent by now
    const errors = tab.console.filter((m) => m.type === 'error');
    report('script-tag bad init', {
      console: tab.console.map((m) => `${m.type}: ${m.text.split('\n')[0]}`),
      pageErrors: tab.pageErrors,
      posts: collector.posts().length,
    });
    expect(errors.some((m) => /ConfigError/.test(m.text) && /config\.endpoint/.test(m.text))).toBe(
      true,
    );
    expect(tab.pageErrors).toEqual([]);
    expect(afterCall).toEqual({ tracker: 'undefined', ok: true });
    expect(collector.posts()).toEqual([]);
    await context.close();
  });

  it('ignores a second init with a warning', async () => {
    const { site } = stack;
    const context = await browser.newContext();
    const tab = await openTab(context, site.url('/'));
    const result = await tab.page.evaluate(() => {
      const p = (window as any).parcours;
      const before = p.tracker;
      p('init', { endpoint: 'ftp://x' });
      p('nosuchmethod');
      return { same: p.tracker === before };
    });
    const warnings = tab.console.filter((m) => m.type === 'warning').map((m) => m.text);
    report('script-tag second init', { warnings });
    expect(result.same).toBe(true);
    expect(warnings.some((w) => /already started/.test(w))).toBe(true);
    expect(warnings.some((w) => /nosuchmethod/.test(w))).toBe(true);
    expect(tab.pageErrors).toEqual([]);
    await context.close();
  });
});
