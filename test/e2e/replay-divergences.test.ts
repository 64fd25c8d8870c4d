// Each kind of divergence, on a page recorded in one version and replayed against another: a
// click with no effect now, an error thrown, an element moved, and a link that leads elsewhere.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/node/run-cli.js';
import type { ReplayResult } from '../../src/node/replay/step-result.js';
import { IIFE_PATH, launchBrowser, report, trackerReady } from './harness.js';

const head = `<meta charset="utf-8"><title>t</title><link rel="icon" href="data:,">
<script>window.parcours=window.parcours||function(){(parcours.q=parcours.q||[]).push(arguments)};
parcours('init',{endpoint:'/collect',replay:{sample:1}})</script>
<script async src="/parcours.iife.js"></script>`;
const track = (name: string) => `parcours('track','${name}')`;

/** The page at `/p`, as recorded (`a`) and as the new build has it (`b`). */
const PAGES = {
  a: `<button type="button" onclick="this.textContent='Saved';${track('saved')}">Save</button>
<button type="button" onclick="${track('boom')}">Boom</button>
<button type="button" onclick="${track('wish')}">Wish</button>
<button type="button" onclick="location.href='/next'">Buy</button>`,
  b: `<button type="button">Save</button>
<button type="button" onclick="throw new Error('checkout broke')">Boom</button>
<button type="button">Gift</button>
<button type="button" onclick="location.href='/other'">Buy</button>
<div style="margin-top:300px"><button type="button" onclick="${track('wish')}">Wish</button></div>`,
};

describe('replay divergences', () => {
  let browser: Browser;
  let server: Server;
  let origin: string;
  let variant: keyof typeof PAGES = 'a';
  let tmp: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    tmp = await mkdtemp(join(tmpdir(), 'parcours-replay-div-'));
    const iife = await readFile(IIFE_PATH);
    server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      if (req.method === 'POST') return void res.writeHead(200).end('{}');
      if (path === '/parcours.iife.js')
        return void res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(iife);
      const body = path === '/p' ? PAGES[variant] : `<h1>${path}</h1>`;
      res
        .writeHead(200, { 'Content-Type': 'text/html' })
        .end(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`);
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await browser?.close();
    server?.closeAllConnections();
    server?.close();
    await rm(tmp, { recursive: true, force: true });
  });

  it('reports no effect, an error, a moved element and a URL that differs, each at its step', async () => {
    const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
    await page.goto(`${origin}/p`);
    await trackerReady(page);
    for (const text of ['Save', 'Boom', 'Wish', 'Buy'])
      await page.click(`button:text-is("${text}")`);
    await page.waitForURL(/\/next/);
    await trackerReady(page);
    const doc = await page.evaluate(() => (window as any).parcours.tracker.exportSession());
    await page.close();
    const file = join(tmp, 'session.json');
    await writeFile(file, JSON.stringify(doc));

    const run = (out: string) =>
      runCli(['replay', file, '--base-url', origin, '--out', join(tmp, out)], {
        stdout: () => {},
        stderr: () => {},
      }).then(async (code) => ({
        code,
        result: JSON.parse(await readFile(join(tmp, out, 'result.json'), 'utf8')) as ReplayResult,
      }));
    const same = await run('same');
    variant = 'b';
    const changed = await run('changed');
    const outcome = (r: ReplayResult) => r.steps.map((s) => [s.action, s.reason ?? s.status]);
    report('replay divergences', { same: outcome(same.result), changed: outcome(changed.result) });
    expect(same.code).toBe(0);
    expect(changed.code).toBe(1);
    expect(outcome(changed.result)).toEqual([
      ['visit /p', 'passed'],
      ['click <button> “Save”', 'no-effect'],
      ['click <button> “Boom”', 'error'],
      ['click <button> “Wish”', 'moved'],
      ['click <button> “Buy”', 'passed'],
      ['visit /next', 'url'],
    ]);
    const steps = changed.result.steps;
    expect(steps[2]!.errors).toEqual(['checkout broke']);
    expect(steps[3]!.detail).toMatch(/found by its text, away from where it was clicked/);
    expect(steps[5]!.detail).toMatch(/expected .*\/next after the click, the page is at .*\/other/);
  });
});
