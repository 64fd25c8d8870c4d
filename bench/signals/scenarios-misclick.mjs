// The wrong-button misclick scenarios: SIGNALS.md §5.4 P01–P10 and N09–N11, then our own M01–M16
// (grids, dialogs, drawers, footers, steppers; touch with 36–44 px targets, desktop mouse,
// keyboard activation, slow CPU). The anchor of a misclick label is the WRONG press (the SDK's
// `clickSeq`); a miss off a control is recorded as `<id>~miss` and tied to its click by time.
import { OWN_MISCLICK } from './scenarios-misclick-own.mjs';

const CHIPS = { size: '28', gap: '4' };
/** A point `dx` px left of `id`'s left edge, at its vertical centre (in the gap before it). */
const leftOf = (dx) => (b) => ({ x: b.x - dx, y: b.y + b.height / 2 });
const rightOf = (dx) => (b) => ({ x: b.x + b.width + dx, y: b.y + b.height / 2 });
/** Inside `id`, `dx` px from its left edge. */
const inLeft = (dx) => (b) => ({ x: b.x + dx, y: b.y + b.height / 2 });

/** Footer Returns (meant Shipping, 20 px below): page, Back after `dwell` ms, then Shipping. */
const footerUTurn = (dwell) => async (u) => {
  await u.click('foot-returns', { toward: 'foot-shipping' });
  await u.page.waitForURL(/info\.html/);
  await u.wait(dwell);
  await u.back();
  await u.wait(600);
  await u.click('foot-shipping');
};

/** Cart Remove → Cancel (near Confirm) → Remove → Confirm. */
const dialogReopen = async (u) => {
  await u.click('remove-1');
  await u.wait(500);
  await u.click('dlg-cancel', { toward: 'dlg-confirm' });
  await u.wait(400);
  await u.click('remove-1');
  await u.wait(400);
  await u.click('dlg-confirm');
};

/** @type {import('./scenarios.d.mts').Scenario[]} */
export const MISCLICK = [
  {
    id: 'P01',
    desc: 'Cart "Remove item?" dialog, Cancel 8 px from Confirm: Cancel near the edge, Remove again, Confirm within 2 s',
    page: '/cart.html',
    run: dialogReopen,
    expect: [{ type: 'misclick', kind: 'wrong_control', pattern: 'dialog_reopen', anchor: 1 }],
    forbid: ['rage_click', 'dead_click'],
  },
  {
    id: 'P02',
    desc: 'PDP: Wishlist next to Add to cart; wishlist on, off within 1.2 s, then Add to cart',
    page: '/pdp.html',
    run: async (u) => {
      await u.click('wish', { toward: 'add-to-cart' });
      await u.wait(300);
      await u.click('wish');
      await u.wait(300);
      await u.click('add-to-cart');
    },
    expect: [{ type: 'misclick', kind: 'wrong_control', pattern: 'undo', anchor: 0 }],
    forbid: ['rage_click'],
  },
  {
    id: 'P03',
    desc: 'Touch cart line, 36 px targets 4 px apart: tap lands on Remove (meant +), Undo in the toast within 2 s',
    page: '/cart.html',
    params: { line: 'touch', remove: 'direct' },
    devices: ['mobile'],
    run: async (u) => {
      await u.click('remove-1', { toward: 'plus-1' });
      await u.wait(900);
      await u.click('undo');
    },
    expect: [
      { type: 'misclick', kind: 'wrong_control', pattern: 'undo', anchor: 0 },
      { type: 'cart_undo', anchor: 0, evidence: { likely_misclick: true } },
    ],
    forbid: ['dead_click'],
  },
  {
    id: 'P04',
    desc: 'Size chips 28×28, 4 px apart: press in the gap left of M (nothing happens), M 900 ms later (mouse: a touch tap there is moved onto M by Chromium, see M03)',
    page: '/pdp.html',
    params: CHIPS,
    devices: ['desktop'],
    run: async (u) => {
      await u.pressAt('size-M', leftOf(2));
      await u.wait(900);
      await u.click('size-M');
    },
    expect: [{ type: 'misclick', kind: 'near_miss', pattern: 'gap', anchor: 0 }],
    forbid: ['dead_click', 'rage_click'],
  },
  {
    id: 'P05',
    desc: 'Touch size chips 28×28: tap hits L 3 px from the M/L edge, then M 800 ms later',
    page: '/pdp.html',
    params: CHIPS,
    devices: ['mobile'],
    run: async (u) => {
      await u.pressAt('size-L', inLeft(3), 'edge');
      await u.wait(800);
      await u.click('size-M');
    },
    expect: [{ type: 'misclick', kind: 'wrong_control', pattern: 'sibling_switch', anchor: 0 }],
    forbid: ['misclick:near_miss'],
  },
  {
    id: 'P06',
    desc: 'Footer: Returns (meant Shipping, 20 px below), Back after 2.5 s without scrolling, Shipping',
    page: '/pdp.html',
    params: { foot: 'stack' },
    run: footerUTurn(2500),
    expect: [
      { type: 'u_turn', anchor: 0 },
      { type: 'misclick', kind: 'wrong_control', pattern: 'back_then_sibling', anchor: 0 },
    ],
    forbid: ['dead_click'],
  },
  {
    id: 'P07',
    desc: 'Touch category: tap on the promo banner while the page still fling-scrolls; back within 1.5 s',
    page: '/category.html',
    params: { banner: '1' },
    devices: ['mobile'],
    run: async (u) => {
      await u.flingTap('promo-banner');
      await u.page.waitForURL(/info\.html/);
      await u.wait(900);
      await u.back();
    },
    expect: [
      { type: 'u_turn', anchor: 0 },
      { type: 'misclick', kind: 'accidental_activation', anchor: 0 },
    ],
    forbid: ['misclick:wrong_control'],
  },
  {
    id: 'P08',
    desc: 'Header 20×20 icons: cart icon (drawer opens), closed within 800 ms, then the hamburger',
    page: '/index.html',
    params: { icons: '1' },
    run: async (u) => {
      await u.click('cart-icon', { toward: 'hamburger' });
      await u.wait(300);
      await u.click('cart-drawer-close');
      await u.wait(300);
      await u.click('hamburger');
    },
    expect: [{ type: 'misclick', kind: 'wrong_control', pattern: 'quick_dismiss', anchor: 0 }],
  },
  {
    id: 'P09',
    desc: 'Desktop slip: mouse down on Place order, drifts 14 px below before release, clicks it 1 s later',
    page: '/checkout.html',
    params: { prefill: '1' },
    devices: ['desktop'],
    run: async (u) => {
      await u.slip('place-order', 14);
      await u.wait(1000);
      await u.click('place-order');
    },
    expect: [{ type: 'misclick', kind: 'near_miss', pattern: 'slip', anchor: 0 }],
    forbid: ['dead_click', 'rage_click'],
  },
  {
    id: 'P10',
    desc: '14×14 "I accept terms" box, text not its label: click 6 px right of the box, the box 1 s later (mouse: touch adjustment moves a tap there onto the box)',
    page: '/checkout.html',
    params: { terms: '1' },
    devices: ['desktop'],
    run: async (u) => {
      await u.pressAt('terms', rightOf(6));
      await u.wait(1000);
      await u.click('terms');
    },
    expect: [{ type: 'misclick', kind: 'near_miss', pattern: 'non_interactive', anchor: 0 }],
    forbid: ['rage_click'],
  },
  {
    id: 'N09',
    desc: 'Size S chosen, 8 s reading the size chart, then M',
    page: '/pdp.html',
    run: async (u) => {
      await u.click('size-S');
      await u.wait(8000);
      await u.click('size-M');
    },
    forbid: ['misclick'],
  },
  {
    id: 'N10',
    desc: 'Colour swatch browsing: 4 swatches of a card in 3 s, each changes its image',
    page: '/category.html',
    run: async (u) => {
      for (let k = 0; k < 4; k++) {
        await u.click(`swatch-1-${k}`);
        if (k < 3) await u.wait(550);
      }
    },
    forbid: ['misclick', 'rage_click'],
  },
  {
    id: 'N11',
    desc: 'From the category, a PDP read for 40 s with a scroll, then Back',
    page: '/category.html',
    run: async (u) => {
      await u.click('card-title-1');
      await u.page.waitForURL(/pdp\.html/);
      await u.wait(20000);
      await u.wheel(400);
      await u.wait(20000);
      await u.back();
    },
    forbid: ['quick_back', 'u_turn', 'misclick'],
  },
  ...OWN_MISCLICK,
];
