import { describe, expect, it, vi } from 'vitest';
import { DOM_CHECK_LATE_MS, DOM_CHECK_MS } from '../../../src/capture/funnels.js';
import type { TrackerConfig } from '../../../src/core/config.js';
import { init } from '../../../src/init.js';
import { harness, ofType, useTrackerSandbox } from '../core/helpers.js';

useTrackerSandbox();

const steps = async (h: ReturnType<typeof harness>) =>
  ofType(await h.received(), 'funnel_step').map((e) => `${e.props.funnel}:${e.props.step}`);
/** Lets the MutationObserver deliver, then runs the DOM check (by its latest time). */
const domCheck = async () => {
  await Promise.resolve();
  await vi.advanceTimersByTimeAsync(DOM_CHECK_MS + DOM_CHECK_LATE_MS);
};

const SHOP: TrackerConfig['funnels'] = [
  {
    name: 'shop',
    steps: [
      { name: 'product', match: { path: '/product/*' } },
      { name: 'cart', match: { event: 'add_to_cart' } },
      { name: 'checkout', match: { path: '/checkout', selector: '#checkout-form' } },
      { name: 'paid', match: (e) => e.type === 'custom' && e.props.name === 'paid' },
    ],
  },
];

describe('funnel capture', () => {
  it('reaches a path step with the first page view, after it', async () => {
    history.replaceState(null, '', '/product/blue');
    const h = harness({ funnels: SHOP }, {}, init);
    const events = await h.received();
    expect(events.map((e) => e.type).slice(0, 2)).toEqual(['pageview', 'funnel_step']);
    expect(await steps(h)).toEqual(['shop:product']);
  });

  it('reaches steps on SPA routes, events, selectors added later and predicates', async () => {
    history.replaceState(null, '', '/product/blue');
    const h = harness({ funnels: SHOP }, {}, init);
    h.t.track('add_to_cart', { sku: 'A1' });
    h.t.track('add_to_cart', { sku: 'A2' }); // once per page view
    history.pushState(null, '', '/checkout');
    expect(await steps(h)).toEqual(['shop:product', 'shop:cart']); // no form yet
    document.body.innerHTML = '<form id="checkout-form"></form>';
    await domCheck();
    h.t.track('paid');
    expect(await steps(h)).toEqual(['shop:product', 'shop:cart', 'shop:checkout', 'shop:paid']);
  });

  it('reaches a step again on a new page view, as a repeat', async () => {
    history.replaceState(null, '', '/product/blue');
    const h = harness({ funnels: SHOP }, {}, init);
    history.pushState(null, '', '/product/red');
    const all = ofType(await h.received(), 'funnel_step');
    expect(all.map((e) => [e.props.step, e.props.repeat])).toEqual([
      ['product', false],
      ['product', true],
    ]);
  });

  it('reads markup present on load or added later, once per page view', async () => {
    document.body.innerHTML = '<main data-parcours-step="checkout:cart"></main>';
    const h = harness({}, {}, init);
    await domCheck();
    const el = document.createElement('section');
    el.setAttribute('data-parcours-step', 'checkout : payment');
    document.body.append(el, document.createElement('p'));
    await domCheck();
    document.body.append(document.createElement('p'));
    await domCheck();
    expect(await steps(h)).toEqual(['checkout:cart', 'checkout:payment']);
  });

  it('reads markup added deep in a subtree or by an attribute set later, not markup gone by the check', async () => {
    const h = harness({}, {}, init);
    await domCheck();
    const card = document.createElement('div');
    card.innerHTML = '<section><p data-parcours-step="shop:deep"></p></section>';
    document.body.append(card);
    const later = document.createElement('p');
    document.body.append(later);
    await domCheck();
    later.setAttribute('data-parcours-step', 'shop:later');
    const gone = document.createElement('p');
    gone.setAttribute('data-parcours-step', 'shop:gone');
    document.body.append(gone);
    await Promise.resolve();
    gone.remove();
    await domCheck();
    expect(await steps(h)).toEqual(['shop:deep', 'shop:later']);
  });

  it('does not read the whole page again after DOM changes that add no markup', async () => {
    document.body.innerHTML = '<main data-parcours-step="shop:cart"></main><p id="ticker"></p>';
    const h = harness({ funnels: ['ecommerce'] }, {}, init);
    await domCheck();
    const qsa = vi.spyOn(document, 'querySelectorAll');
    for (let i = 0; i < 5; i++) {
      document.getElementById('ticker')!.textContent = `${i}`; // a ticker, several times a second
      await domCheck();
    }
    const scans = qsa.mock.calls.filter(([s]) => String(s).includes('data-parcours-step'));
    qsa.mockRestore();
    expect(scans).toHaveLength(0);
    // The markup present at the start was read, once.
    expect(await steps(h)).toEqual(['shop:cart']);
  });

  it('tests path matches at a DOM check once the path changed without a page view', async () => {
    history.replaceState(null, '', '/home');
    const h = harness({ funnels: SHOP, capture: { spa: false } }, {}, init);
    await domCheck();
    history.pushState(null, '', '/product/blue');
    document.body.append(document.createElement('p'));
    await domCheck();
    expect(await steps(h)).toEqual(['shop:product']);
  });

  it('reaches a click-triggered markup step on click only', async () => {
    document.body.innerHTML =
      '<button data-parcours-step="checkout:pay" data-parcours-step-on="click"><span>Pay</span></button>' +
      '<b data-parcours-step="nope"></b>';
    const h = harness({}, {}, init);
    await domCheck();
    expect(await steps(h)).toEqual([]);
    document.querySelector('span')!.click();
    document.querySelector('b')!.click();
    expect(await steps(h)).toEqual(['checkout:pay']);
  });

  it('follows the ecommerce preset through GA4 events and URLs', async () => {
    history.replaceState(null, '', '/fr/products/blue-shirt');
    const h = harness({ funnels: ['ecommerce'] }, {}, init);
    h.t.track('add_to_cart');
    history.pushState(null, '', '/checkout');
    history.pushState(null, '', '/checkout/payment');
    history.pushState(null, '', '/checkout/thank-you');
    const all = ofType(await h.received(), 'funnel_step');
    expect(all.map((e) => [e.props.step, e.props.skipped])).toEqual([
      ['view_item', []],
      ['add_to_cart', []],
      ['begin_checkout', []],
      ['add_payment_info', ['add_shipping_info']],
      ['purchase', []],
    ]);
  });

  it('does nothing automatic with capture.funnels off; step() still works', async () => {
    history.replaceState(null, '', '/product/blue');
    document.body.innerHTML = '<main data-parcours-step="checkout:cart"></main>';
    const h = harness({ funnels: SHOP, capture: { funnels: false } }, {}, init);
    await domCheck();
    h.t.step('shop', 'cart');
    expect(await steps(h)).toEqual(['shop:cart']);
  });

  it('survives a predicate that throws', async () => {
    const h = harness(
      {
        funnels: [
          {
            name: 'f',
            steps: [
              {
                name: 'a',
                match: () => {
                  throw new Error('bad predicate');
                },
              },
              { name: 'b', match: { event: 'go' } },
            ],
          },
        ],
      },
      {},
      init,
    );
    h.t.track('go');
    expect(await steps(h)).toEqual(['f:b']);
  });
});
