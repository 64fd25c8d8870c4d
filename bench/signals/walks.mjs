// The clean-traffic corpus: seeded random shopper walks (browse, compare, add, check out)
// across the Bench Shop with no injected faults, natural end-point noise (misses happen) and
// reading pauses. Every frustration verdict here is a false positive.
import { sleep } from './actor.mjs';
import { ready } from './run.mjs';

const pick = (r, list) => list[Math.floor(r() * list.length)];
const int = (r, lo, hi) => lo + Math.floor(r() * (hi - lo + 1));

/** The moves available on each page: `[weight, async (u) => navigates?]`. */
const MOVES = {
  home: [
    [2, async (u) => void (await u.click('hero-carousel-next'))],
    [2, async (u) => (await u.click(`tile-${int(u.r, 0, 3)}`), true)],
    [1, async (u) => (await u.click('hero-cta'), true)],
    [1, async (u) => (await u.click('nav-pdp'), true)],
  ],
  category: [
    [3, async (u) => void (await u.click(`swatch-${int(u.r, 1, 4)}-${int(u.r, 0, 3)}`))],
    [1, async (u) => void (await u.click(`wish-${int(u.r, 1, 4)}`))],
    [1, async (u) => void (await u.click(`quick-${int(u.r, 1, 4)}`))],
    [2, async (u) => (await u.click(`card-title-${int(u.r, 1, 4)}`), true)],
    [1, async (u) => (await u.click(`card-img-${int(u.r, 1, 4)}`), true)],
    [1, async (u) => (await u.click('nav-cart'), true)],
  ],
  pdp: [
    [2, async (u) => void (await u.click(`thumb-${int(u.r, 0, 3)}`))],
    [3, async (u) => void (await u.click(`size-${pick(u.r, ['S', 'M', 'L', 'XL'])}`))],
    [1, async (u) => void (await u.click('qty-plus'))],
    [1, async (u) => void (await u.click('wish'))],
    [2, async (u) => void (await u.click('add-to-cart'))],
    [
      1,
      async (u) => {
        await u.click('gallery-main');
        await u.wait(int(u.r, 600, 1500));
        await u.click('zoom-close');
      },
    ],
    [2, async (u) => (await u.click('nav-cart'), true)],
    [1, async (u) => (await u.click('nav-category'), true)],
  ],
  cart: [
    [2, async (u) => void (await u.click(`plus-${int(u.r, 1, 2)}`))],
    [1, async (u) => void (await u.click(`minus-${int(u.r, 1, 2)}`))],
    [
      1,
      async (u) => {
        await u.click('remove-2');
        await u.wait(int(u.r, 500, 1200));
        await u.click(u.r() < 0.5 ? 'dlg-cancel' : 'dlg-confirm');
      },
    ],
    [1, async (u) => void (await u.click('apply'))],
    [3, async (u) => (await u.click('checkout'), true)],
    [1, async (u) => (await u.click('continue'), true)],
  ],
  checkout: [
    [
      4,
      async (u) => {
        for (const [id, text] of [
          ['f-name', 'Grace Hopper'],
          ['f-street', '1 Compiler Way'],
          ['f-zip', '75003'],
          ['f-city', 'Paris'],
        ]) {
          await u.fill(id, text);
          await u.wait(int(u.r, 200, 600));
        }
        await u.click('place-order');
        await u.wait(1500);
        if (await u.page.$('[data-testid="to-receipt"]')) await u.click('to-receipt');
        return true;
      },
    ],
    [1, async (u) => (await u.click('nav-cart'), true)],
  ],
  info: [[1, async (u) => (await u.click('logo'), true)]],
  receipt: [[1, async (u) => (await u.click('logo'), true)]],
};

function weighted(r, moves) {
  let x = r() * moves.reduce((s, m) => s + m[0], 0);
  for (const m of moves) if ((x -= m[0]) < 0) return m[1];
  return moves[moves.length - 1][1];
}

/** A walk scenario `W<n>`: about `steps` activations starting on the home page. */
export function walk(n, steps = 14) {
  return {
    id: `W${String(n).padStart(2, '0')}`,
    desc: 'clean shopper walk',
    page: '/index.html',
    walk: true,
    clean: true,
    forbid: ['rage_click', 'dead_click', 'slow_click', 'blocked_click', 'error_click'],
    run: async (u) => {
      while (u.actions.length < steps) {
        const name = await u.page.evaluate(() => document.body.dataset.page);
        const before = u.page.url();
        let navigated;
        try {
          navigated = !!(await weighted(u.r, MOVES[name] ?? MOVES.info)(u));
        } catch {
          navigated = u.page.url() !== before; // a natural miss can leave a target out of view
        }
        if (navigated) {
          await u.page.waitForURL((url) => url.href !== before, { timeout: 5000 }).catch(() => {});
          await ready(u.page).catch(() => {});
        }
        await sleep(300 + u.r() * 1200); // reading
      }
    },
  };
}
