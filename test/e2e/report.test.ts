// `parcours report` end to end: real captures from the example storefront (the built IIFE in
// Chromium → the reference collector → NDJSON) reported by the built CLI, and the HTML page
// opened from file:// in Chromium: no console error, styles allowed by the page's own CSP,
// and hostile event text shown as text without anything running.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCollector, createCollectorServer, serveStatic } from '../../src/node/index.js';
import type { Collector } from '../../src/node/index.js';
import { funnelViews } from '../../src/node/report/derive.js';
import { reportFromNdjson } from '../../src/node/report/read-ndjson.js';
import { eventMaker, knownEvents } from '../unit/node/report-scenario.js';
import { launchBrowser, report, ROOT, waitFor, watch } from './harness.js';

const run = promisify(execFile);
const CLI = join(ROOT, 'bin/parcours.mjs');

async function listen(server: Server): Promise<string> {
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Runs the built `parcours report` and returns its output. */
async function cli(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [CLI, 'report', ...args]);
  return stdout;
}

/** Opens `file` from file:// and returns what the page printed and ran. */
async function open(browser: Browser, file: string) {
  const context = await browser.newContext();
  const tab = watch(await context.newPage());
  const dialogs: string[] = [];
  tab.page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const requests: string[] = [];
  tab.page.on('request', (r) => requests.push(r.url()));
  await tab.page.goto(pathToFileURL(file).href);
  return { ...tab, dialogs, requests, close: () => context.close() };
}

describe('parcours report in Chromium', () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    dir = await mkdtemp(join(tmpdir(), 'parcours-report-e2e-'));
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reports real captures from the example storefront', async () => {
    const dataDir = await mkdtemp(join(dir, 'shop-data-')); // a retry starts empty
    const shop = createServer(
      serveStatic({
        root: join(ROOT, 'examples/script-tag-shop'),
        routes: { '/parcours.iife.js': join(ROOT, 'dist/parcours.iife.js') },
      }),
    );
    const shopOrigin = await listen(shop);
    const collector: Collector = createCollector({ dataDir, cors: [shopOrigin], rateLimit: false });
    await collector.ready;
    const collectorServer = createCollectorServer(collector);
    const endpoint = `${await listen(collectorServer)}/v1/batch`;
    try {
      // The shop's tag posts to :8787; a queued init (merged over the tag's settings) points it
      // at this collector and adds the e-commerce funnel, as a shop owner would.
      const visit = async (journey: (page: import('playwright-core').Page) => Promise<void>) => {
        const context = await browser.newContext();
        await context.addInitScript(
          (config) => {
            (window as any).parcours = function (...args: unknown[]) {
              ((window as any).parcours.q = (window as any).parcours.q || []).push(args);
            };
            (window as any).parcours('init', config);
          },
          { endpoint, funnels: ['ecommerce'], batch: { intervalMs: 200 } },
        );
        const page = await context.newPage();
        await journey(page);
        await context.close();
      };
      await visit(async (page) => {
        await page.goto(`${shopOrigin}/`);
        await page.click('a[href="/product.html?sku=A1"]');
        await page.click('[data-add-to-cart]');
        await page.click('a[href="/cart.html"]');
        await page.click('[data-checkout]');
        await page.click('#terms');
        await page.click('button:has-text("Continue to payment")');
        await page.click('[data-pay]');
        await page.waitForSelector('text=Thank you');
        await page.waitForTimeout(300);
      });
      await visit(async (page) => {
        await page.goto(`${shopOrigin}/product.html?sku=B2`);
        await page.click('[data-add-to-cart]');
        await page.click('[data-wishlist]');
        await page.click('[data-wishlist]');
        await page.waitForTimeout(300);
      });
      const file = join(dataDir, 'events.ndjson');
      const lines = async () =>
        (await readFile(file, 'utf8').catch(() => ''))
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as { type: string; props: { name?: string } });
      await waitFor(
        async () =>
          (await lines()).some((e) => e.type === 'vital') &&
          (await lines()).some((e) => e.props.name === 'purchase') &&
          (await lines()).filter((e) => e.props.name === 'add_to_cart').length === 2,
        'the shop events in NDJSON',
        30_000,
      );
    } finally {
      await new Promise((ok) => collectorServer.close(ok));
      collectorServer.closeAllConnections();
      await collector.close();
      await new Promise((ok) => shop.close(ok));
    }
    const out = join(dir, 'shop.html');
    const summary = await cli(dataDir, '--out', out);
    expect(summary).toContain('Funnel ecommerce');
    expect(summary).toContain(`report written to ${out}`);
    const data = await reportFromNdjson(dataDir);
    const steps = funnelViews(data, 'all').get('ecommerce')!;
    const sessions = Object.fromEntries(steps.map((s) => [s.step, s.sessions]));
    expect(sessions.add_to_cart).toBe(2);
    expect(sessions.purchase).toBe(1);
    // Both entered at add_to_cart (the shop's product URLs are not the preset's): one in two bought.
    expect(steps.find((s) => s.step === 'purchase')!.conversion).toBe(0.5);
    expect(steps.find((s) => s.step === 'view_item')!.skipped).toBe(2);
    const addButton = data.elements.find(
      (r) => r.device === 'all' && r.path === '/product.html' && r.text === 'Add to cart',
    );
    expect(addButton?.clicks).toBe(2);
    const wishlist = data.elements.find(
      (r) => r.device === 'all' && r.path === '/product.html' && /wishlist/i.test(r.text),
    );
    expect(wishlist?.clicks).toBe(2);
    expect(data.vitals.some((v) => v.device === 'all' && v.metric === 'TTFB' && v.n >= 1)).toBe(
      true,
    );
    report('report-shop', {
      events: data.totals.events,
      sessions: data.totals.sessions,
      funnel: sessions,
    });
    const tab = await open(browser, out);
    expect(tab.console.filter((m) => m.type === 'error')).toEqual([]);
    expect(await tab.page.locator('#funnels svg.plot').count()).toBeGreaterThanOrEqual(1);
    await tab.close();
  });

  it('shows hostile event text as text, runs nothing, and loads no resource', async () => {
    const m = eventMaker();
    const xss = '<script>window.__pwned=1;alert(1)</script>';
    const attr = '"><img src=x onerror="window.__pwned=2;alert(2)">';
    const target = { selector: `button[title='${attr}']`, tag: 'button', text: xss };
    m.add('click', 'h1', `/p/${attr}`, { target });
    m.add('misclick', 'h1', `/p/${attr}`, {
      kind: 'near_miss',
      confidence: 1,
      target,
      related: { selector: '#ok', text: attr },
      funnelStep: xss,
    });
    m.add('funnel_step', 'h1', `/p/${attr}`, {
      funnel: xss,
      step: attr,
      index: 0,
      skipped: [],
      repeat: false,
    });
    m.add('vital', 'h1', `/p/${attr}`, {
      name: 'INP',
      value: 900,
      rating: 'poor',
      id: 'i',
      attribution: { target: xss },
    });
    m.add('landing_check', 'h1', '/l', {
      campaign: { campaign: attr },
      score: 0,
      mismatches: [xss],
    });
    const file = join(dir, 'hostile.ndjson');
    await writeFile(file, [...knownEvents(), ...m.events].map((e) => JSON.stringify(e)).join('\n'));
    const out = join(dir, 'hostile.html');
    await cli(file, '--out', out);
    const tab = await open(browser, out);
    expect(tab.console.filter((m) => m.type === 'error')).toEqual([]);
    expect(tab.pageErrors).toEqual([]);
    expect(tab.dialogs).toEqual([]);
    expect(await tab.page.evaluate(() => (window as any).__pwned)).toBeUndefined();
    expect(await tab.page.locator('script, img').count()).toBe(0);
    const text = await tab.page.locator('body').innerText();
    expect(text).toContain(xss);
    expect(text).toContain(attr);
    // The <style> ran under the page's CSP (its hash matched): table headers have their background.
    expect(
      await tab.page
        .locator('th')
        .first()
        .evaluate((th) => getComputedStyle(th).backgroundColor),
    ).toBe('rgb(245, 246, 250)');
    expect(tab.requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
    expect(await tab.page.locator('svg.plot').count()).toBeGreaterThanOrEqual(5);
    await tab.close();
  });
});
