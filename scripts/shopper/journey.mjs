// One seeded shopper's visit of the script-tag shop in headless Chromium. Every press is real
// pointer input at computed coordinates (page.mouse / page.touchscreen), never
// locator.click(), which would wait, scroll and aim at the centre and so could not miss.
import { rng } from './plan.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const MOBILE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  userAgent:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
};
const DESKTOP = { viewport: { width: 1280, height: 800 } };
/** The campaign link promises 30 % off; the landing page says 20 %: a mismatch to find. */
export const CAMPAIGN_QUERY =
  'utm_source=newsletter&utm_medium=email&utm_campaign=winter-sale&utm_content=30-off' +
  '&mm_h=Winter+sale+30%25+off+knitwear&mm_offer=30%25+off&mm_code=WINTER30';

function pointer(page, plan, r) {
  const at = async (x, y) => {
    if (plan.mobile) return page.touchscreen.tap(x, y);
    await page.mouse.move(x, y, { steps: 4 });
    await page.mouse.down();
    await sleep(60 + r() * 60);
    await page.mouse.up();
  };
  const box = async (selector) => {
    const el = page.locator(selector).first();
    await el.scrollIntoViewIfNeeded();
    await sleep(350); // let the scroll settle: a scroll right after a press reads as its reaction
    return el.boundingBox();
  };
  /** Presses `selector` inside its box (dx, dy: fraction of the box; default near the middle). */
  const press = async (selector, dx = 0.35 + r() * 0.3, dy = 0.35 + r() * 0.3) => {
    const b = await box(selector);
    await at(b.x + b.width * dx, b.y + b.height * dy);
  };
  return { at, box, press };
}

async function ready(page) {
  await page.waitForFunction(() => !!window.parcours?.tracker, undefined, { timeout: 15_000 });
  await sleep(300);
}

async function go(page, action, url) {
  await Promise.all([page.waitForURL(url, { timeout: 15_000 }), action()]);
  await ready(page);
}

/**
 * Runs one shopper. `endpoint`, when given, points the tag at that collector (a queued `init`
 * merged over the tag's settings, as a shop owner would). Resolves once the visit's events
 * were handed to the collector.
 */
export async function runShopper(browser, plan, { shop, endpoint }) {
  const r = rng(plan.seed + 7);
  const context = await browser.newContext(plan.mobile ? MOBILE : DESKTOP);
  if (endpoint) {
    await context.addInitScript(
      (config) => {
        window.parcours = function () {
          (window.parcours.q = window.parcours.q || []).push(arguments);
        };
        window.parcours('init', config);
      },
      { endpoint, batch: { intervalMs: 500 } },
    );
  }
  const page = await context.newPage();
  const { at, box, press } = pointer(page, plan, r);
  try {
    if (plan.entry === 'campaign') {
      await page.goto(`${shop}/landing/winter-sale.html?${CAMPAIGN_QUERY}`);
      await ready(page);
      await sleep(800 + r() * 800); // reads the offer, which is not the one promised
      await go(page, () => press('.campaign a.button'), /product\.html/);
    } else {
      await page.goto(`${shop}/`);
      await ready(page);
      await go(page, () => press('.hero a.button'), /category\.html/);
      await go(page, () => press(`a[href="/product.html?sku=${plan.sku}"]`), /product\.html/);
    }
    await sleep(400 + r() * 600);

    await press(`.chip:nth-child(${1 + Math.floor(r() * 4)})`);
    await sleep(600 + r() * 400);
    if (plan.leaveAt === 'product') return await leave(page, context);

    if (plan.wrongButton) {
      await press('[data-wishlist]', 0.08); // the edge nearest Add to cart
      await sleep(500);
      await press('[data-wishlist]');
      await sleep(400);
    }
    await press('[data-add-to-cart]');
    await sleep(800 + r() * 400);
    await go(page, () => press('.site-nav a[href="/cart.html"]'), /cart\.html/);

    if (plan.deadApply) {
      await press('.promo input');
      await page.keyboard.type('WINTER30', { delay: 40 });
      await sleep(400);
      await press('[data-apply-promo]');
      await sleep(4_500); // waits for a reaction that never comes (dead after 2.5 s)
    } else {
      await sleep(500 + r() * 500);
    }
    if (plan.leaveAt === 'cart') return await leave(page, context);

    await go(page, () => press('[data-checkout]'), /\/checkout\/$/);
    await sleep(500 + r() * 500);
    if (plan.nearMiss) {
      // 11 px right of the box, on its words: beyond the ~9 px Chrome's touch adjustment
      // snaps to, within the 15 px the tracker allows a 14 px target on touch.
      const terms = await box('#terms');
      await at(terms.x + terms.width + 11, terms.y + terms.height / 2);
      await sleep(600 + r() * 400);
    }
    await press('#terms');
    await sleep(400);
    await go(page, () => press('.form button[type=submit]'), /payment\.html/);
    await sleep(600 + r() * 400);
    if (plan.leaveAt === 'payment') return await leave(page, context);

    await go(page, () => press('[data-pay]'), /confirmation\.html/);
    await sleep(500);
    return await leave(page, context);
  } catch (error) {
    await context.close();
    throw new Error(`shopper ${plan.n}: ${error.message}`, { cause: error });
  }
}

/** Ends the visit as a closed tab: the tracker's last batch goes out before the page is gone. */
async function leave(page, context) {
  await page.evaluate(() => window.parcours.tracker.flush());
  await sleep(300);
  await context.close();
}
