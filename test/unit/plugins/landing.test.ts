import { describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../../src/core/config-error.js';
import { foldText } from '../../../src/plugins/fold-text.js';
import {
  amount,
  checkLanding,
  landing,
  readCampaign,
  readPageFacts,
  readPrices,
} from '../../../src/plugins/landing/index.js';
import { tokens } from '../../../src/plugins/landing/tokens.js';
import type { Plugin } from '../../../src/core/plugin-types.js';
import type { Batch, TrackEvent } from '../../../src/core/types.js';
import { harness, ofType, useTrackerSandbox } from '../core/helpers.js';
import { fakeLayout, fixtureDoc, loadFixture } from './helpers.js';

describe('text normalisation', () => {
  it.each<[string, number, string | null]>([
    ['29,90 €', 29.9, 'EUR'],
    ['29,90\u00a0€', 29.9, 'EUR'],
    ['€29.90', 29.9, 'EUR'],
    ['1 299,00 €', 1299, 'EUR'],
    ['1\u202f299,00\u00a0€', 1299, 'EUR'],
    ['1.299,00 EUR', 1299, 'EUR'],
    ['$1,299.00', 1299, 'USD'],
    ['29€90', 29.9, 'EUR'],
    ['£5', 5, 'GBP'],
    ['49 euros', 49, 'EUR'],
  ])('reads %s as %d %s', (text, value, currency) => {
    expect(readPrices(foldText(`Prix : ${text} TTC`))).toEqual([{ value, currency }]);
  });

  it('folds plain ASCII and other text alike: case, spaces, accents and typographic marks', () => {
    expect(foldText('  Free\tRETURNS\n within  30 days ')).toBe('free returns within 30 days');
    expect(foldText('Free\u00a0returns')).toBe('free returns');
    expect(foldText('Livraison OFFERTE dès 50\u202f€ – l\u2019offre')).toBe(
      "livraison offerte des 50 € - l'offre",
    );
    expect(foldText("L'ÉTÉ")).toBe("l'ete");
  });

  it('tells decimal marks from thousands separators', () => {
    expect([
      amount('29,9'),
      amount('1,299'),
      amount('1.299'),
      amount('1 299'),
      amount('12.5'),
    ]).toEqual([29.9, 1299, 1299, 1299, 12.5]);
  });

  it('folds accents, case and plurals, and drops stop words in both languages', () => {
    expect(tokens("Soldes d'ÉTÉ : les Sandales")).toEqual(tokens('soldes ete sandale'));
    expect(tokens('The summer SALE for sandals')).toEqual(['summer', 'sale', 'sandal']);
  });
});

describe('readCampaign', () => {
  it('reads UTM parameters and names the click ids without their values', () => {
    expect(
      readCampaign(
        'https://shop.test/p?utm_source=google&utm_medium=cpc&utm_campaign=soldes-ete&gclid=Cj0KCQ&fbclid=x',
      ),
    ).toEqual({
      source: 'google',
      medium: 'cpc',
      campaign: 'soldes-ete',
      term: null,
      content: null,
      clickIds: ['gclid', 'fbclid'],
    });
    expect(readCampaign('https://shop.test/p?msclkid=abc')?.clickIds).toEqual(['msclkid']);
    expect(readCampaign('https://shop.test/p?color=red')).toBeNull();
  });
});

const CAMPAIGN = readCampaign('https://shop.test/x?utm_source=google&utm_campaign=c')!;
const facts = (name: string) => readPageFacts(fixtureDoc(name), 5000);
const check = (name: string, promise: object, path = '/x') =>
  checkLanding(CAMPAIGN, promise, facts(name), path);

describe('checkLanding on landing pages', () => {
  it('scores a page that keeps the ad’s promises high', () => {
    const r = check('en-landing-sale.html', {
      headline: 'Summer sale: 20% off sandals',
      offer: '-20%',
      promoCode: 'SUMMER20',
      url: '/x',
    });
    expect(r.mismatches).toEqual([]);
    expect(r.score).toBe(100);
    expect(r.checks.map((c) => `${c.id}:${c.status}`)).toEqual([
      'L1:pass',
      'L2:pass',
      'L3:pass',
      'L4:n/a',
      'L5:n/a',
      'L6:pass',
      'L7:pass',
      'L8:n/a',
    ]);
  });

  it('scores a French page without the promised discount and code low, naming the mismatch', () => {
    const r = check('fr-landing-soldes.html', {
      headline: "Soldes d'été : -30 % sur les sandales",
      offer: '-30 %',
      promoCode: 'ETE30',
    });
    expect(r.score).toBeLessThan(40);
    expect(r.mismatches).toContain('ad promises −30 %, page shows no discount');
    expect(r.mismatches.join(' ')).toMatch(/code ETE30/);
    expect(r.checks.find((c) => c.id === 'L3')!.status).toBe('fail');
  });

  it('matches prices across French and English formats, and names a price that differs', () => {
    expect(
      check('fr-landing-soldes.html', { price: 59.9, currency: 'EUR', sku: 'RIV-38-CAMEL' }).score,
    ).toBe(100);
    const r = check('en-product-reassured.html', { price: 79, currency: 'USD' });
    expect(r.checks.find((c) => c.id === 'L4')!.status).toBe('fail');
    expect(r.mismatches).toEqual(['ad promises 79.00 USD, the page shows 89.00 USD']);
  });

  it('names the wrong product and the wrong landing path', () => {
    const r = check(
      'fr-landing-soldes.html',
      { sku: 'RIV-40-NOIR', url: '/sandales-riviera' },
      '/',
    );
    expect(r.mismatches).toEqual([
      'ad leads to /sandales-riviera, the visitor landed on /',
      'ad shows product RIV-40-NOIR, the page shows RIV-38-CAMEL',
    ]);
    expect(r.score).toBe(0);
  });

  it('fails L1 on an error page', () => {
    const doc = document.implementation.createHTMLDocument('Page introuvable');
    doc.body.innerHTML = '<h1>Oups ! Cette page n’existe plus</h1>';
    const r = checkLanding(CAMPAIGN, {}, readPageFacts(doc, 5000), '/old');
    expect(r.checks[0]).toMatchObject({ id: 'L1', status: 'fail' });
    expect(r.mismatches).toEqual(['the ad leads to an error page']);
  });

  it('warns when the promise is only below the fold', () => {
    fakeLayout();
    loadFixture('en-landing-sale.html');
    document.querySelector('.hero p')!.setAttribute('data-y', '3000');
    const r = checkLanding(
      CAMPAIGN,
      { promoCode: 'SUMMER20' },
      readPageFacts(document, 5000),
      '/x',
    );
    expect(r.checks.find((c) => c.id === 'L3')!.status).toBe('warn');
    expect(r.checks.find((c) => c.id === 'L6')!.status).toBe('warn');
    expect(r.mismatches).toEqual(['the code SUMMER20 only below the fold']);
  });

  it('takes utm_term as the ad words when no headline is configured', () => {
    const c = readCampaign(
      'https://shop.test/x?utm_campaign=c&utm_term=chaussures+randonnee+femme',
    )!;
    const r = checkLanding(c, {}, facts('fr-landing-soldes.html'), '/x');
    expect(r.checks.find((x) => x.id === 'L2')!.status).toBe('fail');
    expect(r.mismatches[0]).toMatch(/chaussure, randonnee, femme/);
  });
});

describe('landing plugin', () => {
  useTrackerSandbox();
  /** A tracker whose beacons (the page's end) are recorded too; `all()` is every event received. */
  const tracker = (plugins: Plugin[]) => {
    const beaconed: TrackEvent[] = [];
    const h = harness(
      { plugins },
      { beacon: (_u, json) => (beaconed.push(...(JSON.parse(json) as Batch).events), true) },
    );
    return { ...h, all: async () => [...beaconed, ...(await h.received())] };
  };
  const CONFIG = {
    campaigns: {
      'soldes-ete': {
        headline: "Soldes d'été : -30 % sur les sandales",
        offer: '-30 %',
        promoCode: 'ETE30',
      },
    },
  };

  it('emits one landing_check for a page view that came from a campaign', async () => {
    loadFixture('fr-landing-soldes.html');
    history.replaceState(
      null,
      '',
      '/sandales?utm_source=google&utm_medium=cpc&utm_campaign=soldes-ete&gclid=abc',
    );
    const h = harness({ plugins: [landing(CONFIG)] });
    h.t.page();
    await vi.advanceTimersByTimeAsync(3400);
    expect(ofType(await h.received(), 'landing_check')).toHaveLength(0); // the second reading is 3 s after the first
    await vi.advanceTimersByTimeAsync(200);
    const [c, ...more] = ofType(await h.received(), 'landing_check');
    expect(more).toHaveLength(0);
    expect(c!.props.campaign).toEqual({
      source: 'google',
      medium: 'cpc',
      campaign: 'soldes-ete',
      term: null,
      content: null,
      clickIds: ['gclid'],
    });
    expect(c!.props.score).toBeLessThan(40);
    expect(c!.props.mismatches).toContain('ad promises −30 %, page shows no discount');
    expect((c!.props.checks as { id: string }[]).map((x) => x.id)).toEqual([
      'L1',
      'L2',
      'L3',
      'L4',
      'L5',
      'L6',
      'L7',
      'L8',
    ]);
  });

  it('checks nothing on a page view without campaign parameters', async () => {
    loadFixture('fr-landing-soldes.html');
    history.replaceState(null, '', '/sandales?color=camel');
    const h = harness({ plugins: [landing(CONFIG)] });
    await vi.advanceTimersByTimeAsync(3000);
    expect(ofType(await h.received(), 'landing_check')).toHaveLength(0);
  });

  it('marks a quick exit, and checks the page first if the visitor left before the check', async () => {
    loadFixture('fr-landing-soldes.html');
    history.replaceState(null, '', '/sandales?utm_campaign=soldes-ete');
    const h = tracker([landing(CONFIG)]);
    await vi.advanceTimersByTimeAsync(200);
    dispatchEvent(new Event('pagehide'));
    const events = await h.all();
    const check = ofType(events, 'landing_check')[0]!;
    const exit = ofType(events, 'landing_exit')[0]!;
    expect(check.seq).toBeLessThan(exit.seq);
    expect(exit.props).toEqual({
      campaign: 'soldes-ete',
      score: check.props.score,
      dwellMs: 200,
      engaged: false,
      kind: 'quick_exit',
    });
  });

  it('marks a bounce after the quick-exit window, and no exit when the visitor goes on into the site', async () => {
    loadFixture('fr-landing-soldes.html');
    history.replaceState(null, '', '/sandales?utm_campaign=soldes-ete');
    const h = tracker([landing(CONFIG)]);
    await vi.advanceTimersByTimeAsync(30_000);
    dispatchEvent(new Event('pagehide'));
    expect(
      ofType(await h.all(), 'landing_exit').map((e) => [e.props.kind, e.props.dwellMs]),
    ).toEqual([['bounce', 30_000]]);
    await h.t.shutdown();

    document.body.insertAdjacentHTML('beforeend', '<a id="more" href="/sandales/riviera">Voir</a>');
    const g = tracker([landing(CONFIG)]);
    document
      .getElementById('more')!
      .dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    dispatchEvent(new Event('pagehide'));
    const after = await g.all();
    expect(ofType(after, 'landing_check')).toHaveLength(1);
    expect(ofType(after, 'landing_exit')).toHaveLength(0);
  });

  it('fails L4 when the main price changes after landing without a visitor action', async () => {
    loadFixture('fr-landing-soldes.html');
    history.replaceState(null, '', '/sandales?utm_campaign=soldes-ete');
    const h = tracker([landing({ campaigns: { 'soldes-ete': { price: 59.9, currency: 'EUR' } } })]);
    await vi.advanceTimersByTimeAsync(1000); // first reading done
    document.querySelector('.prix')!.textContent = '64,90 €'; // a script reprices the product
    await vi.advanceTimersByTimeAsync(4000);
    const c = ofType(await h.all(), 'landing_check')[0]!;
    expect(c.props.mismatches).toContain(
      'the price changed from 59.90 EUR to 64.90 EUR after landing',
    );
    expect(
      (c.props.checks as { id: string; status: string }[]).find((x) => x.id === 'L4')!.status,
    ).toBe('fail');
    await h.t.shutdown();

    // The same change after the visitor picked an option is theirs, not a mismatch.
    document.querySelector('.prix')!.textContent = '59,90 €';
    const g = tracker([landing({ campaigns: { 'soldes-ete': { price: 59.9, currency: 'EUR' } } })]);
    await vi.advanceTimersByTimeAsync(1000);
    document.querySelector('button')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    document.querySelector('.prix')!.textContent = '64,90 €';
    await vi.advanceTimersByTimeAsync(4000);
    const d = ofType(await g.all(), 'landing_check')[0]!;
    expect(d.props.mismatches).toEqual(['ad promises 59.90 EUR, the page shows 64.90 EUR']);
  });

  it('checks the landing before an SPA route change leaves it, and once only', async () => {
    loadFixture('fr-landing-soldes.html');
    history.replaceState(null, '', '/sandales?utm_campaign=soldes-ete');
    const h = tracker([landing({ campaigns: { 'soldes-ete': { url: '/sandales' } } })]);
    h.t.page();
    await vi.advanceTimersByTimeAsync(1000);
    history.pushState(null, '', '/panier');
    h.t.page();
    await vi.advanceTimersByTimeAsync(10_000);
    dispatchEvent(new Event('pagehide'));
    const events = await h.all();
    const checks = ofType(events, 'landing_check');
    expect(checks).toHaveLength(1);
    expect(checks[0]!.props.checks).toContainEqual({
      id: 'L1',
      status: 'pass',
      evidence: 'landed on /sandales',
    });
    expect(ofType(events, 'landing_exit')).toHaveLength(0); // going on into the site
  });

  it('refuses bad options with a ConfigError naming the field', () => {
    const field = (o: unknown) => {
      try {
        landing(o as never);
      } catch (e) {
        return e instanceof ConfigError ? e.field : 'not a ConfigError';
      }
      return 'accepted';
    };
    expect(field({ campaigns: { a: { price: '29,90' } } })).toBe('landing.campaigns.a.price');
    expect(field({ campaigns: { a: { promo: 'X' } } })).toBe('landing.campaigns.a.promo');
    expect(field({ campaigns: { a: { keywords: [1] } } })).toBe('landing.campaigns.a.keywords');
    expect(field({ quickExitMs: -1 })).toBe('landing.quickExitMs');
    expect(field({ recheckMs: 1.5 })).toBe('landing.recheckMs');
    expect(field({ campaigns: [] })).toBe('landing.campaigns');
    expect(field({ campaigns: { a: { keywords: 'sandales', price: 59.9 } } })).toBe('accepted');
  });
});
