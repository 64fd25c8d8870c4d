// Our own scenarios beyond §5.4: touch, theme-independent layouts, slow CPU (CDP throttling),
// network latency with and without a spinner, keyboard activation, pages with live mutation
// noise (fast countdown ticker, autoplay carousel), dialogs, swatch browsing.

/** The settle time after an action whose request may be pending (max wait 7 s + margin). */
export const PENDING = 7500;

/** @type {import('./scenarios.d.mts').Scenario[]} */
export const OWN = [
  {
    id: 'S01',
    desc: 'Touch: broken "Quick add" on a category card tapped 4× within 1.4 s',
    page: '/category.html',
    params: { quick: 'broken' },
    devices: ['mobile'],
    run: (u) => u.burst('quick-2', 4, 1400),
    expect: [
      { type: 'rage_click', anchor: 0 },
      { type: 'dead_click', anchor: [0, 1, 2, 3], evidence: { variant: 'interactive' } },
    ],
    forbid: ['misclick'],
  },
  {
    id: 'S02',
    desc: 'Slow CPU (4×): broken promo "Apply" clicked 4× within 1.5 s',
    page: '/cart.html',
    params: { apply: 'broken' },
    cpu: 4,
    run: (u) => u.burst('apply', 4, 1500),
    expect: [
      { type: 'rage_click', anchor: 0 },
      { type: 'dead_click', anchor: [0, 1, 2, 3], evidence: { variant: 'interactive' } },
    ],
    forbid: ['misclick'],
  },
  {
    id: 'S03',
    desc: 'Slow CPU (4×): cart line "+" clicked 5× in 1.5 s, quantity changes each time',
    page: '/cart.html',
    cpu: 4,
    run: (u) => u.burst('plus-1', 5, 1500),
    forbid: ['rage_click', 'dead_click', 'misclick'],
  },
  {
    id: 'S04',
    desc: 'Promo "Apply" with 3 s latency and a spinner; one click',
    page: '/cart.html',
    params: { 'apply.delay': '3000' },
    settle: PENDING,
    run: (u) => u.click('apply'),
    expect: [{ type: 'slow_click', anchor: 0, evidence: { hadLoadingFeedback: true } }],
    forbid: ['dead_click', 'rage_click'],
  },
  {
    id: 'S05',
    desc: 'Promo "Apply" with 3 s latency, no spinner; the message appears at 3 s',
    page: '/cart.html',
    params: { 'apply.delay': '3000', 'apply.feedback': 'off' },
    settle: PENDING,
    run: (u) => u.click('apply'),
    expect: [{ type: 'slow_click', anchor: 0, evidence: { hadLoadingFeedback: false } }],
    forbid: ['dead_click', 'rage_click'],
  },
  {
    id: 'S06',
    desc: 'Keyboard: Enter pressed 4× on a focused broken "Apply" (no rage from keys)',
    page: '/cart.html',
    params: { apply: 'broken' },
    devices: ['desktop'],
    run: (u) => u.key('apply', 'Enter', 4, 300),
    expect: [{ type: 'dead_click', anchor: [0, 1, 2, 3] }],
    forbid: ['rage_click', 'misclick'],
  },
  {
    id: 'S07',
    desc: 'Live ticker (every 100 ms) in the header, broken Add to cart, one click',
    page: '/pdp.html',
    params: { ticker: 'fast', add: 'broken' },
    run: (u) => u.click('add-to-cart'),
    expect: [{ type: 'dead_click', anchor: 0, evidence: { variant: 'interactive' } }],
    forbid: ['rage_click', 'misclick'],
  },
  {
    id: 'S08',
    desc: 'Live ticker page: size M then L chosen 1 s apart (both react)',
    page: '/pdp.html',
    params: { ticker: 'fast' },
    run: async (u) => {
      await u.click('size-M');
      await u.wait(1000);
      await u.click('size-L');
    },
    forbid: ['dead_click', 'rage_click', 'slow_click'],
  },
  {
    id: 'S09',
    desc: 'Autoplay carousel on the home page: "next" tapped/clicked 4× in 1.5 s',
    page: '/index.html',
    params: { autoplay: '1' },
    run: (u) => u.burst('hero-carousel-next', 4, 1500),
    forbid: ['rage_click', 'dead_click'],
  },
  {
    id: 'S10',
    desc: 'Quick add on a category card throws a TypeError (dead also allowed)',
    page: '/category.html',
    params: { quick: 'throws' },
    run: (u) => u.click('quick-3'),
    expect: [{ type: 'error_click', anchor: 0, evidence: { source: 'js' } }],
    forbid: ['rage_click', 'misclick'],
  },
  {
    id: 'S11',
    desc: 'Promo "Apply" answers HTTP 500 after 300 ms, no message (dead also allowed)',
    page: '/cart.html',
    params: { 'apply.status': '500', 'apply.delay': '300', 'apply.feedback': 'off' },
    run: (u) => u.click('apply'),
    expect: [{ type: 'error_click', anchor: 0, evidence: { source: 'http' } }],
    forbid: ['rage_click', 'misclick'],
  },
  {
    id: 'S12',
    desc: 'Colour swatch browsing: 4 swatches of a card in 3 s, each changes the image',
    page: '/category.html',
    run: async (u) => {
      for (let k = 0; k < 4; k++) {
        await u.click(`swatch-1-${k}`);
        await u.wait(450);
      }
    },
    forbid: ['rage_click', 'dead_click', 'misclick'],
  },
  {
    id: 'S13',
    desc: 'Wishlist heart on a card toggled on and off quickly (2 clicks)',
    page: '/category.html',
    run: async (u) => {
      await u.click('wish-4');
      await u.wait(300);
      await u.click('wish-4');
    },
    forbid: ['rage_click', 'dead_click'],
  },
  {
    id: 'S14',
    desc: 'Add to cart, 5 s latency, no loading state: one click, 1 s later 3 more in 1 s',
    page: '/pdp.html',
    params: { 'add.delay': '5000', 'add.feedback': 'off' },
    settle: 5000,
    run: async (u) => {
      await u.click('add-to-cart');
      await u.wait(1000);
      await u.burst('add-to-cart', 3, 1000);
    },
    expect: [
      { type: 'rage_click', anchor: 1, evidence: { reactionProfile: 'late' } },
      { type: 'slow_click', anchor: 0 },
    ],
    forbid: ['dead_click', 'misclick'],
  },
  {
    id: 'S15',
    desc: 'Cart: Remove opens the "Remove item?" dialog, Cancel closes it',
    page: '/cart.html',
    run: async (u) => {
      await u.click('remove-2');
      await u.wait(700);
      await u.click('dlg-cancel');
    },
    forbid: ['rage_click', 'dead_click', 'slow_click'],
  },
  {
    id: 'S16',
    desc: 'Fast ticker page: "Free returns" pill (pointer cursor, no link) clicked once',
    page: '/pdp.html',
    params: { ticker: 'fast' },
    run: (u) => u.click('badge-returns'),
    expect: [{ type: 'dead_click', anchor: 0, evidence: { variant: 'looks_clickable' } }],
    forbid: ['rage_click'],
  },
];
