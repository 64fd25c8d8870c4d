// The simulated shopper: every stimulus goes through page.mouse (move/down/up) or
// page.touchscreen.tap at computed coordinates — never locator.click(), which waits for
// actionability and hits the centre, so it could neither miss nor press a disabled button.
// Each activation is written to `actions` (the labelled activation list of §5.3).
import { gestures } from './gestures.mjs';
import { between, endPoint, gauss, plan } from './motion.mjs';

export const sleep = (ms) => new Promise((ok) => setTimeout(ok, Math.max(0, ms)));

/** The viewport box of the first visible `[data-testid=id]`, scrolled into view when needed. */
async function boxOf(page, id) {
  const box = await page.evaluate((id) => {
    const el = [...document.querySelectorAll(`[data-testid="${id}"]`)].find(
      (e) => e.getClientRects().length > 0,
    );
    if (!el) return null;
    let r = el.getBoundingClientRect();
    if (r.top < 0 || r.bottom > innerHeight || r.left < 0 || r.right > innerWidth) {
      el.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
      r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height, scrolled: true };
    }
    return { x: r.x, y: r.y, width: r.width, height: r.height, scrolled: false };
  }, id);
  if (!box) throw new Error(`bench: no visible element [data-testid="${id}"]`);
  if (box.scrolled) await sleep(350); // let the scroll settle before aiming
  return box;
}

/**
 * A shopper on `page`: `device` 'desktop' (mouse) or 'mobile' (touch), seeded `r`, `labelled`
 * (end points stay inside the named target) and `bias` (the user's systematic touch offset).
 */
export function createActor(page, { device, r, labelled = true }) {
  const touch = device === 'mobile';
  const bias = touch ? { x: gauss(r) * 2, y: 2 + gauss(r) * 2 } : { x: 0, y: 0 };
  const vp = page.viewportSize();
  let pos = { x: vp.width * between(r, 0.3, 0.7), y: vp.height * between(r, 0.3, 0.7) };
  const actions = [];
  const bursts = [];
  // The script's own clock: the waits and pointer travel it asked for. `lagMs` on an action is
  // how far the real clock ran ahead of it (CDP round trips on a loaded machine), so the
  // runner can tell a stimulus delivered late from the one scripted (see `stimulusProblem`).
  const t0 = Date.now();
  let planned = 0;
  // A page load between two presses takes the time it takes (the shopper waits for it too):
  // the press after one is not checked for lag.
  let loaded = false;
  page.on('load', () => void (loaded = true));
  const pause = (ms) => {
    planned += Math.max(0, ms);
    return sleep(ms);
  };
  const record = (kind, target, p, extra = {}) => {
    const afterLoad = loaded;
    loaded = false;
    actions.push({
      i: actions.length,
      t: Date.now(),
      kind,
      target,
      x: Math.round(p.x),
      y: Math.round(p.y),
      lagMs: Math.round(Date.now() - t0 - planned),
      ...(afterLoad ? { afterLoad } : {}),
      ...extra,
    });
  };

  async function moveTo(end, width) {
    for (const s of plan(r, pos, end, width)) {
      const start = Date.now();
      planned += s.points.length * s.stepMs;
      for (let k = 0; k < s.points.length; k++) {
        const p = s.points[k];
        await page.mouse.move(p.x, p.y);
        await sleep(start + (k + 1) * s.stepMs - Date.now());
      }
    }
    pos = end;
  }

  /**
   * Aims at `id` and activates it once; `o.offset` forces an aim off-centre (a miss);
   * `o.toward` aims (inside `id`) at its part nearest that other control.
   */
  async function click(id, o = {}) {
    const box = await boxOf(page, id);
    const inside = labelled && !o.offset;
    let offset = o.offset;
    if (o.toward) {
      const b = await boxOf(page, o.toward);
      const dx = b.x + b.width / 2 - (box.x + box.width / 2);
      const dy = b.y + b.height / 2 - (box.y + box.height / 2);
      const horiz = Math.abs(dx) >= Math.abs(dy);
      offset = horiz
        ? { x: Math.sign(dx) * box.width * 0.3, y: 0 }
        : { x: 0, y: Math.sign(dy) * box.height * 0.3 };
    }
    const p = endPoint(r, box, { offset, bias, inside: inside || !!o.toward });
    if (touch) {
      await pause(between(r, 150, 400)); // finger travel
      await page.touchscreen.tap(p.x, p.y);
      record('tap', id, p);
      return;
    }
    await moveTo(p, Math.min(box.width, box.height));
    await pause(between(r, 80, 250)); // verification pause
    for (const m of o.modifiers ?? []) await page.keyboard.down(m);
    await page.mouse.down();
    await pause(between(r, 60, 140));
    await page.mouse.up();
    for (const m of o.modifiers ?? []) await page.keyboard.up(m);
    record('click', id, p, o.modifiers ? { modifiers: o.modifiers } : {});
  }

  /**
   * `n` activations of `id` spread over about `spanMs` (hammering), re-aimed each time; the
   * press times are scheduled from the burst's start with ±15 % jitter on each gap. The burst
   * is noted in `bursts` so the runner can check what was delivered (see `stimulusProblem`).
   */
  async function burst(id, n, spanMs) {
    const gap = spanMs / Math.max(n - 1, 1);
    const box = await boxOf(page, id);
    const from = actions.length;
    let count = 0;
    let next = 0;
    for (let k = 0; k < n; k++) {
      const p = endPoint(r, box, { bias, inside: labelled });
      if (touch) {
        await pause(next - Date.now());
        await page.touchscreen.tap(p.x, p.y);
      } else {
        if (k === 0) await moveTo(p, Math.min(box.width, box.height));
        else {
          await pause(next - Date.now());
          await page.mouse.move(p.x, p.y);
        }
        // The OS counts a click as the next of a multi-click when it follows within 500 ms and
        // 4 px of the previous one (so `detail` goes 1, 2, 3… as in real hammering).
        const last = actions[actions.length - 1];
        const near =
          k > 0 && Date.now() - last.t < 500 && Math.hypot(p.x - pos.x, p.y - pos.y) <= 4;
        count = near ? count + 1 : 1;
        pos = p;
        await page.mouse.down({ clickCount: count });
        await pause(between(r, 50, 90));
        await page.mouse.up({ clickCount: count });
      }
      record(touch ? 'tap' : 'click', id, p, touch ? {} : { detail: count });
      next = actions[actions.length - 1].t + gap * between(r, 0.85, 1.15);
    }
    bursts.push({ from, n, plannedGapMs: Math.round(gap * 1.15) });
  }

  /** A double (2) or triple (3) click on `id`'s text, as the OS sends it (detail 1, 2, 3). */
  async function multiClick(id, count) {
    const box = await boxOf(page, id);
    const p = endPoint(r, { ...box, width: Math.min(box.width, 80) }, { inside: true });
    await moveTo(p, Math.min(box.width, box.height));
    await pause(between(r, 80, 250));
    for (let c = 1; c <= count; c++) {
      await page.mouse.down({ clickCount: c });
      await pause(between(r, 40, 70));
      await page.mouse.up({ clickCount: c });
      record('click', id, p, { detail: c });
      await pause(between(r, 60, 110));
    }
  }

  /** Keyboard activation: focuses `id` (as Tab would) and presses `key` `n` times. */
  async function key(id, k = 'Enter', n = 1, gapMs = 250) {
    await page.evaluate((id) => document.querySelector(`[data-testid="${id}"]`)?.focus(), id);
    await pause(300);
    for (let c = 0; c < n; c++) {
      await page.keyboard.press(k);
      record('key', id, { x: 0, y: 0 }, { key: k });
      if (c < n - 1) await pause(gapMs * between(r, 0.8, 1.2));
    }
  }

  /** A click on empty page background (inside `main`, on no element of its own). */
  async function background() {
    const p = await page.evaluate(() => {
      const main = document.querySelector('main');
      for (let y = 80; y < innerHeight - 20; y += 23) {
        for (let x = innerWidth - 30; x > 20; x -= 31) {
          if (document.elementFromPoint(x, y) === main) return { x, y };
        }
      }
      return null;
    });
    if (!p) throw new Error('bench: no background spot on this page');
    if (touch) await page.touchscreen.tap(p.x, p.y);
    else {
      await moveTo(p, 40);
      await page.mouse.down();
      await pause(between(r, 60, 140));
      await page.mouse.up();
    }
    record(touch ? 'tap' : 'click', '(background)', p);
  }

  /** Types `text` into field `id` after activating it. */
  async function fill(id, text) {
    await click(id);
    await page.keyboard.type(text, { delay: 30 + r() * 40 });
  }

  /**
   * The page loses visibility for `ms` (another tab in front), then comes back. Headless
   * Chromium does not hide a page brought behind another, so the browser's signals are
   * reproduced in the page: `visibilityState` hidden + window blur, then visible + focus.
   */
  async function tabAway(ms) {
    const flip = (hidden) =>
      page.evaluate((hidden) => {
        Object.defineProperty(document, 'visibilityState', {
          configurable: true,
          get: () => (hidden ? 'hidden' : 'visible'),
        });
        Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
        if (hidden) window.dispatchEvent(new FocusEvent('blur'));
        document.dispatchEvent(new Event('visibilitychange'));
        if (!hidden) window.dispatchEvent(new FocusEvent('focus'));
      }, hidden);
    await flip(true);
    await pause(ms);
    await flip(false);
    await pause(between(r, 300, 600));
  }

  /** Scrolls by `dy` px with the wheel (mouse) — a reading scroll. */
  async function wheel(dy) {
    if (!touch) await page.mouse.wheel(0, dy);
    else await page.evaluate((dy) => scrollBy(0, dy), dy);
    await pause(400);
  }

  return {
    ...gestures(page, { boxOf, moveTo, record, touch, r, sleep: pause }),
    actions,
    bursts,
    click,
    burst,
    multiClick,
    key,
    background,
    fill,
    tabAway,
    wheel,
    wait: pause,
    r,
    device,
    page,
  };
}
