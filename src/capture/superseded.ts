import type { CaptureContext } from '../core/capture-context.js';

const sets = new WeakMap<CaptureContext, Set<number>>();

/**
 * Click `seq`s whose dead or blocked verdict a confirmed near miss replaces (SIGNALS.md §4.5
 * "Precedence": the "dead" click was an aim error, not a broken control). Shared by the two
 * detectors of one tracker.
 */
export function superseded(ctx: CaptureContext): Set<number> {
  let s = sets.get(ctx);
  if (!s) sets.set(ctx, (s = new Set()));
  return s;
}
