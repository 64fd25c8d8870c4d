import { describe, expect, it, vi } from 'vitest';
import { init } from '../../src/init.js';
import { PERSIST_DELAY_MS } from '../../src/store/outbox.js';
import { harness, useTrackerSandbox } from './core/helpers.js';

useTrackerSandbox();

/** A mouse press as Chromium sends it: pointerdown, pointerup, then the click. */
function press(el: Element) {
  const o = { bubbles: true, composed: true, clientX: 10, clientY: 10, button: 0, detail: 1 };
  el.dispatchEvent(new PointerEvent('pointerdown', { ...o, pointerType: 'mouse' }));
  el.dispatchEvent(new PointerEvent('pointerup', { ...o, pointerType: 'mouse' }));
  el.dispatchEvent(new PointerEvent('click', { ...o, pointerType: 'mouse' }));
}

/** The times (ms after `from`) at which timer callbacks ran, from now on. */
function timerRuns(from: number) {
  const runs: number[] = [];
  const set = globalThis.setTimeout;
  vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) =>
    set(() => {
      runs.push(Date.now() - from);
      fn();
    }, ms)) as typeof setTimeout);
  return runs;
}

describe('init: the timers of a click', () => {
  it("writes a lone click's event on its misclick settle's timer, not on one of its own", async () => {
    document.body.innerHTML =
      '<main><section><button id="buy">Buy</button><p id="out"></p></section></main>';
    const buy = document.querySelector('#buy')!;
    buy.addEventListener('click', () => (document.querySelector('#out')!.textContent = 'Added'));
    const h = harness(
      { batch: { intervalMs: 60_000 } },
      { now: () => Date.now(), schedule: undefined },
      init,
    );
    await vi.advanceTimersByTimeAsync(5_000); // start-up work (first send, vitals) is over
    const add = vi.spyOn(h.queue, 'add');
    const from = Date.now();
    const runs = timerRuns(from);
    press(buy);
    await vi.advanceTimersByTimeAsync(4_000);
    // The click is written once, by its bound, and on the same timer task as the settle (300 ms).
    expect(add).toHaveBeenCalledTimes(1);
    const wroteAt = runs[0]!;
    expect(wroteAt).toBeLessThanOrEqual(PERSIST_DELAY_MS);
    // Two timer tasks in all: the settle (with the write and the funnels' DOM check, the page
    // having changed) and the frustration verdict. Each had a timer of its own before.
    expect(runs).toEqual([wroteAt, expect.any(Number)]);
    expect(runs[1]).toBeGreaterThanOrEqual(2_500);
  });
});
