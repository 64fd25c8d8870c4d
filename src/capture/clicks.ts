import type { CaptureContext } from '../core/capture-context.js';
import type { Stop } from '../core/stop.js';
import { describeElement } from './describe-element.js';
import { actionable, eventElement } from './interactive.js';

/**
 * `click` events: the activated element (the nearest actionable ancestor of what was hit),
 * page coordinates, the offset inside the element and its size (for replay and target-size
 * findings), the button and pointer type (`keyboard` when `detail` is 0).
 */
export function startClicks(ctx: CaptureContext): Stop {
  return ctx.listen(document, 'click', (ev) => {
    const e = ev as PointerEvent;
    const hit = eventElement(e);
    if (!hit || hit.closest('[data-parcours-ignore~="click"],[data-parcours-ignore=""]')) return;
    const el = actionable(hit) ?? hit;
    const r = el.getBoundingClientRect();
    ctx.emit('click', {
      target: describeElement(el, ctx.url, ctx.cfg.privacy.maskInputs),
      x: Math.round(e.pageX),
      y: Math.round(e.pageY),
      elementX: Math.round(e.clientX - r.left),
      elementY: Math.round(e.clientY - r.top),
      elementWidth: Math.round(r.width),
      elementHeight: Math.round(r.height),
      button: e.button,
      pointer: e.detail === 0 ? 'keyboard' : e.pointerType || 'mouse',
    });
  });
}
