// Web Vitals with attribution and Navigation Timing in real Chromium: each page ends by
// navigating to another page of the site, so the values leave with the page's last write
// (pagehide) and the next page sends them. Assertions name elements, never wall-clock times.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  FAST,
  acceptedEvents,
  SLOW_IMAGE_PATH,
  launchBrowser,
  openTab,
  report,
  startStack,
  trackerReady,
  waitFor,
} from './harness.js';
import type { Stack, WireEvent } from './harness.js';

/** Resolves once the page has a performance entry of `type` that `test` (source text) accepts. */
async function entrySeen(page: Page, type: string, test: string): Promise<void> {
  await page.evaluate(
    ({ type, test }) =>
      new Promise((ok) => {
        const accept = new Function('e', `return (${test})(e)`) as (e: any) => boolean;
        new PerformanceObserver((list) => {
          if (list.getEntries().some(accept)) ok(true);
        }).observe({ type, buffered: true } as PerformanceObserverInit);
      }),
    { type, test },
  );
}

describe('vitals', () => {
  let browser: Browser;
  let stack: Stack;
  beforeAll(async () => void (browser = await launchBrowser()));
  afterAll(() => browser?.close());
  beforeEach(async () => void (stack = await startStack()));
  afterEach(() => stack.close());

  /** Opens `body` at `path`, runs `act`, then navigates away and waits for the vital `name`. */
  async function vitalOf(
    path: string,
    body: string,
    name: string,
    act: (page: Page) => Promise<void>,
  ): Promise<WireEvent> {
    const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
    const tab = await openTab(context, stack.site.url(path, { config: FAST, body }));
    await act(tab.page);
    await tab.page.goto(stack.site.url('/next', { config: FAST }));
    await trackerReady(tab.page);
    const find = () =>
      acceptedEvents(stack.collector).find(
        (e) => e.type === 'vital' && e.props.name === name && e.path === path,
      );
    await waitFor(() => !!find(), `the ${name} vital`);
    expect(tab.pageErrors).toEqual([]);
    await context.close();
    return find()!;
  }

  it('names a slow hero image as the LCP element, with its four phases', async () => {
    const lcp = await vitalOf(
      '/hero',
      `<p>Summer sale</p><img id="hero" src="${SLOW_IMAGE_PATH}?delay=800&w=800&h=400" width="800" height="400" alt="">`,
      'LCP',
      (page) => entrySeen(page, 'largest-contentful-paint', `(e) => e.element?.id === 'hero'`),
    );
    const a = lcp.props.attribution as Record<string, unknown>;
    report('vitals LCP', { value: lcp.props.value, rating: lcp.props.rating, attribution: a });
    expect(lcp.path).toBe('/hero');
    expect(a.target).toBe('#hero');
    expect(a.url).toContain(SLOW_IMAGE_PATH);
    for (const k of [
      'timeToFirstByte',
      'resourceLoadDelay',
      'resourceLoadDuration',
      'elementRenderDelay',
    ])
      expect(typeof a[k]).toBe('number');
    expect(lcp.props).toMatchObject({ navigationType: 'navigate', delta: lcp.props.value });
    expect(['good', 'needs-improvement', 'poor']).toContain(lcp.props.rating);
    const lcps = acceptedEvents(stack.collector).filter(
      (e) => e.type === 'vital' && e.props.name === 'LCP' && e.path === '/hero',
    );
    expect(lcps).toHaveLength(1); // one per metric per page view
  });

  it('names the element a late banner pushed down as the CLS target', async () => {
    const cls = await vitalOf(
      '/shift',
      `<div id="top"></div><div id="content" style="height:400px;background:#eee">Products</div>
<script>setTimeout(() => { const b = document.createElement('div'); b.style.height = '250px'; b.textContent = 'Free delivery today'; document.getElementById('top').append(b); }, 400);</script>`,
      'CLS',
      (page) => entrySeen(page, 'layout-shift', `(e) => e.value > 0`),
    );
    const a = cls.props.attribution as Record<string, unknown>;
    report('vitals CLS', { value: cls.props.value, attribution: a });
    expect(a.target).toBe('#content');
    expect(cls.props.value as number).toBeGreaterThan(0);
    expect(a.largestShiftValue as number).toBeGreaterThan(0);
  });

  it('names the button of a slow click handler as the INP target, at the funnel step', async () => {
    const inp = await vitalOf(
      '/checkout/payment',
      `<main data-parcours-step="checkout:payment"><button id="pay" type="button">Pay now</button></main>
<script>document.getElementById('pay').addEventListener('click', () => { const end = performance.now() + 300; while (performance.now() < end); });</script>`,
      'INP',
      async (page) => {
        await page.click('#pay');
        await entrySeen(page, 'event', `(e) => e.interactionId > 0 && e.name === 'click'`);
      },
    );
    const a = inp.props.attribution as Record<string, unknown>;
    report('vitals INP', {
      value: inp.props.value,
      attribution: a,
      funnelStep: inp.props.funnelStep,
    });
    expect(a.target).toBe('#pay');
    expect(a.processingDuration as number).toBeGreaterThanOrEqual(250); // the handler's own busy loop
    for (const k of ['inputDelay', 'presentationDelay']) expect(typeof a[k]).toBe('number');
    expect(inp.props.funnelStep).toBe('checkout:payment');
  });

  it('sends FCP, TTFB and the page load timing once per page', async () => {
    const context = await browser.newContext();
    const tab = await openTab(context, stack.site.url('/home', { config: FAST }));
    await waitFor(
      () => acceptedEvents(stack.collector).some((e) => e.type === 'timing'),
      'the timing event',
    );
    await tab.page.goto(stack.site.url('/next', { config: FAST }));
    await trackerReady(tab.page);
    await waitFor(
      () =>
        ['FCP', 'TTFB'].every((n) =>
          acceptedEvents(stack.collector).some((e) => e.props.name === n),
        ),
      'FCP and TTFB',
    );
    const home = acceptedEvents(stack.collector).filter((e) => e.path === '/home');
    const timing = home.filter((e) => e.type === 'timing');
    const ttfb = home.find((e) => e.props.name === 'TTFB')!;
    report('vitals timing', { timing: timing[0]?.props, ttfb: ttfb.props });
    expect(timing).toHaveLength(1);
    expect(timing[0]!.props).toMatchObject({
      spa: false,
      bfcache: false,
      navigationType: 'navigate',
    });
    const t = timing[0]!.props as Record<string, number>;
    const n = (k: string) => t[k] ?? NaN;
    expect(n('load')).toBeGreaterThanOrEqual(n('domContentLoaded'));
    expect(n('domContentLoaded')).toBeGreaterThanOrEqual(n('domInteractive'));
    expect(n('domInteractive')).toBeGreaterThanOrEqual(n('ttfb'));
    expect(Object.keys(ttfb.props.attribution as object).sort()).toEqual([
      'cacheDuration',
      'connectionDuration',
      'dnsDuration',
      'requestDuration',
      'waitingDuration',
    ]);
    expect(home.filter((e) => e.type === 'vital' && e.props.name === 'FCP')).toHaveLength(1);
    await context.close();
  });
});
