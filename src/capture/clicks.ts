import type { CaptureContext } from '../core/capture-context.js';
import type { Stop } from '../core/stop.js';
import type { Json } from '../core/types.js';
import { type ClickFacts, withClickFacts } from './click-facts.js';
import { marked } from './click-marks.js';
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
    const e = ev as PointerEvent;
    const facts: ClickFacts = { _ev: e, _hit: hit, _el: null };
    // `marked` walks up once, and the detectors reuse its answer: the ignore check's own walk
    // runs only when some mark is there, which is rare.
    if (marked(facts) && hit.closest(IGNORE_CLICKS)) return;
    facts._el = actionable(hit);
    const props = clickProps(ctx, e, facts._el ?? hit);
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
