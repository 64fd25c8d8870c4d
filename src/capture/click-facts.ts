import type { CaptureContext } from '../core/capture-context.js';

/**
 * What the one document click listener (clicks.ts) resolved for the DOM click it records, so
 * that the detectors, which hear the `click` event through `ctx.on('click')`, do not add
 * listeners of their own and walk the ancestors again.
 */
export interface ClickFacts {
  _ev: PointerEvent;
  /** The element hit (through open shadow roots; a text node's parent). */
  _hit: Element;
  /** The nearest actionable element at or above `_hit`, or null. */
  _el: Element | null;
}

const current = new WeakMap<CaptureContext, ClickFacts>();

/** Inside a `click` hook: the DOM click being recorded, or undefined (a click not from the DOM). */
export const clickFacts = (ctx: CaptureContext): ClickFacts | undefined => current.get(ctx);

/** Runs `fn` (the `click` emit) with `f` readable through {@link clickFacts}. */
export function withClickFacts(ctx: CaptureContext, f: ClickFacts, fn: () => void): void {
  current.set(ctx, f);
  try {
    fn();
  } finally {
    current.delete(ctx);
  }
}
