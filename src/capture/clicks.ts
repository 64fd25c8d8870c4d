import type { CaptureContext } from '../core/capture-context.js';
import type { Stop } from '../core/stop.js';
import type { Json } from '../core/types.js';
import { withClickFacts } from './click-facts.js';
import { MARKS } from './click-marks.js';
import { describeElement } from './describe-element.js';
import { actionable, eventElement } from './interactive.js';

/** Elements inside these are never recorded. */
export const IGNORE_CLICKS = '[data-parcours-ignore~="click"],[data-parcours-ignore=""]';

/**
 * `click` events: the activated element (the nearest actionable ancestor of what was hit),
 * page coordinates, the offset inside the element and its size (for replay and target-size
 * findings), the button and pointer type (`keyboard` when `detail` is 0).
 */
export function startClicks(ctx: CaptureContext): Stop {
  // The only document click listener of the detectors too: they read what it resolved here
  // (click-facts.ts) from their `click` hooks.
  return ctx.listen(document, 'click', (ev) => {
    const hit = eventElement(ev);
    if (!hit) return;
    // One walk up for the ignore mark and the detectors' marks: the ignore check's own walk
    // only when some mark is there, which is rare.
    const mark = hit.closest(MARKS);
    if (mark && hit.closest(IGNORE_CLICKS)) return;
    const e = ev as PointerEvent;
    const el = actionable(hit);
    const props = clickProps(ctx, e, el ?? hit);
    const facts = { _ev: e, _hit: hit, _el: el, _marked: !!mark };
    withClickFacts(ctx, facts, () => ctx.emit('click', props));
  });
}

/** The props of a `click` event on `el` (also used for presses the browser swallowed). */
export function clickProps(
  ctx: CaptureContext,
  e: PointerEvent,
  el: Element,
): { [k: string]: Json } {
  const r = el.getBoundingClientRect();
  return {
    target: describeElement(el, ctx.url, ctx.cfg.privacy.maskInputs),
    x: Math.round(e.pageX),
    y: Math.round(e.pageY),
    elementX: Math.round(e.clientX - r.left),
    elementY: Math.round(e.clientY - r.top),
    elementWidth: Math.round(r.width),
    elementHeight: Math.round(r.height),
    button: e.button,
    pointer: e.detail === 0 && e.type === 'click' ? 'keyboard' : e.pointerType || 'mouse',
  };
}
