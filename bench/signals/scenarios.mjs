// The labelled scenarios (SIGNALS.md §5.4 P11–P16, N01–N08, N12–N16, plus our own S01–S16; the
// misclick ones P01–P10, N09–N11 and M01–M16 are in scenarios-misclick*.mjs).
// Each scenario names its page and knobs, drives the shopper, and carries its ground truth:
// `expect` (type or any-of types, the anchor activation index or indices, evidence to check)
// and `forbid` (kinds that are false positives when unmatched). `settle`: how long the
// delayed verdicts may take after the last action (7.5 s when a request is pending).

import { MISCLICK } from './scenarios-misclick.mjs';
import { OWN, PENDING } from './scenarios-own.mjs';

/** @type {import('./scenarios.d.mts').Scenario[]} */
export const SCENARIOS = [
  {
    id: 'P11',
    desc: 'PDP image with pointer cursor and no zoom: one click, 3 s later three clicks within 1 s',
    page: '/pdp.html',
    params: { zoom: '0' },
    run: async (u) => {
      await u.click('gallery-main');
      await u.wait(3000);
      await u.burst('gallery-main', 3, 900);
    },
    expect: [
      { type: 'dead_click', anchor: 0, evidence: { variant: 'looks_clickable' } },
      { type: 'rage_click', anchor: 1, evidence: { reactionProfile: 'none' } },
    ],
    forbid: ['misclick'],
  },
  {
    id: 'P12',
    desc: 'Promo "Apply" without a handler, clicked 4× within 1.5 s',
    page: '/cart.html',
    params: { apply: 'broken' },
    run: (u) => u.burst('apply', 4, 1500),
    expect: [
      { type: 'rage_click', anchor: 0 },
      { type: 'dead_click', anchor: [0, 1, 2, 3], evidence: { variant: 'interactive' } },
    ],
    forbid: ['misclick'],
  },
  {
    id: 'P13',
    desc: '"Free returns" pill with pointer cursor and no link, one click',
    page: '/pdp.html',
    run: (u) => u.click('badge-returns'),
    expect: [{ type: 'dead_click', anchor: 0, evidence: { variant: 'looks_clickable' } }],
    forbid: ['rage_click'],
  },
  {
    id: 'P14',
    desc: 'Add to cart handler throws a TypeError, UI unchanged (dead also allowed)',
    page: '/pdp.html',
    params: { add: 'throws' },
    run: (u) => u.click('add-to-cart'),
    expect: [{ type: 'error_click', anchor: 0, evidence: { source: 'js' } }],
    forbid: ['misclick', 'rage_click'],
  },
  {
    id: 'P15',
    desc: 'Place order answers HTTP 500 after 3 s, no loading state, no message',
    page: '/checkout.html',
    params: { prefill: '1', 'place.status': '500', 'place.delay': '3000', 'place.feedback': 'off' },
    settle: PENDING,
    run: (u) => u.click('place-order'),
    expect: [
      { type: 'error_click', anchor: 0, evidence: { source: 'http' } },
      { type: ['dead_click', 'slow_click'], anchor: 0 },
    ],
    forbid: ['misclick', 'rage_click'],
  },
  {
    id: 'P16',
    desc: 'Place order, no loading state, 4 s latency: one click, 1.5 s later 3 more within 1.2 s',
    page: '/checkout.html',
    params: { prefill: '1', 'place.delay': '4000', 'place.feedback': 'off' },
    settle: 5000,
    run: async (u) => {
      await u.click('place-order');
      await u.wait(1500);
      await u.burst('place-order', 3, 1200);
    },
    expect: [
      { type: 'rage_click', anchor: 1, evidence: { reactionProfile: 'late' } },
      { type: 'slow_click', anchor: 0 },
    ],
    forbid: ['dead_click', 'misclick'],
  },
  {
    id: 'N01',
    desc: 'Quantity stepper "+" clicked 5× in 1.2 s (value 1→6)',
    page: '/pdp.html',
    run: (u) => u.burst('qty-plus', 5, 1200),
    forbid: ['rage_click', 'dead_click', 'misclick'],
  },
  {
    id: 'N02',
    desc: 'Carousel "next" arrow clicked 6× in 2 s, the slide changes each time',
    page: '/index.html',
    run: (u) => u.burst('hero-carousel-next', 6, 2000),
    forbid: ['rage_click', 'misclick'],
  },
  {
    id: 'N03',
    desc: 'Double-click on the product title to select a word',
    page: '/pdp.html',
    devices: ['desktop'],
    run: (u) => u.multiClick('pdp-title', 2),
    forbid: ['dead_click', 'rage_click'],
  },
  {
    id: 'N04',
    desc: 'Triple-click in the delivery-notes textarea to select all',
    page: '/checkout.html',
    devices: ['desktop'],
    run: (u) => u.multiClick('f-notes', 3),
    forbid: ['rage_click', 'dead_click'],
  },
  {
    id: 'N05',
    desc: 'Press on disabled "Place order" with the form incomplete; inline messages appear',
    page: '/checkout.html',
    run: (u) => u.click('place-order'),
    expect: [{ type: 'blocked_click', anchor: 0, evidence: { explained: true } }],
    forbid: ['dead_click', 'misclick', 'rage_click'],
  },
  {
    id: 'N06',
    desc: 'Same as N05, two presses 1 s apart',
    page: '/checkout.html',
    run: async (u) => {
      await u.click('place-order');
      await u.wait(1000);
      await u.click('place-order');
    },
    expect: [{ type: 'blocked_click', anchor: [0, 1] }],
    forbid: ['rage_click', 'misclick'],
  },
  {
    id: 'N07',
    desc: 'Add to cart, 2.5 s latency, spinner (aria-busy) meanwhile; one click',
    page: '/pdp.html',
    params: { 'add.delay': '2500' },
    settle: PENDING,
    run: (u) => u.click('add-to-cart'),
    expect: [{ type: 'slow_click', anchor: 0, evidence: { hadLoadingFeedback: true } }],
    forbid: ['dead_click', 'rage_click', 'misclick'],
  },
  {
    id: 'N08',
    desc: 'Add to cart, 2.5 s latency, no spinner; two clicks 1.5 s apart',
    page: '/pdp.html',
    params: { 'add.delay': '2500', 'add.feedback': 'off' },
    settle: PENDING,
    run: async (u) => {
      await u.click('add-to-cart');
      await u.wait(1500);
      await u.click('add-to-cart');
    },
    expect: [{ type: 'slow_click', anchor: [0, 1] }],
    forbid: ['dead_click', 'rage_click', 'misclick'],
  },
  {
    id: 'N12',
    desc: 'Ctrl-click a product title to open it in a new tab',
    page: '/category.html',
    devices: ['desktop'],
    run: (u) => u.click('card-title-2', { modifiers: ['Control'] }),
    forbid: ['dead_click'],
  },
  {
    id: 'N13',
    desc: '"Download invoice" a[download]',
    page: '/receipt.html',
    run: (u) => u.click('download-invoice'),
    forbid: ['dead_click'],
  },
  {
    id: 'N14',
    desc: '"Print receipt" calls window.print()',
    page: '/receipt.html',
    run: (u) => u.click('print'),
    forbid: ['dead_click'],
  },
  {
    id: 'N15',
    desc: 'Click on a plain paragraph while reading (no pointer cursor)',
    page: '/pdp.html',
    run: (u) => u.click('desc'),
    forbid: ['dead_click', 'misclick'],
  },
  {
    id: 'N16',
    desc: 'Another tab in front for 4 s, back, click the page background to refocus',
    page: '/pdp.html',
    devices: ['desktop'],
    run: async (u) => {
      await u.tabAway(4000);
      await u.background();
    },
    forbid: ['dead_click'],
  },
  ...OWN,
  ...MISCLICK,
];

/** The scenario with `id`. */
export const scenario = (id) => {
  const s = SCENARIOS.find((x) => x.id === id);
  if (!s) throw new Error(`bench: no scenario ${id}`);
  return s;
};
