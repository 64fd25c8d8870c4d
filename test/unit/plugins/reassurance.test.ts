import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../../src/core/config-error.js';
import { reassurance, scanReassurance } from '../../../src/plugins/reassurance/index.js';
import type { ReassuranceKind } from '../../../src/plugins/reassurance/index.js';
import { SCAN_SLICE_NODES, scanning } from '../../../src/plugins/reassurance/scan.js';
import { harness, memoryStorage, ofType, useTrackerSandbox } from '../core/helpers.js';
import { byText, fakeIntersection, fakeLayout, fixtureDoc, loadFixture } from './helpers.js';

const SCAN = { selectors: {}, heuristics: true, maxNodes: 5000 };
const kindsIn = (name: string, o = SCAN) =>
  [...scanReassurance(fixtureDoc(name), o).elements.keys()].sort();

describe('scanReassurance on shop pages', () => {
  it.each<[string, ReassuranceKind[]]>([
    [
      'en-product-reassured.html',
      ['contact', 'guarantee', 'payment_logos', 'returns', 'reviews', 'security', 'shipping'],
    ],
    [
      'fr-product-reassured.html',
      [
        'contact',
        'guarantee',
        'payment_logos',
        'returns',
        'reviews',
        'security',
        'shipping',
        'trust_seal',
      ],
    ],
    ['fr-checkout-payment.html', ['contact', 'payment_logos', 'security']],
    ['en-product-bare.html', []],
    ['fr-cart-bare.html', []],
    ['en-landing-sale.html', ['shipping']],
  ])('finds the kinds of %s', (name, kinds) => {
    expect(kindsIn(name)).toEqual(kinds);
  });

  it('names the elements that carry the reassurance, French text included', () => {
    const r = scanReassurance(fixtureDoc('fr-product-reassured.html'), SCAN);
    const text = (k: ReassuranceKind) => r.elements.get(k)!.map((e) => e.textContent!.trim());
    expect(text('returns')).toContain('Retours gratuits sous 30 jours');
    expect(text('shipping')).toEqual(
      expect.arrayContaining(["Livraison offerte dès 50\u00a0€ d'achat", 'Expédié sous 24\u00a0h']),
    );
    expect(text('guarantee')).toEqual(['Satisfait ou remboursé']);
    expect(text('security')).toEqual(['Paiement sécurisé']);
  });

  it('reads schema.org JSON-LD: ratings and return policies count as present', () => {
    const r = scanReassurance(fixtureDoc('en-product-reassured.html'), SCAN);
    expect([...r.declared].sort()).toEqual(['returns', 'reviews']);
  });

  it('takes markup and site selectors, and skips what is marked none', () => {
    const r = scanReassurance(fixtureDoc('markup-only.html'), {
      ...SCAN,
      selectors: { guarantee: ['.acme-badge-guarantee'] },
    });
    expect([...r.elements.keys()].sort()).toEqual(['guarantee', 'returns', 'shipping']);
    // The "Free returns" legal text sits inside data-parcours-reassurance="none".
    expect(r.elements.get('returns')).toHaveLength(1);
    expect(r.elements.get('returns')![0]!.getAttribute('data-parcours-reassurance')).toBe(
      'returns shipping',
    );
  });

  it('finds nothing by heuristics when they are off', () => {
    expect(kindsIn('fr-product-reassured.html', { ...SCAN, heuristics: false })).toEqual([]);
  });

  it('steps over scripts, styles and svg, and reads what follows them', () => {
    const doc = document.implementation.createHTMLDocument('skip');
    doc.body.innerHTML = `<div><svg><text>Free returns</text></svg><script>"Free shipping"</script></div>
      <section><noscript>30-day money-back guarantee</noscript></section>
      <footer><p>  </p><p>Contact us</p></footer>`;
    const r = scanReassurance(doc, SCAN);
    expect([...r.elements.keys()]).toEqual(['contact']);
    expect(r.elements.get('contact')![0]!.textContent).toBe('Contact us');
  });

  it('matches every kind a text names, not only the first', () => {
    const doc = document.implementation.createHTMLDocument('two');
    doc.body.innerHTML = '<p>Free shipping and free returns on every order</p>';
    expect([...scanReassurance(doc, SCAN).elements.keys()].sort()).toEqual(['returns', 'shipping']);
  });

  it('pauses every SCAN_SLICE_NODES nodes when run in steps, with the same result', () => {
    const doc = document.implementation.createHTMLDocument('steps');
    doc.body.innerHTML = `${'<p>Lorem ipsum dolor</p>'.repeat(400)}<p>Free returns</p>`;
    const steps = scanning(doc, SCAN);
    let pauses = 0;
    let r = steps.next();
    for (; !r.done; r = steps.next()) pauses++;
    expect(pauses).toBe(Math.floor(r.value.nodes / SCAN_SLICE_NODES));
    expect(pauses).toBeGreaterThan(2);
    expect(r.value.elements.get('returns')!.map((e) => e.textContent)).toEqual(['Free returns']);
    expect(scanReassurance(doc, SCAN).nodes).toBe(r.value.nodes);
  });

  it('stops after maxNodes nodes on a huge page', () => {
    const doc = document.implementation.createHTMLDocument('big');
    doc.body.innerHTML = `${'<p>Lorem ipsum dolor</p>'.repeat(3000)}<p>Free returns</p>`;
    const r = scanReassurance(doc, { ...SCAN, maxNodes: 500 });
    expect(r.nodes).toBe(500);
    expect(r.elements.size).toBe(0);
    expect(scanReassurance(doc, { ...SCAN, maxNodes: 10_000 }).elements.has('returns')).toBe(true);
  });
});

describe('reassurance plugin', () => {
  useTrackerSandbox();
  afterEach(() => {
    vi.unstubAllGlobals();
    sessionStorage.clear();
  });

  it('emits one audit per page view with presence, visibility and the fold', async () => {
    fakeLayout();
    fakeIntersection();
    loadFixture('en-product-reassured.html');
    document.querySelector('footer')!.setAttribute('data-y', '2000'); // below the fold
    const h = harness({ plugins: [reassurance()] });
    h.t.page();
    await vi.advanceTimersByTimeAsync(2500);
    const [audit, ...more] = ofType(await h.received(), 'reassurance');
    expect(more).toHaveLength(0);
    const kinds = audit!.props.kinds as Record<string, Record<string, unknown>>;
    expect(kinds.returns).toMatchObject({ present: true, visible: true, aboveFold: true });
    expect(kinds.contact).toMatchObject({ present: true, visible: true, aboveFold: true }); // header "Help"
    expect(kinds.trust_seal).toEqual({
      present: false,
      visible: false,
      aboveFold: false,
      count: 0,
    });
    expect(audit!.props.viewport).toEqual({ w: innerWidth, h: innerHeight });
    expect(audit!.props.pageType).toBe(null);
  });

  it('reports elements only below the fold, and hidden ones as not visible', async () => {
    fakeLayout();
    fakeIntersection();
    loadFixture('en-product-bare.html');
    document.body.insertAdjacentHTML(
      'beforeend',
      '<footer data-y="3000"><a href="/returns">Free returns</a></footer><p style="display:none">Secure checkout</p>',
    );
    const h = harness({ plugins: [reassurance()] });
    await vi.advanceTimersByTimeAsync(2500);
    const kinds = ofType(await h.received(), 'reassurance')[0]!.props.kinds as Record<
      string,
      Record<string, unknown>
    >;
    expect(kinds.returns).toEqual({ present: true, visible: true, aboveFold: false, count: 1 });
    expect(kinds.security).toEqual({ present: true, visible: false, aboveFold: false, count: 1 });
  });

  it('takes the page type from markup or from path patterns', async () => {
    fakeIntersection();
    loadFixture('fr-product-reassured.html'); // <body data-page-type="product">
    const h = harness({ plugins: [reassurance({ pageTypes: { cart: '/panier' } })] });
    await vi.advanceTimersByTimeAsync(2500);
    document.body.removeAttribute('data-page-type');
    history.pushState(null, '', '/panier');
    h.t.page();
    await vi.advanceTimersByTimeAsync(2500);
    expect(ofType(await h.received(), 'reassurance').map((e) => e.props.pageType)).toEqual([
      'product',
      'cart',
    ]);
  });

  it('emits an exposure once an element was half in view for 1 s in total', async () => {
    fakeLayout();
    const io = fakeIntersection();
    loadFixture('en-product-reassured.html');
    const h = harness({ plugins: [reassurance()] });
    await vi.advanceTimersByTimeAsync(2500);
    const returns = byText('Free 60-day returns');
    const shipping = byText('Free shipping on orders');
    io.show(returns, 0.6);
    io.show(shipping, 0.6);
    await vi.advanceTimersByTimeAsync(600);
    io.show(shipping, 0.3); // scrolled half out: the clock stops at 600 ms
    await vi.advanceTimersByTimeAsync(5000);
    let exposures = ofType(await h.received(), 'reassurance_exposure');
    expect(exposures.map((e) => e.props.kind)).toEqual(['returns']);
    expect(exposures[0]!.props.visibleMs).toBe(1000);
    expect(exposures[0]!.props.target).toMatchObject({ tag: 'li', text: 'Free 60-day returns' });
    io.show(shipping, 1);
    await vi.advanceTimersByTimeAsync(399);
    expect(ofType(await h.received(), 'reassurance_exposure')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    io.show(returns, 0); // out and back in: the same element is not reported twice
    io.show(returns, 1);
    await vi.advanceTimersByTimeAsync(2000);
    exposures = ofType(await h.received(), 'reassurance_exposure');
    expect(exposures.map((e) => e.props.kind)).toEqual(['returns', 'shipping']);
  });

  it('tells each funnel step which kinds the session saw before it, across page loads', async () => {
    fakeLayout();
    const io = fakeIntersection();
    const storage = memoryStorage(); // one session id for both page loads
    loadFixture('fr-product-reassured.html');
    const a = harness({ plugins: [reassurance()] }, { storage });
    a.t.page();
    await vi.advanceTimersByTimeAsync(2500);
    io.show(byText('Retours gratuits'), 1);
    io.show(byText('Paiement sécurisé'), 1);
    await vi.advanceTimersByTimeAsync(1000);
    a.t.step('checkout', 'cart');
    const first = ofType(await a.received(), 'funnel_step')[0]!;
    expect(first.props.reassuranceSeen).toEqual(['security', 'returns']);
    expect(first.props.reassuranceUnseen).toEqual(
      expect.arrayContaining([
        'payment_logos',
        'trust_seal',
        'shipping',
        'reviews',
        'contact',
        'guarantee',
      ]),
    );
    await a.t.shutdown();

    loadFixture('fr-checkout-payment.html'); // the next page load of the same tab and session
    const b = harness({ plugins: [reassurance()] }, { storage });
    b.t.page();
    b.t.step('checkout', 'payment');
    const pay = ofType(await b.received(), 'funnel_step')[0]!;
    expect(pay.sid).toBe(first.sid);
    expect(pay.props.reassuranceSeen).toEqual(['security', 'returns']);
    expect(pay.props.reassuranceUnseen).not.toContain('security');
  });

  it('scans again, once, when the page adds many elements (an SPA rendering late)', async () => {
    fakeLayout();
    const io = fakeIntersection();
    loadFixture('en-product-bare.html');
    const h = harness({ plugins: [reassurance({ rescanNodes: 5 })] });
    await vi.advanceTimersByTimeAsync(2500);
    expect(io.observed()).toHaveLength(0);
    document.body.insertAdjacentHTML(
      'beforeend',
      `<ul>${'<li>Made with care</li>'.repeat(5)}<li>Free returns for 30 days</li></ul>`,
    );
    await vi.advanceTimersByTimeAsync(3000);
    expect(io.observed().map((e) => e.textContent)).toEqual(['Free returns for 30 days']);
    expect(ofType(await h.received(), 'reassurance')).toHaveLength(1); // still one audit per page view
  });

  it('refuses bad options with a ConfigError naming the field', () => {
    const field = (o: unknown) => {
      try {
        reassurance(o as never);
      } catch (e) {
        return e instanceof ConfigError ? e.field : 'not a ConfigError';
      }
      return 'accepted';
    };
    expect(field({ selectors: { returns: '##' } })).toBe('reassurance.selectors.returns');
    expect(field({ selectors: { refunds: '.x' } })).toBe('reassurance.selectors.refunds');
    expect(field({ selectors: { returns: [''] } })).toBe('reassurance.selectors.returns');
    expect(field({ maxNodes: 5 })).toBe('reassurance.maxNodes');
    expect(field({ heuristic: false })).toBe('reassurance.heuristic');
    expect(field({ pageTypes: { cart: 3 } })).toBe('reassurance.pageTypes.cart');
    expect(field({ selectors: { returns: ['.a', '[data-r]'] }, pageTypes: { p: ['/p/*'] } })).toBe(
      'accepted',
    );
  });
});

describe('reassurance plugin on an SPA', () => {
  useTrackerSandbox();
  afterEach(() => vi.unstubAllGlobals());

  it('audits a route once it has rendered, even when it renders after the page view', async () => {
    fakeLayout();
    fakeIntersection();
    loadFixture('en-product-bare.html');
    const h = harness({ plugins: [reassurance()] });
    await vi.advanceTimersByTimeAsync(2500);
    history.pushState(null, '', '/checkout');
    h.t.page();
    document.body.innerHTML = '<main><h1>Checkout</h1><p>Loading…</p></main>';
    await vi.advanceTimersByTimeAsync(100); // the route's data arrives and renders
    document
      .querySelector('main')!
      .insertAdjacentHTML(
        'beforeend',
        `<ul>${'<li>Item</li>'.repeat(20)}</ul><p>Secure checkout</p>`,
      );
    await vi.advanceTimersByTimeAsync(3000);
    const audits = ofType(await h.received(), 'reassurance');
    expect(audits.map((a) => a.path)).toEqual(['/', '/checkout']);
    expect((audits[1]!.props.kinds as Record<string, { present: boolean }>).security!.present).toBe(
      true,
    );
  });
});
