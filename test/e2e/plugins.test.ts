// The plugins as script-tag users load them (dist/plugins/*.iife.js next to the core, by
// data-plugins or parcours('use', name, options)), in real Chromium against the loopback collector.
import type { Browser } from 'playwright-core';
import { devices } from 'playwright-core';
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
        { name: 'payment', match: { path: '/checkout/payment' } },
      ],
    },
  ],
};
const scripts = (...names: string[]) =>
  names.map((n) => `<script src="/plugins/${n}.iife.js"></script>`).join('');

// A product page: returns, delivery and secure payment at the top; reviews far below the fold.
const PRODUCT = `<h1>Sandales Riviera en cuir</h1><p>59,90 €</p>
<ul><li>Retours gratuits sous 30 jours</li><li>Livraison offerte dès 50 €</li><li>Paiement sécurisé</li></ul>
<a id="to-cart" href="/cart">Ajouter au panier</a>
<div style="height:4000px"></div><section><h2>Avis clients</h2><p>4,7/5 · 1 204 avis</p></section>`;
const CART = `<h1>Votre panier</h1><p>Sandales Riviera — 59,90 €</p><a href="/checkout/payment">Commander</a>`;
const PAYMENT = `<h1>Paiement</h1><form><label>Numéro de carte <input></label><button>Payer 59,90 €</button></form>`;
const LANDING = `<h1>Sandales Riviera en cuir</h1><p>59,90 €</p><p>Cuir de veau, semelle en liège.</p><button>Ajouter au panier</button>`;

describe('plugins in Chromium', () => {
  let browser: Browser;
  let stack: Stack;
  beforeAll(async () => void (browser = await launchBrowser()));
  afterAll(() => browser?.close());
  beforeEach(async () => void (stack = await startStack()));
  afterEach(() => stack.close());

  const of = (type: string) => acceptedEvents(stack.collector).filter((e) => e.type === type);

  it('a checkout journey reports which reassurance kinds were seen before the payment step', async () => {
    const context = await browser.newContext();
    // The core arrives late, so the plugin files are registered when it starts (data-plugins).
    const page = (path: string, body: string) =>
      stack.site.url(path, {
        config: CONFIG,
        body,
        head: scripts('reassurance', 'device'),
        plugins: 'reassurance,device',
        scriptDelayMs: 300,
      });
    const tab = await openTab(context, page('/product/riviera', PRODUCT));
    await waitFor(
      () => of('reassurance_exposure').length >= 3,
      'three exposures',
      15_000,
      () => of('reassurance_exposure').map((e) => e.props.kind),
    );
    const audit = of('reassurance')[0]!;
    const kinds = audit.props.kinds as Record<
      string,
      { present: boolean; visible: boolean; aboveFold: boolean }
    >;
    expect(kinds.returns).toMatchObject({ present: true, visible: true, aboveFold: true });
    expect(kinds.reviews).toMatchObject({ present: true, visible: true, aboveFold: false });
    expect(kinds.guarantee!.present).toBe(false);
    await tab.page.goto(page('/cart', CART));
    await trackerReady(tab.page);
    await tab.page.goto(page('/checkout/payment', PAYMENT));
    await trackerReady(tab.page);
    await waitFor(
      () => of('funnel_step').some((e) => e.props.step === 'payment'),
      'the payment step',
    );
    const steps = Object.fromEntries(
      of('funnel_step').map((e) => [e.props.step as string, e.props]),
    );
    expect(steps.product!.reassuranceSeen).toEqual([]);
    expect(steps.payment!.reassuranceSeen).toEqual(['security', 'returns', 'shipping']);
    expect(steps.payment!.reassuranceUnseen).toEqual(['reviews']);
    const exposures = of('reassurance_exposure');
    expect(exposures.map((e) => e.props.kind).sort()).toEqual(['returns', 'security', 'shipping']);
    expect(exposures.every((e) => (e.props.visibleMs as number) >= 1000)).toBe(true);
    // Every event carries the device, the first page view of each page included.
    const all = acceptedEvents(stack.collector);
    expect(all.filter((e) => !e.device).map((e) => [e.type, e.path, e.seq])).toEqual([]);
    expect(all[0]!.device).toMatchObject({
      class: 'desktop',
      browser: 'Chrome Headless',
      os: 'Linux',
      touch: false,
    });
    report('plugins:journey', {
      events: all.length,
      exposures: exposures.length,
      seen: steps.payment!.reassuranceSeen,
    });
    await context.close();
  });

  it("a plugin file that ran before the core, asked for with parcours('use'), sees the first page view's funnel step", async () => {
    const context = await browser.newContext();
    // No data-plugins: the shop's own set-up script queues `use` (as the example shop does).
    const url = stack.site.url('/cart', {
      config: CONFIG,
      body: CART,
      head: scripts('reassurance'),
      before: [['use', 'reassurance', {}]],
      scriptDelayMs: 300,
    });
    await openTab(context, url);
    await waitFor(() => of('funnel_step').length > 0, 'the cart step');
    const [cart] = of('funnel_step');
    expect(cart!.props.step).toBe('cart');
    expect(cart!.props.reassuranceSeen).toEqual([]);
    expect(Array.isArray(cart!.props.reassuranceUnseen)).toBe(true);
    await context.close();
  });

  it('a landing page from a mismatched campaign gets a low score naming the mismatch, then a quick exit', async () => {
    const context = await browser.newContext();
    const campaigns = {
      'soldes-ete': {
        headline: "Soldes d'été : -30 % sur les sandales",
        offer: '-30 %',
        promoCode: 'ETE30',
      },
    };
    // The plugin file arrives after the core has started: the core keeps the `use` options in the
    // registry and the plugin sets itself up from them when it loads.
    const late = `<script>setTimeout(() => { const s = document.createElement('script'); s.src = '/plugins/landing.iife.js'; document.head.append(s); }, 1500);</script>`;
    const url = `${stack.site.url('/sandales-riviera', { body: LANDING, head: late, after: [['use', 'landing', { campaigns }]] })}&utm_source=google&utm_medium=cpc&utm_campaign=soldes-ete&gclid=Cj0KCQ`;
    const tab = await openTab(context, url);
    expect(
      await tab.page.evaluate(() => Array.isArray((window as any).parcoursPlugins?.landing)),
    ).toBe(true);
    await waitFor(() => of('landing_check').length === 1, 'the landing check');
    const check = of('landing_check')[0]!;
    expect(check.props.campaign).toEqual({
      source: 'google',
      medium: 'cpc',
      campaign: 'soldes-ete',
      term: null,
      content: null,
      clickIds: ['gclid'],
    });
    expect(check.props.score).toBeLessThan(40);
    expect(check.props.mismatches).toContain('ad promises −30 %, page shows no discount');
    await tab.page.close({ runBeforeUnload: false });
    await waitFor(() => of('landing_exit').length === 1, 'the landing exit');
    expect(of('landing_exit')[0]!.props).toMatchObject({
      campaign: 'soldes-ete',
      score: check.props.score,
      kind: 'quick_exit',
      engaged: false,
    });
    report('plugins:landing', { score: check.props.score, mismatches: check.props.mismatches });
    await context.close();
  });

  it('an emulated phone is reported as mobile, and a plugin with a bad option is disabled and reported', async () => {
    const context = await browser.newContext({ ...devices['Pixel 7'] });
    const tab = await openTab(
      context,
      stack.site.url('/', {
        scriptDelayMs: 300,
        head: scripts('device', 'reassurance'),
        after: [
          ['use', 'device'],
          ['use', 'reassurance', { selectors: { returns: '##' } }],
          ['track', 'after'],
        ],
      }),
    );
    await waitFor(() => of('custom').length === 1, 'the custom event');
    const custom = of('custom')[0]! as WireEvent;
    expect(custom.device).toMatchObject({
      class: 'mobile',
      browser: 'Chrome',
      os: 'Android',
      osVersion: '14',
      touch: true,
    });
    await waitFor(() => of('sdk_error').length === 1, 'the plugin error');
    expect(of('sdk_error')[0]!.props).toMatchObject({
      scope: 'plugin',
      plugin: 'parcours/reassurance@1',
      phase: 'setup',
    });
    expect(of('sdk_error')[0]!.props.message).toMatch(/reassurance\.selectors\.returns/);
    expect(tab.pageErrors).toEqual([]);
    await context.close();
  });
});
