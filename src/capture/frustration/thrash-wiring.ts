import type { CaptureContext } from '../../core/capture-context.js';
import type { ResolvedFrustration } from '../../core/frustration-config.js';
import type { Stop } from '../../core/stop.js';
import type { Json } from '../../core/types.js';
import { describeElement } from '../describe-element.js';
import { actionable } from '../interactive.js';
import { createThrashMeter } from './thrashed-cursor.js';

/**
 * Feeds mouse and pen moves to the thrash meter and emits each episode once it is over.
 * The move handler reads the position and compares it with the last (a listener on every
 * `pointermove` is the SDK's most frequent work); the pointer type and the clock are read
 * only at a reversal, and describing the element under the cursor waits for the episode's end.
 */
export function startThrash(
  ctx: CaptureContext,
  c: ResolvedFrustration,
  emit: (kind: string, target: Json, evidence: { [k: string]: Json }) => void,
): Stop {
  const meter = createThrashMeter(c.thrashChanges, c.thrashWindowMs);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = ctx.guard.wrap('frustration:thrash', () => {
    timer = undefined;
    const ep = meter.take(ctx.now());
    if (!ep) {
      timer = setTimeout(check, c.thrashWindowMs / 2);
      return;
    }
    const under = document.elementFromPoint(ep._lastX, ep._lastY);
    const el = under && (actionable(under) ?? under);
    emit('thrashed_cursor', el ? describeElement(el, ctx.url, ctx.cfg.privacy.maskInputs) : null, {
      durationMs: Math.round(ep._end - ep._start),
      changes: ep._changes,
      bbox: ep._box,
    });
  });
  const stop = ctx.listen(document, 'pointermove', (ev) => {
    const e = ev as PointerEvent;
    const x = e.clientX;
    const y = e.clientY;
    const turned = meter.move(x, y);
    // A finger's moves keep the last position and direction, but their reversals never count.
    if (turned && e.pointerType !== 'touch' && meter.turn(turned, ctx.now(), x, y) && !timer) {
      timer = setTimeout(check, c.thrashWindowMs);
    }
  });
  return () => {
    stop();
    if (timer) clearTimeout(timer);
  };
}
