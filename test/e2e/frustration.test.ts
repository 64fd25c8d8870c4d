// Frustration signals in real Chromium, from real pointer input at coordinates: what happy-dom
// cannot give (layout, hit testing, disabled controls swallowing clicks, real timers and fetch).
// Assertions are on verdict kinds and evidence fields, never on how long a verdict took.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FAST, STATUS_PATH, launchBrowser, openTab, sleep, startStack } from './harness.js';
import type { Stack } from './harness.js';

/** Records every event in the page, as the Bench Shop harness does. */
const RECORDER = `<script>window.__ev=[];parcours('use',{name:'e2e/recorder@1',setup(){},beforeEvent(e){__ev.push(e);return e}})</script>`;

const BODY = `
<style>button,.pill,img{display:inline-block;margin:30px;width:120px;height:44px}
.pill{cursor:pointer;background:#2a7;border-radius:12px;padding:6px;color:#fff}</style>
<p id="para">A plain paragraph the visitor reads while thinking about the product.</p>
<button id="dead" type="button">Apply</button>
<button id="ok" type="button">Open</button><div id="panel"></div>
<button id="slow" type="button">Place order</button><div id="slow-out"></div>
<button id="boom" type="button">Add to cart</button>
<button id="http" type="button">Checkout</button>
<button id="plus" type="button" aria-label="+">+</button><output id="qty">1</output>
<span class="pill" id="badge">Free returns</span>
<img id="photo" alt="Product photo" width="120" height="80" style="cursor:zoom-in;background:#ccc">
<div id="zoom" hidden style="position:fixed;inset:40px;background:#fff;border:1px solid"><button id="zoom-close" type="button">Close</button></div>
<form id="f"><input id="email" required name="email"><button id="pay" disabled>Pay</button></form>
<script>
ok.onclick = () => { panel.textContent = 'opened'; };
slow.onclick = () => { slow.setAttribute('aria-busy', 'true');
  fetch('${STATUS_PATH}?delay=2600').then(() => { slowOut.textContent = 'Thanks'; slow.removeAttribute('aria-busy'); }); };
var slowOut = document.getElementById('slow-out');
boom.onclick = () => { null.x(); };
http.onclick = () => { fetch('${STATUS_PATH}?code=500'); };
plus.onclick = () => { qty.textContent = String(+qty.textContent + 1); };
dead.addEventListener('click', () => {});
photo.onclick = () => { zoom.hidden = false; };
document.getElementById('zoom-close').onclick = () => { zoom.hidden = true; };
</script>`;

async function press(page: Page, sel: string, times = 1, gapMs = 150) {
  const box = (await page.locator(sel).boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y, { steps: 4 });
  for (let i = 0; i < times; i++) {
    await page.mouse.down();
    await sleep(60);
    await page.mouse.up();
    if (i < times - 1) await sleep(gapMs);
  }
}

type Ev = { type: string; seq: number; props: Record<string, any> };
const signals = (page: Page) =>
  page
    .evaluate(() => (window as any).__ev as Ev[])
    .then((all) => ({
      all,
      of: (kind: string) => all.filter((e) => e.type === 'frustration' && e.props.kind === kind),
      clickOf: (seq: number) => all.find((e) => e.type === 'click' && e.seq === seq),
    }));

describe('frustration signals', () => {
  let browser: Browser;
  let stack: Stack;
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => void (browser = await launchBrowser()));
  afterAll(() => browser?.close());
  beforeEach(async () => {
    stack = await startStack();
    context = await browser.newContext({ viewport: { width: 1000, height: 1400 } });
    page = (
      await openTab(context, stack.site.url('/shop', { config: FAST, head: RECORDER, body: BODY }))
    ).page;
  });
  afterEach(async () => {
    await context.close();
    await stack.close();
  });

  it('calls a button with no effect dead, and a hammered one rage (first click of the burst)', async () => {
    await press(page, '#dead', 4);
    await press(page, '#ok');
    await sleep(3_400);
    const s = await signals(page);
    const [rage] = s.of('rage_click');
    // Four presses; a loaded machine may stretch one gap past 700 ms and split the burst.
    expect(rage?.props.evidence).toMatchObject({ reactionProfile: 'none', deadAlso: true });
    expect(rage!.props.evidence.clicks).toBeGreaterThanOrEqual(3);
    expect(s.clickOf(rage!.props.clickSeq)?.props.target.selector).toBe('#dead');
    const dead = s.of('dead_click');
    expect(dead.map((d) => d.props.target.selector)).toEqual(['#dead']);
    expect(dead[0]!.props.evidence.variant).toBe('interactive');
  });

  it('calls a request answered after 2.6 s with a busy state slow, never dead', async () => {
    await press(page, '#slow');
    await sleep(4_500);
    const s = await signals(page);
    expect(s.of('dead_click')).toEqual([]);
    const [slow] = s.of('slow_click');
    expect(slow?.props.target.selector).toBe('#slow');
    expect(slow?.props.evidence.hadLoadingFeedback).toBe(true);
    expect(slow?.props.evidence.latencyMs).toBeGreaterThan(1_000);
  });

  it('ties a thrown handler and an HTTP 500 to their clicks', async () => {
    await press(page, '#boom');
    await sleep(300);
    await press(page, '#http');
    await sleep(4_000);
    const s = await signals(page);
    const errors = s
      .of('error_click')
      .map((e) => [
        e.props.target.selector,
        e.props.evidence.source,
        e.props.evidence.status ?? null,
      ]);
    expect(errors).toEqual([
      ['#boom', 'js', null],
      ['#http', 'http', 500],
    ]);
  });

  it('does not call a stepper pressed five times rage, nor a plain paragraph dead', async () => {
    await press(page, '#plus', 5, 120);
    await press(page, '#para');
    await sleep(3_200);
    const s = await signals(page);
    expect(s.of('rage_click')).toEqual([]);
    expect(s.of('dead_click')).toEqual([]);
    expect(await page.textContent('#qty')).toBe('6');
  });

  it('calls a pointer-cursor badge with no link dead (looks clickable)', async () => {
    await press(page, '#badge');
    await sleep(3_000);
    const [dead] = (await signals(page)).of('dead_click');
    expect(dead?.props.evidence.variant).toBe('looks_clickable');
    expect(dead?.props.evidence.affordance).toBeGreaterThanOrEqual(0.5);
  });

  it('does not call a photo dead whose zoom overlay was closed before the verdict', async () => {
    await press(page, '#plus'); // the page just changed: a lone change no longer answers a click
    await sleep(400);
    await press(page, '#photo');
    await sleep(900);
    await press(page, '#zoom-close');
    await sleep(3_000);
    const s = await signals(page);
    expect(s.of('dead_click').map((e) => s.clickOf(e.props.clickSeq)?.props.target)).toEqual([]);
  });

  it('records a press on a disabled button as a blocked click with the form state', async () => {
    await press(page, '#pay');
    await sleep(1_800); // its verdict is due at slowMs (1 s) and may run up to 500 ms late
    const s = await signals(page);
    const [blocked] = s.of('blocked_click');
    expect(blocked?.props.evidence).toMatchObject({
      formState: 'incomplete',
      reason: 'disabled',
      explained: false,
    });
    expect(s.clickOf(blocked!.props.clickSeq)?.props).toMatchObject({ blocked: true });
    expect(s.of('dead_click')).toEqual([]);
  });

  it('reports a cursor thrashed back and forth once', async () => {
    await page.mouse.move(100, 300);
    for (let i = 0; i < 30; i++)
      await page.mouse.move(i % 2 ? 100 : 180, 300 + (i % 3), { steps: 2 });
    await sleep(4_500);
    const t = (await signals(page)).of('thrashed_cursor');
    expect(t).toHaveLength(1);
    expect(t[0]!.props.evidence.changes).toBeGreaterThanOrEqual(20);
  });
});
