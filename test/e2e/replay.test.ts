// QA replay round trip on the example storefront: record a journey in Chromium, export it (from
// the page and from the collector's files), replay it against the same shop (every step passes)
// and against a copy with a button renamed (exactly that step diverges), then read the report.
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionDocument } from '../../src/core/replay-types.js';
import { createCollector } from '../../src/node/collector.js';
import { runCli } from '../../src/node/run-cli.js';
import { serveStatic } from '../../src/node/static-server.js';
import type { ReplayResult } from '../../src/node/replay/step-result.js';
import { IIFE_PATH, launchBrowser, report, ROOT, trackerReady, waitFor } from './harness.js';

const SHOP = join(ROOT, 'examples/script-tag-shop');

async function listen(server: Server): Promise<string> {
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
const close = (server: Server) =>
  new Promise<void>((ok) => {
    server.close(() => ok());
    server.closeAllConnections();
  });

type Edit = (name: string, text: string) => string;

/** A copy of the shop in `dir`, posting to `endpoint`, with `edit` applied to each file's text. */
async function shopCopy(dir: string, endpoint: string, edit: Edit = (_, t) => t) {
  await cp(SHOP, dir, { recursive: true });
  // Every page, checkout/ and landing/ too: one page posting elsewhere would take the queue.
  const files = await readdir(dir, { recursive: true });
  for (const name of files.filter((n) => /\.(html|js)$/.test(n))) {
    const file = join(dir, name);
    const text = (await readFile(file, 'utf8')).replace('http://127.0.0.1:8787/v1/batch', endpoint);
    await writeFile(file, edit(name, text));
  }
  const server = createServer(
    serveStatic({ root: dir, routes: { '/parcours.iife.js': IIFE_PATH } }),
  );
  return { server, origin: await listen(server) };
}

function cli(argv: string[]) {
  let out = '';
  let err = '';
  return runCli(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t) }).then(
    (code) => ({ code, out, err }),
  );
}

describe('QA replay', () => {
  let browser: Browser;
  let tmp: string;
  let collectorServer: Server;
  let collector: ReturnType<typeof createCollector>;
  let endpoint: string;
  let shop: { server: Server; origin: string };
  let exported: SessionDocument;
  let sessionFile: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    tmp = await mkdtemp(join(tmpdir(), 'parcours-replay-'));
    collector = createCollector({ dataDir: join(tmp, 'data'), rateLimit: false });
    await collector.ready;
    collectorServer = createServer(collector.handler);
    endpoint = `${await listen(collectorServer)}/v1/batch`;
    shop = await shopCopy(join(tmp, 'shop'), endpoint);
  });
  afterAll(async () => {
    await browser?.close();
    await close(shop.server);
    await close(collectorServer);
    await collector.close();
    await rm(tmp, { recursive: true, force: true });
  });

  it('records a journey on the shop and exports it from the page and from the collected data', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 700 } });
    const page = await context.newPage();
    await page.goto(`${shop.origin}/`);
    await trackerReady(page);
    await page.evaluate(() => (window as any).parcours('startReplayCapture'));
    await page.click('text=Linen shirt');
    await page.waitForURL(/product\.html/);
    await trackerReady(page);
    await page.click('button:has-text("Add to wishlist")');
    await page.click('button:has-text("Add to cart")');
    await page.click('a:has-text("Cart")');
    await page.waitForURL(/cart\.html/);
    await trackerReady(page);
    await page.click('button:has-text("Checkout")');
    await page.waitForURL(/checkout\/$/);
    await trackerReady(page);
    await page.click('#terms');
    await page.click('button:has-text("Continue to payment")');
    await page.waitForURL(/payment\.html/);
    await trackerReady(page);
    await page.click('button:has-text("Pay")');
    await page.waitForURL(/confirmation\.html/);
    await trackerReady(page);
    await page.waitForSelector('text=Thank you');
    exported = await page.evaluate(() => (window as any).parcours.tracker.exportSession());
    await page.evaluate(() => (window as any).parcours.tracker.flush());
    await context.close();

    const types = exported.events.map((e) => e.type);
    const clicks = exported.events.filter((e) => e.type === 'click');
    const views = exported.events.filter((e) => e.type === 'pageview');
    report('replay export', { events: types.length, clicks: clicks.length, views: views.length });
    expect(exported).toMatchObject({ v: 1, viewport: { w: 1024, h: 700 } });
    expect(views.map((e) => e.path)).toEqual([
      '/',
      '/product.html',
      '/cart.html',
      '/checkout/',
      '/checkout/payment.html',
      '/checkout/confirmation.html',
    ]);
    expect(clicks.map((e) => (e.props.target as { text: string }).text)).toEqual([
      'Linen shirt €29.90',
      'Add to wishlist',
      'Add to cart',
      'Cart (1)',
      'Checkout',
      'I accept the terms',
      'Continue to payment',
      'Pay €29.90',
    ]);
    expect(exported.events.every((e) => e.sid === exported.sid && !e.replay)).toBe(true);

    // The collector's copy of the same session gives the same steps.
    await waitFor(async () => {
      const text = await readFile(join(tmp, 'data/events.ndjson'), 'utf8').catch(() => '');
      return text.includes('"purchase"');
    }, 'the purchase in events.ndjson');
    sessionFile = join(tmp, 'session.json');
    const out = await cli([
      'export',
      '--data',
      join(tmp, 'data'),
      '--sid',
      exported.sid,
      '--out',
      sessionFile,
    ]);
    expect(out.code).toBe(0);
    const fromData = JSON.parse(await readFile(sessionFile, 'utf8')) as SessionDocument;
    const steps = (d: SessionDocument) =>
      d.events.filter((e) => e.type === 'click' || e.type === 'pageview').map((e) => e.id);
    expect(steps(fromData)).toEqual(steps(exported));
    expect(fromData.viewport).toEqual({ w: 1024, h: 700 });
    await writeFile(sessionFile, JSON.stringify(exported));
  });

  it('replays the session against the same shop: every step passes, and replayed events say replay: true', async () => {
    const out = join(tmp, 'replay-same');
    const before = (await readFile(join(tmp, 'data/events.ndjson'), 'utf8')).split('\n').length;
    const run = await cli(['replay', sessionFile, '--base-url', shop.origin, '--out', out]);
    const result = JSON.parse(await readFile(join(out, 'result.json'), 'utf8')) as ReplayResult;
    report('replay same shop', {
      code: run.code,
      steps: result.steps.length,
      passed: result.passed,
      statuses: result.steps.map((s) => `${s.n}:${s.status}${s.reason ? `:${s.reason}` : ''}`),
    });
    expect(run.code, run.out + run.err).toBe(0);
    expect(result.steps.map((s) => s.kind)).toEqual([
      'visit',
      'click',
      'visit',
      'click',
      'click',
      'click',
      'visit',
      'click',
      'visit',
      'click',
      'click',
      'visit',
      'click',
      'visit',
    ]);
    expect(result.diverged).toBe(0);
    expect(result.passed).toBe(result.steps.length);
    const shots = (await readdir(out)).filter((f) => f.endsWith('.jpg'));
    expect(shots).toHaveLength(result.steps.length);

    // The replayed pages' events reached the collector marked as a replay, in another session.
    await waitFor(async () => {
      const lines = (await readFile(join(tmp, 'data/events.ndjson'), 'utf8')).split('\n');
      return lines.slice(before - 1).some((l) => l.includes('"purchase"'));
    }, 'the replayed purchase');
    const lines = (await readFile(join(tmp, 'data/events.ndjson'), 'utf8'))
      .split('\n')
      .slice(before - 1)
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { sid: string; replay?: boolean });
    expect(lines.length).toBeGreaterThan(5);
    expect(lines.every((e) => e.replay === true && e.sid !== exported.sid)).toBe(true);
  });

  const renamed: Edit = (name, text) =>
    name === 'product.html' ? text.replace(/Add to wishlist/, 'Save for later') : text;
  // The build without the button drops its script too.
  const removed: Edit = (name, text) =>
    name === 'product.html'
      ? text.replace(/<button[^>]*data-wishlist[\s\S]*?<\/button>/, '')
      : name === 'shop.js'
        ? text.replace("const wishlist = one('[data-wishlist]');", '$&\n    if (!wishlist) return;')
        : text;

  it.each([
    ['renamed', renamed, 'the selector now finds <button> “Save for later”'],
    ['removed', removed, 'no <button> “Add to wishlist”'],
  ])(
    'reports exactly the step whose button was %s, with exit code 1 from the built bin',
    async (how, edit, detail) => {
      const changed = await shopCopy(join(tmp, `shop-${how}`), endpoint, edit);
      const out = join(tmp, `replay-${how}`);
      const child = spawn(
        process.execPath,
        [
          join(ROOT, 'bin/parcours.mjs'),
          'replay',
          sessionFile,
          '--base-url',
          changed.origin,
          '--out',
          out,
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d));
      child.stderr.on('data', (d: Buffer) => (stdout += d));
      const code = await new Promise<number | null>((ok) => child.on('exit', ok));
      await close(changed.server);
      const result = JSON.parse(await readFile(join(out, 'result.json'), 'utf8')) as ReplayResult;
      const diverged = result.steps.filter((s) => s.status === 'diverged');
      report(`replay ${how} button`, {
        code,
        diverged: diverged.map((s) => [s.n, s.reason, s.detail]),
      });
      expect(code, stdout).toBe(1);
      expect(diverged.map((s) => [s.n, s.action, s.reason])).toEqual([
        [4, 'click <button> “Add to wishlist”', 'missing'],
      ]);
      expect(diverged[0]!.detail).toContain(detail);

      // The report page: the divergence highlighted, screenshots loaded, no script.
      const page = await browser.newPage();
      await page.goto(pathToFileURL(join(out, 'index.html')).href);
      const seen = await page.evaluate(() => ({
        steps: document.querySelectorAll('section.step').length,
        diverged: [...document.querySelectorAll('section.step.diverged h2')].map(
          (h) => h.textContent,
        ),
        images: [...document.images].map((i) => i.complete && i.naturalWidth > 0),
      }));
      await page.close();
      expect(seen.steps).toBe(result.steps.length);
      expect(seen.diverged).toEqual(['diverged4. click <button> “Add to wishlist”']);
      expect(seen.images.length).toBe(result.steps.length);
      expect(seen.images.every(Boolean)).toBe(true);
    },
  );

  it('shows script from a hostile session as text, and no script runs in the report', async () => {
    const hostile = structuredClone(exported);
    const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    hostile.sid = 'hostile-1';
    const click = hostile.events.find((e) => e.type === 'click')!;
    (click.props.target as { text: string; selector: string }).text = payload;
    (click.props.target as { text: string; selector: string }).selector = '"><script>x</script>';
    const file = join(tmp, 'hostile.json');
    await writeFile(file, JSON.stringify(hostile));
    const out = join(tmp, 'replay-hostile');
    const run = await cli(['replay', file, '--base-url', shop.origin, '--out', out]);
    expect(run.code).toBe(1);
    const html = await readFile(join(out, 'index.html'), 'utf8');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img src=x');
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(pathToFileURL(join(out, 'index.html')).href);
    const seen = await page.evaluate(() => ({
      pwned: (window as any).__pwned ?? null,
      scripts: document.scripts.length,
      shown: document.body.textContent!.includes('window.__pwned=2'),
    }));
    await page.close();
    expect(seen).toEqual({ pwned: null, scripts: 0, shown: true });
    expect(errors).toEqual([]);
  });
});
