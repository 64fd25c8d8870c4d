// Our own misclick scenarios M01–M16 beyond §5.4: desktop mouse and touch near misses with
// 24–44 px targets, corrective pairs in grids, dialogs, drawers and footers, keyboard activation
// (never a near miss), slow CPU, mutation noise, and clean look-alikes that must stay silent.

const leftOf = (dx) => (b) => ({ x: b.x - dx, y: b.y + b.height / 2 });
const rightOf = (dx) => (b) => ({ x: b.x + b.width + dx, y: b.y + b.height / 2 });
const inLeft = (dx) => (b) => ({ x: b.x + dx, y: b.y + b.height / 2 });

/** Gap near miss on size chips: a press `dx` px left of M, then M after `gap` ms. */
const chipGap =
  (dx, gap = 900) =>
  async (u) => {
    await u.pressAt('size-M', leftOf(dx));
    await u.wait(gap);
    await u.click('size-M');
  };

/** @type {import('./scenarios.d.mts').Scenario[]} */
export const OWN_MISCLICK = [
  {
    id: 'M01',
    desc: 'Desktop size chips 24 px, 6 px apart: click in the gap left of M, M 900 ms later',
    page: '/pdp.html',
    params: { size: '24', gap: '6' },
    devices: ['desktop'],
    run: chipGap(3),
    expect: [{ type: 'misclick', kind: 'near_miss', pattern: 'gap', anchor: 0 }],
    forbid: ['dead_click', 'rage_click'],
  },
  {
    id: 'M02',
    desc: 'Keyboard: Enter on size L, then Enter on M 800 ms later (a key press cannot miss)',
    page: '/pdp.html',
    params: { size: '28', gap: '4' },
    devices: ['desktop'],
    run: async (u) => {
      await u.key('size-L');
      await u.wait(800);
      await u.key('size-M');
    },
    forbid: ['misclick:near_miss', 'dead_click'],
  },
  {
    id: 'M03',
    desc: "Touch chips 28 px, 4 px apart: tap 2 px into the gap left of M, M 900 ms later; Chromium's touch adjustment puts both taps on M, so no misclick",
    page: '/pdp.html',
    params: { size: '28', gap: '4' },
    devices: ['mobile'],
    run: chipGap(2),
    forbid: ['misclick', 'dead_click', 'rage_click'],
  },
  {
    id: 'M04',
    desc: 'Slow CPU (4×), desktop chips 28 px: L hit 3 px from the M edge, M 800 ms later',
    page: '/pdp.html',
    params: { size: '28', gap: '4' },
    devices: ['desktop'],
    cpu: 4,
    run: async (u) => {
      await u.pressAt('size-L', inLeft(3), 'edge');
      await u.wait(800);
      await u.click('size-M');
    },
    expect: [{ type: 'misclick', kind: 'wrong_control', pattern: 'sibling_switch', anchor: 0 }],
    forbid: ['misclick:near_miss'],
  },
  {
    id: 'M05',
    desc: 'Cart dialog used as meant: Remove, Cancel after 1.5 s, nothing else',
    page: '/cart.html',
    run: async (u) => {
      await u.click('remove-1');
      await u.wait(1500);
      await u.click('dlg-cancel');
    },
    forbid: ['misclick', 'dead_click'],
  },
  {
    id: 'M06',
    desc: 'Category grid: wishlist heart on, off, then the neighbouring Quick add',
    page: '/category.html',
    run: async (u) => {
      await u.click('wish-2', { toward: 'quick-2' });
      await u.wait(350);
      await u.click('wish-2');
      await u.wait(350);
      await u.click('quick-2');
    },
    expect: [{ type: 'misclick', kind: 'wrong_control', pattern: 'undo', anchor: 0 }],
    forbid: ['rage_click', 'dead_click'],
  },
  {
    id: 'M07',
    desc: 'Header drawer used as meant: hamburger, 2.5 s in the menu, close',
    page: '/index.html',
    params: { icons: '1' },
    run: async (u) => {
      await u.click('hamburger');
      await u.wait(2500);
      await u.click('menu-drawer-close');
    },
    forbid: ['misclick', 'dead_click'],
  },
  {
    id: 'M08',
    desc: 'Footer Shipping read for 7 s with a scroll, then Back (a quick back, no U-turn)',
    page: '/pdp.html',
    params: { foot: 'stack' },
    run: async (u) => {
      await u.click('foot-shipping');
      await u.page.waitForURL(/info\.html/);
      await u.wait(3500);
      await u.wheel(300);
      await u.wait(3500);
      await u.back();
    },
    expect: [{ type: 'quick_back', anchor: 0 }],
    forbid: ['u_turn', 'misclick'],
  },
  {
    id: 'M09',
    desc: 'Touch cart stepper, 36 px targets: "+" tapped 3× about 600 ms apart (quantity 1→4)',
    page: '/cart.html',
    params: { line: 'touch' },
    devices: ['mobile'],
    run: async (u) => {
      for (let k = 0; k < 3; k++) {
        await u.click('plus-1');
        await u.wait(450);
      }
    },
    forbid: ['misclick', 'rage_click', 'dead_click'],
  },
  {
    id: 'M10',
    desc: 'Mouse on the 36 px cart-line targets 4 px apart: click in the gap right of "+", then "+"',
    page: '/cart.html',
    params: { line: 'touch' },
    devices: ['desktop'],
    run: async (u) => {
      await u.pressAt('plus-1', rightOf(2));
      await u.wait(900);
      await u.click('plus-1');
    },
    expect: [{ type: 'misclick', kind: 'near_miss', pattern: 'gap', anchor: 0 }],
    forbid: ['dead_click', 'rage_click'],
  },
  {
    id: 'M11',
    desc: 'Slow CPU (4×): terms text clicked 6 px right of the 14 px box, the box 1 s later',
    page: '/checkout.html',
    params: { terms: '1' },
    cpu: 4,
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
    id: 'M12',
    desc: 'Slow CPU (4×): the P01 dialog reopen (Cancel near Confirm, Remove, Confirm)',
    page: '/cart.html',
    cpu: 4,
    devices: ['desktop'],
    run: async (u) => {
      await u.click('remove-1');
      await u.wait(500);
      await u.click('dlg-cancel', { toward: 'dlg-confirm' });
      await u.wait(400);
      await u.click('remove-1');
      await u.wait(400);
      await u.click('dlg-confirm');
    },
    expect: [{ type: 'misclick', kind: 'wrong_control', pattern: 'dialog_reopen', anchor: 1 }],
    forbid: ['rage_click', 'dead_click'],
  },
  {
    id: 'M13',
    desc: 'Desktop slip on Add to cart: released 14 px below it, clicked again 1 s later',
    page: '/pdp.html',
    devices: ['desktop'],
    run: async (u) => {
      await u.slip('add-to-cart', 14);
      await u.wait(1000);
      await u.click('add-to-cart');
    },
    expect: [{ type: 'misclick', kind: 'near_miss', pattern: 'slip', anchor: 0 }],
    forbid: ['dead_click', 'rage_click'],
  },
  {
    id: 'M14',
    desc: 'PDP gallery browsing: 4 thumbnails in 3 s, each changes the main image',
    page: '/pdp.html',
    run: async (u) => {
      for (let k = 0; k < 4; k++) {
        await u.click(`thumb-${k}`);
        if (k < 3) await u.wait(550);
      }
    },
    forbid: ['misclick', 'rage_click'],
  },
  {
    id: 'M15',
    desc: 'Fast ticker noise, desktop chips 28 px 4 px apart: click in the gap left of M, M 900 ms later',
    page: '/pdp.html',
    params: { size: '28', gap: '4', ticker: 'fast' },
    devices: ['desktop'],
    run: chipGap(2),
    expect: [{ type: 'misclick', kind: 'near_miss', pattern: 'gap', anchor: 0 }],
    forbid: ['dead_click', 'rage_click'],
  },
  {
    id: 'M16',
    desc: 'Clean pick: size M once, 1.2 s later Add to cart',
    page: '/pdp.html',
    params: { size: '28', gap: '4' },
    run: async (u) => {
      await u.click('size-M');
      await u.wait(1200);
      await u.click('add-to-cart');
    },
    forbid: ['misclick'],
  },
];
