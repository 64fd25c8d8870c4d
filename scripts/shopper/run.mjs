// Runs seeded shoppers a few at a time, and launches Chromium the way the e2e tests do.
import { runShopper } from './journey.mjs';
import { planShoppers } from './plan.mjs';

/** The system Chromium (PARCOURS_CHROMIUM overrides), headless, with the e2e harness's flags. */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: process.env.PARCOURS_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Plans `count` shoppers from `seed` and runs them against `shop`, `concurrency` at a time.
 * Resolves with the plans (what each shopper did) once every visit was sent.
 */
export async function runShoppers({
  browser,
  shop,
  endpoint,
  count,
  seed = 42,
  concurrency = 2,
  log = () => {},
}) {
  const plans = planShoppers(count, seed);
  let next = 0;
  const worker = async () => {
    while (next < plans.length) {
      const plan = plans[next++];
      await runShopper(browser, plan, { shop, endpoint });
      const did = [
        plan.mobile ? 'mobile' : 'desktop',
        plan.entry === 'campaign' ? 'campaign landing' : 'home',
        plan.nearMiss && 'near-miss tap',
        plan.wrongButton && 'wrong button',
        plan.deadApply && 'dead Apply',
        `left at ${plan.leaveAt}`,
      ];
      log(`shopper ${String(plan.n).padStart(2)}  ${did.filter(Boolean).join(', ')}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, plans.length) }, worker));
  return plans;
}
