// The misclick gestures of the simulated shopper: a press at an exact point off a control (a
// near miss, which the motion model's end-point noise could not place reliably in a 4 px gap),
// a slip (press on a control, release off it), Back, and a tap during a fling scroll. Like the
// rest of the actor, only page.mouse / page.touchscreen and the history are used.
import { between } from './motion.mjs';

/**
 * Gestures bound to one actor's internals: `boxOf(id)`, `moveTo(p, width)`, `record(kind,
 * target, p, extra)`, `touch`, seeded `r`. A press that is not on its named control is recorded
 * as `<id>~<how>` (no click event names that testid, so the judge ties it by time).
 */
export function gestures(page, { boxOf, moveTo, record, touch, r, sleep }) {
  async function press(p) {
    if (touch) {
      await sleep(between(r, 150, 400));
      await page.touchscreen.tap(p.x, p.y);
      return;
    }
    await moveTo(p, 10);
    await sleep(between(r, 80, 250));
    await page.mouse.down();
    await sleep(between(r, 60, 140));
    await page.mouse.up();
  }

  /** Presses exactly at `at(box)` (a point computed from `id`'s viewport box): a miss. */
  async function pressAt(id, at, how = 'miss') {
    const box = await boxOf(page, id);
    const p = at(box);
    await press(p);
    record(touch ? 'tap' : 'click', `${id}~${how}`, p);
  }

  /** Mouse down inside `id`, the pointer drifts `dy` px past its bottom edge, mouse up there. */
  async function slip(id, dy = 14) {
    const box = await boxOf(page, id);
    const p = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await moveTo(p, Math.min(box.width, box.height));
    await sleep(between(r, 80, 250));
    await page.mouse.down();
    const end = box.y + box.height + dy;
    for (let k = 1; k <= 4; k++) {
      await page.mouse.move(p.x, p.y + ((end - p.y) * k) / 4);
      await sleep(25);
    }
    await page.mouse.up();
    record('click', `${id}~slip`, { x: p.x, y: end });
  }

  /** The browser's Back, waiting for the page returned to. */
  async function back() {
    await page.goBack({ waitUntil: 'load' });
    await page.waitForFunction(() => document.documentElement.dataset.ready === '1');
  }

  /**
   * A fling: `id` is brought to mid-screen, then the page scrolls on in `step` px steps every
   * 40 ms and `id` is tapped (clicked) after `after` steps, while it still moves; the scroll
   * goes on for a few steps after the tap.
   */
  async function flingTap(id, step = 12, after = 5) {
    await page.evaluate(
      (id) =>
        document
          .querySelector(`[data-testid="${id}"]`)
          .scrollIntoView({ block: 'center', behavior: 'instant' }),
      id,
    );
    await sleep(300);
    for (let k = 0; k < after + 3; k++) {
      const box = await page
        .evaluate(
          ([id, d]) => {
            scrollBy(0, d);
            const r = document.querySelector(`[data-testid="${id}"]`).getBoundingClientRect();
            return { x: r.x, y: r.y, width: r.width, height: r.height };
          },
          [id, step],
        )
        .catch(() => null); // the tap's navigation may already have replaced the page
      if (!box) return;
      if (k === after) {
        const p = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
        if (touch) await page.touchscreen.tap(p.x, p.y);
        else {
          await page.mouse.move(p.x, p.y);
          await page.mouse.down();
          await page.mouse.up();
        }
        record(touch ? 'tap' : 'click', id, p);
      }
      await sleep(40);
    }
  }

  return { pressAt, slip, back, flingTap };
}
