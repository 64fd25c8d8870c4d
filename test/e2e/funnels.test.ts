// Funnel steps across full page loads and SPA routes in real Chromium: progress is kept in
// localStorage next to the session, so each step names the one before it.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  FAST,
  acceptedEvents,
  launchBrowser,
  openTab,
  report,
  startStack,
  trackerReady,
  waitFor,
} from './harness.js';
import type { Stack, WireEvent } from './harness.js';

const CONFIG = {
  ...FAST,
  funnels: [
    {
      name: 'shop',
      steps: [
        { name: 'product', match: { path: '/product/*' } },
        { name: 'cart', match: { path: '/cart' } },
        { name: 'checkout', match: { path: '/checkout' } },
        { name: 'payment', match: { path: '/checkout/payment' } },
      ],
    },
  ],
};

/** An SPA route change: pushState, then the route renders. */
const route = (page: Page, path: string) =>
  page.evaluate((path) => {
    history.pushState(null, '', path);
    const main = document.createElement('main');
    main.innerHTML = `<h2>${path}</h2><ul>${'<li>item</li>'.repeat(20)}</ul>`;
    document.body.replaceChildren(main);
  }, path);

describe('funnels', () => {
  let browser: Browser;
  let stack: Stack;
  beforeAll(async () => void (browser = await launchBrowser()));
  afterAll(() => browser?.close());
  beforeEach(async () => void (stack = await startStack()));
  afterEach(() => stack.close());

  const of = (type: string) => acceptedEvents(stack.collector).filter((e) => e.type === type);
  const spaTimings = () => of('timing').filter((e) => e.props.spa === true);

  it('follows a journey of two full loads and two SPA routes, step by step', async () => {
    const context = await browser.newContext();
    const tab = await openTab(context, stack.site.url('/product/blue-shirt', { config: CONFIG }));
    await route(tab.page, '/cart');
    await waitFor(() => spaTimings().length === 1, 'the first route timing');
    await tab.page.goto(stack.site.url('/checkout', { config: CONFIG }));
    await trackerReady(tab.page);
    await route(tab.page, '/checkout/payment');
    await waitFor(() => spaTimings().length === 2, 'the second route timing');
    await waitFor(
      () => of('funnel_step').length === 4,
      'four funnel steps',
      30_000,
      () => of('funnel_step').map((e) => e.props.step),
    );

    const steps = of('funnel_step');
    const p = steps.map((e) => e.props);
    report('funnels journey', {
      steps: p.map((s) => [s.step, s.fromStep, s.msSincePrevious]),
      routes: spaTimings().map((e) => [e.path, e.props.duration, e.props.mutations]),
    });
    expect(p.map((s) => s.step)).toEqual(['product', 'cart', 'checkout', 'payment']);
    expect(p.map((s) => s.index)).toEqual([0, 1, 2, 3]);
    expect(p.map((s) => s.fromStep)).toEqual([null, 'product', 'cart', 'checkout']);
    expect(p.map((s) => s.skipped)).toEqual([[], [], [], []]);
    expect(p.map((s) => s.repeat)).toEqual([false, false, false, false]);
    expect(p[0]!.msSincePrevious).toBeNull();
    for (let i = 1; i < steps.length; i++)
      expect(p[i]!.msSincePrevious).toBe(steps[i]!.ts - steps[i - 1]!.ts);
    expect(new Set(steps.map((e) => e.sid)).size).toBe(1);
    expect(steps.map((e) => e.path)).toEqual([
      '/product/blue-shirt',
      '/cart',
      '/checkout',
      '/checkout/payment',
    ]);
    // Each step follows the page view that reached it.
    const views = of('pageview');
    for (const s of steps) {
      const view = views.filter((v) => v.seq < s.seq).at(-1) as WireEvent;
      expect(view.path).toBe(s.path);
    }
    const routes = spaTimings();
    expect(routes.map((e) => e.path)).toEqual(['/cart', '/checkout/payment']);
    for (const r of routes) {
      expect(r.props).toMatchObject({ navigationType: 'route', settled: true });
      expect(r.props.mutations as number).toBeGreaterThan(0);
      expect(typeof r.props.duration).toBe('number');
    }
    expect(
      of('timing')
        .filter((e) => e.props.spa === false)
        .map((e) => e.path),
    ).toEqual(['/product/blue-shirt', '/checkout']);
    expect(tab.pageErrors).toEqual([]);
    await context.close();
  });

  it('reports the cart as skipped when a journey jumps from product to checkout', async () => {
    const context = await browser.newContext();
    const tab = await openTab(context, stack.site.url('/product/red-shirt', { config: CONFIG }));
    await tab.page.goto(stack.site.url('/checkout', { config: CONFIG }));
    await trackerReady(tab.page);
    await waitFor(() => of('funnel_step').length === 2, 'two funnel steps');
    const p = of('funnel_step').map((e) => e.props);
    report('funnels skipped', { steps: p.map((s) => [s.step, s.skipped, s.msSincePrevious]) });
    expect(p.map((s) => [s.step, s.fromStep, s.skipped])).toEqual([
      ['product', null, []],
      ['checkout', 'product', ['cart']],
    ]);
    await context.close();
  });
});
