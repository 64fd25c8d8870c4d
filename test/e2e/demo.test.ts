// The one-command demo end to end: seeded shoppers visit the script-tag shop in Chromium with
// real pointer input, the collector writes NDJSON, and the report must count exactly what the
// shoppers did (their funnel steps, near-miss taps, wrong buttons, presses on the dead Apply
// button, slow payment pages). Then the SPA example, built with Vite against the built package.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAYMENT_DELAY_MS, startDemo } from '../../scripts/demo-stack.mjs';
import { expectedFigures, STEPS } from '../../scripts/shopper/plan.mjs';
import { runShoppers } from '../../scripts/shopper/run.mjs';
import { funnelViews } from '../../src/node/report/derive.js';
import { reportFromNdjson } from '../../src/node/report/read-ndjson.js';
import { runCli } from '../../src/node/run-cli.js';
import { launchBrowser, report, ROOT, waitFor } from './harness.js';

const SHOPPERS = 6;

describe('the demo', () => {
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    dir = await mkdtemp(join(tmpdir(), 'parcours-demo-'));
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reports exactly what the seeded shoppers did', { timeout: 180_000 }, async () => {
    // A folder of its own per attempt: a retry must not count the first attempt's events.
    const dataDir = await mkdtemp(join(dir, 'data-'));
    const demo = await startDemo({ dataDir, collectorPort: 0, shopPort: 0, spaPort: 0 });
    let plans;
    try {
      plans = await runShoppers({
        browser,
        shop: demo.shop,
        endpoint: demo.endpoint,
        count: SHOPPERS,
        seed: 42,
        concurrency: 2,
      });
    } finally {
      await demo.close();
    }
    const want = expectedFigures(plans);
    const data = await reportFromNdjson(dataDir);
    const page = (path: string) => data.pages.find((r) => r.device === 'all' && r.path === path);
    const sum = (pick: (r: (typeof data.pages)[number]) => number) =>
      data.pages.filter((r) => r.device === 'all').reduce((n, r) => n + pick(r), 0);
    const funnel = funnelViews(data, 'all').get('shop')!;
    const seen = {
      sessions: data.totals.sessions,
      steps: Object.fromEntries(funnel.map((s) => [s.step, s.sessions])),
      nearMisses: page('/checkout/')?.misclickKinds.near_miss ?? 0,
      wrongButtons: page('/product.html')?.misclickKinds.wrong_control ?? 0,
      deadApply:
        data.elements.find(
          (r) => r.device === 'all' && r.path === '/cart.html' && r.text === 'Apply',
        )?.frustration.dead_click ?? 0,
      slowPayments:
        data.vitals.find(
          (v) => v.device === 'all' && v.path === '/checkout/payment.html' && v.metric === 'TTFB',
        )?.n ?? 0,
    };
    report('demo shoppers', { want, seen, events: data.totals.events });
    expect(want.nearMisses + want.wrongButtons + want.deadApply).toBeGreaterThanOrEqual(3);
    expect(seen).toEqual({
      sessions: want.sessions,
      steps: want.steps,
      nearMisses: want.nearMisses,
      wrongButtons: want.wrongButtons,
      deadApply: want.deadApply,
      slowPayments: want.slowPayments,
    });
    expect(funnel.map((s) => s.step)).toEqual(STEPS);
    // Nothing else was called a misclick or a dead click: the normal presses stay clean.
    expect(sum((r) => r.misclicks)).toBe(want.nearMisses + want.wrongButtons);
    expect(sum((r) => r.frustration.dead_click ?? 0)).toBe(want.deadApply);
    // The payment page is served late, so its TTFB is at least the server's delay.
    const ttfb = data.vitals.find(
      (v) => v.device === 'all' && v.path === '/checkout/payment.html' && v.metric === 'TTFB',
    )!;
    expect(ttfb.p75).toBeGreaterThanOrEqual(PAYMENT_DELAY_MS);

    // The CLI writes the page and a summary naming the funnel and the dead button.
    let out = '';
    const html = `${dataDir}.html`;
    const code = await runCli(['report', dataDir, '--out', html], {
      stdout: (t) => void (out += t),
      stderr: (t) => void (out += t),
    });
    expect(code, out).toBe(0);
    expect(out).toContain('Funnel shop');
    expect(out).toContain('Apply');
    expect((await stat(html)).size).toBeGreaterThan(10_000);
  });

  it('the SPA example sends route page views and reaches the e-commerce funnel', async () => {
    const dataDir = await mkdtemp(join(dir, 'spa-data-'));
    const spaDist = await mkdtemp(join(dir, 'spa-dist-'));
    // Port 0 cannot be baked into the build: start the collector first, then build against it.
    const first = await startDemo({ dataDir, collectorPort: 0, shopPort: 0, spaPort: 0, spaDist });
    const build = spawn(
      process.execPath,
      [
        join(ROOT, 'node_modules/vite/bin/vite.js'),
        'build',
        '--outDir',
        spaDist,
        '--logLevel',
        'warn',
      ],
      {
        cwd: join(ROOT, 'examples/spa-shop'),
        env: { ...process.env, VITE_PARCOURS_ENDPOINT: first.endpoint },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let log = '';
    build.stderr.on('data', (d: Buffer) => (log += d));
    expect(await new Promise((ok) => build.on('exit', ok)), log).toBe(0);
    await first.close();
    const collectorPort = Number(new URL(first.endpoint).port);
    const demo = await startDemo({ dataDir, collectorPort, shopPort: 0, spaPort: 0, spaDist });
    try {
      expect(demo.spa).toBeDefined();
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${demo.spa}/`);
      await page.click('a[href="/product/A1"]');
      await page.click('button:has-text("Add to cart")');
      await page.click('a[href="/cart"]');
      await page.click('button:has-text("Checkout")');
      await page.click('button:has-text("Continue to payment")');
      await page.click('button:has-text("Pay")');
      await page.waitForSelector('text=Thank you');
      await page.evaluate(() => new Promise((ok) => setTimeout(ok, 300)));
      await context.close();
      const events = async () =>
        (await readFile(join(dataDir, 'events.ndjson'), 'utf8').catch(() => ''))
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as { type: string; path: string; props: any });
      await waitFor(
        async () => (await events()).some((e) => e.props.name === 'purchase'),
        'the purchase in NDJSON',
      );
      const all = await events();
      const views = all.filter((e) => e.type === 'pageview').map((e) => [e.path, !!e.props.spa]);
      const steps = all.filter((e) => e.type === 'funnel_step' && !e.props.repeat);
      report('demo spa', { views: views.length, steps: steps.map((s) => s.props.step) });
      expect(views).toEqual([
        ['/', false],
        ['/product/A1', true],
        ['/cart', true],
        ['/checkout', true],
        ['/checkout/payment', true],
        ['/order-confirmation', true],
      ]);
      expect(new Set(steps.map((s) => s.props.step))).toEqual(
        new Set(['view_item', 'add_to_cart', 'begin_checkout', 'add_payment_info', 'purchase']),
      );
      expect(all.some((e) => e.type === 'timing' && e.props.spa === true)).toBe(true);
    } finally {
      await demo.close();
    }
  });
});
