// Seeded shopper plans, and the figures a report of their visits must show. Pure: the same
// seed gives the same shoppers, so the demo e2e test can compare the report with the plans.

/** mulberry32: a small seeded PRNG, enough to vary shoppers reproducibly. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The funnel the shop declares in its markup (`data-parcours-step="shop:…"`), in order. */
export const STEPS = ['product', 'cart', 'delivery', 'payment', 'purchase'];
const SKUS = ['A1', 'B2', 'C3', 'D4', 'E5', 'F6'];

// About half buy; the others leave at the product, the cart or the (slow) payment page.
const leaveAt = (x) => (x < 0.5 ? 'purchase' : x < 0.65 ? 'product' : x < 0.8 ? 'cart' : 'payment');

/**
 * `count` shopper plans from `seed`. Each says the device, the entry (home or the campaign
 * landing), the mistakes to make and the step where the shopper leaves. The first two are
 * fixed so that even a handful of shoppers shows every mistake.
 */
export function planShoppers(count, seed = 42) {
  const plans = [];
  for (let i = 0; i < count; i++) {
    const r = rng(seed * 1_000 + i);
    const mobile = i === 0 ? true : i === 1 ? false : r() < 0.4;
    const campaign = i === 1 ? true : i === 0 ? false : r() < 0.25;
    const exit = r();
    const plan = {
      n: i + 1,
      seed: seed * 1_000 + i,
      mobile,
      entry: campaign ? 'campaign' : 'home',
      sku: campaign ? 'C3' : SKUS[Math.floor(r() * SKUS.length)],
      // A thumb on the words beside the 14 px terms box at checkout, then on the box.
      nearMiss: mobile && (i === 0 || r() < 0.7),
      // Wishlist pressed at its edge by Add to cart, pressed again to undo, then Add to cart.
      wrongButton: !mobile && (i === 1 || r() < 0.5),
      // The cart's Apply button has no handler: the shopper presses it and waits.
      deadApply: i === 0 || (i !== 1 && r() < 0.4),
      leaveAt: i === 0 ? 'purchase' : i === 1 ? 'payment' : leaveAt(exit),
    };
    if (plan.leaveAt === 'product') plan.wrongButton = false; // never reaches Add to cart
    if (plan.leaveAt === 'product') plan.deadApply = false;
    if (plan.leaveAt === 'product' || plan.leaveAt === 'cart') plan.nearMiss = false;
    plans.push(plan);
  }
  return plans;
}

/** What the report must count for these shoppers: sessions per funnel step and their mistakes. */
export function expectedFigures(plans) {
  const steps = Object.fromEntries(STEPS.map((s) => [s, 0]));
  for (const p of plans) {
    for (const s of STEPS.slice(0, STEPS.indexOf(p.leaveAt) + 1)) steps[s] += 1;
  }
  const count = (key) => plans.filter((p) => p[key]).length;
  return {
    sessions: plans.length,
    steps,
    nearMisses: count('nearMiss'),
    wrongButtons: count('wrongButton'),
    deadApply: count('deadApply'),
    campaignLandings: plans.filter((p) => p.entry === 'campaign').length,
    slowPayments: steps.payment,
  };
}
