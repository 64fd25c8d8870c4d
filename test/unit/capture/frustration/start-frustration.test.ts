import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { init } from '../../../../src/init.js';
import type { TrackerConfig } from '../../../../src/core/config.js';
import { harness, ofType, useTrackerSandbox } from '../../core/helpers.js';

useTrackerSandbox();

const $ = (sel: string) => document.querySelector(sel)!;
const start = (config: Partial<TrackerConfig> = {}) =>
  harness(config, { now: () => Date.now() }, init);

/** A mouse press as Chromium sends it: pointerdown, pointerup, then the click. */
function press(el: Element, x = 10, y = 10) {
  const o = { bubbles: true, composed: true, clientX: x, clientY: y, button: 0, detail: 1 };
  el.dispatchEvent(new PointerEvent('pointerdown', { ...o, pointerType: 'mouse' }));
  el.dispatchEvent(new PointerEvent('pointerup', { ...o, pointerType: 'mouse' }));
  el.dispatchEvent(new PointerEvent('click', { ...o, pointerType: 'mouse' }));
}

const kinds = async (h: ReturnType<typeof start>) =>
  ofType(await h.received(), 'frustration').map((e) => [
    e.props.kind,
    (e.props.target as { selector: string }).selector,
  ]);

describe('frustration capture', () => {
  it('calls a button that changes nothing dead after deadMs, naming its click', async () => {
    document.body.innerHTML = '<main><div><button id="apply">Apply</button></div></main>';
    const h = start();
    press($('#apply'));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(await kinds(h)).toEqual([]);
    await vi.advanceTimersByTimeAsync(600);
    const events = await h.received();
    const [dead] = ofType(events, 'frustration');
    expect(dead!.props).toMatchObject({ kind: 'dead_click', evidence: { variant: 'interactive' } });
    const click = ofType(events, 'click')[0]!;
    expect(dead!.props.clickSeq).toBe(click.seq);
  });

  it('says nothing about a button whose container changes at once', async () => {
    document.body.innerHTML =
      '<main><section><button id="open">Open</button><p id="out"></p></section></main>';
    $('#open').addEventListener('click', () => ($('#out').textContent = 'opened'));
    const h = start();
    press($('#open'));
    await vi.advanceTimersByTimeAsync(3_000);
    expect(await kinds(h)).toEqual([]);
  });

  it('does not count a ticker elsewhere as the reaction', async () => {
    document.body.innerHTML =
      '<header><span id="tick">0</span></header><main><section><button id="apply">Apply</button></section></main>';
    const timer = setInterval(() => ($('#tick').textContent = String(Date.now())), 200);
    const h = start();
    await vi.advanceTimersByTimeAsync(4_000);
    press($('#apply'));
    await vi.advanceTimersByTimeAsync(3_000);
    clearInterval(timer);
    expect(await kinds(h)).toEqual([['dead_click', '#apply']]);
  });

  it('calls four quick presses rage, once, on the first press of the burst', async () => {
    document.body.innerHTML = '<main><section><button id="apply">Apply</button></section></main>';
    const h = start();
    for (let i = 0; i < 4; i++) {
      press($('#apply'));
      await vi.advanceTimersByTimeAsync(200);
    }
    await vi.advanceTimersByTimeAsync(3_000);
    const events = await h.received();
    const rage = ofType(events, 'frustration').filter((e) => e.props.kind === 'rage_click');
    expect(rage).toHaveLength(1);
    expect(rage[0]!.props.evidence).toMatchObject({
      clicks: 4,
      reactionProfile: 'none',
      deadAlso: true,
    });
    expect(rage[0]!.props.clickSeq).toBe(ofType(events, 'click')[0]!.seq);
    // The repeats are judged with the burst: one dead click, not four.
    expect(await kinds(h)).toEqual([
      ['dead_click', '#apply'],
      ['rage_click', '#apply'],
    ]);
  });

  it('ties an error thrown by the handler to its click', async () => {
    document.body.innerHTML = '<main><section><button id="add">Add</button></section></main>';
    const h = start({ capture: { errors: false } });
    press($('#add'));
    window.dispatchEvent(new ErrorEvent('error', { message: 'x is null' }));
    await vi.advanceTimersByTimeAsync(2_600);
    expect(await kinds(h)).toContainEqual(['error_click', '#add']);
  });

  it('skips what it must not judge: text fields, downloads, print buttons, opted-out elements', async () => {
    document.body.innerHTML = `<main>
      <input id="q"><a id="inv" href="/i.pdf" download>Invoice</a>
      <button id="print">Print receipt</button>
      <div data-parcours-ignore="dead"><button id="quiet">Quiet</button></div></main>`;
    const h = start();
    for (const id of ['#q', '#inv', '#print', '#quiet']) press($(id));
    await vi.advanceTimersByTimeAsync(3_000);
    expect(await kinds(h)).toEqual([]);
  });

  it('records nothing of the kind when capture.frustration is false', async () => {
    document.body.innerHTML = '<main><button id="apply">Apply</button></main>';
    const h = start({ capture: { frustration: false } });
    press($('#apply'));
    await vi.advanceTimersByTimeAsync(3_000);
    expect(await kinds(h)).toEqual([]);
  });

  it('waits for the request of a control pressed again meanwhile: slow, not dead (N08)', async () => {
    document.body.innerHTML =
      '<main><section><button id="add">Add</button><p id="out"></p></section></main>';
    // A plain stand-in (a spy's accessor would swallow the tracker's wrapper).
    const original = window.fetch;
    window.fetch = () => new Promise((ok) => setTimeout(() => ok(new Response('{}')), 2_500));
    onTestFinished(() => void (window.fetch = original));
    const h = start();
    $('#add').addEventListener('click', () =>
      window.fetch('/api/cart').then(() => ($('#out').textContent = 'added')),
    );
    press($('#add'));
    await vi.advanceTimersByTimeAsync(1_500);
    press($('#add'));
    await vi.advanceTimersByTimeAsync(6_000);
    const k = await kinds(h);
    expect(k.filter(([kind]) => kind === 'dead_click')).toEqual([]);
    expect(k).toContainEqual(['slow_click', '#add']);
  });

  it('judges a verdict run late on the shared timer as of its due time', async () => {
    document.body.innerHTML = '<main><section><button id="pay">Pay</button></section></main>';
    const original = window.fetch;
    window.fetch = () => new Promise(() => {}); // never answers, and nothing shows meanwhile
    onTestFinished(() => void (window.fetch = original));
    // Polled every 500 ms while the request runs; alone, each poll's timer runs up to 500 ms
    // late, so the poll that passes maxWaitMs runs at 7 s, 200 ms after it.
    const h = start({ capture: { frustration: { maxWaitMs: 6_800 } } });
    $('#pay').addEventListener('click', () => void window.fetch('/api/pay'));
    press($('#pay'));
    await vi.advanceTimersByTimeAsync(8_000);
    const [dead] = ofType(await h.received(), 'frustration');
    expect(dead?.props.evidence).toMatchObject({
      reason: 'no_feedback_while_pending',
      waitedMs: 6_800,
    });
  });

  it('counts a counter updated twice as answered both times', async () => {
    document.body.innerHTML =
      '<main><section><button id="inc">Add one</button><span id="n">1</span></section></main>';
    $('#inc').addEventListener(
      'click',
      () => ($('#n').textContent = String(+$('#n').textContent! + 1)),
    );
    const h = start();
    press($('#inc'));
    await vi.advanceTimersByTimeAsync(1_200);
    press($('#inc'));
    await vi.advanceTimersByTimeAsync(3_000);
    expect(await kinds(h)).toEqual([]);
  });

  it('restores fetch when the tracker shuts down', async () => {
    const original = window.fetch;
    const h = start();
    expect(window.fetch).not.toBe(original);
    await h.t.shutdown();
    expect(window.fetch).toBe(original);
  });
});

describe('thrashed cursor', () => {
  /** 30 moves back and forth across 80 px, 50 ms apart, by a mouse or a finger. */
  async function shake(pointerType: string) {
    for (let i = 0; i < 30; i++) {
      const o = { bubbles: true, clientX: i % 2 ? 100 : 180, clientY: 300 + (i % 3), pointerType };
      document.body.dispatchEvent(new PointerEvent('pointermove', o));
      await vi.advanceTimersByTimeAsync(50);
    }
    await vi.advanceTimersByTimeAsync(4_000);
  }
  const thrashes = async (h: ReturnType<typeof start>) =>
    ofType(await h.received(), 'frustration').filter((e) => e.props.kind === 'thrashed_cursor');

  it('reports a mouse shaken back and forth once, with its reversals and box', async () => {
    document.body.innerHTML = '<main><p>Shipping</p></main>';
    const h = start();
    await shake('mouse');
    const t = await thrashes(h);
    expect(t).toHaveLength(1);
    expect(t[0]!.props.evidence).toMatchObject({ changes: 28, bbox: { x: 100, w: 80 } });
  });

  it('does not count a finger dragged back and forth', async () => {
    document.body.innerHTML = '<main><p>Shipping</p></main>';
    const h = start();
    await shake('touch');
    expect(await thrashes(h)).toEqual([]);
  });
});
