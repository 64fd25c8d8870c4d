import type { CaptureContext } from '../core/capture-context.js';
import type { Stop } from '../core/stop.js';
import type { TrackEvent } from '../core/types.js';
import { type Later, type Ticker, ticker } from './due-queue.js';
import { matchesStep } from './funnel-match.js';

/** Markup declaring a step: `data-parcours-step="funnel:step"`. */
export const STEP_ATTR = 'data-parcours-step';
/** `data-parcours-step-on="click"`: the step is reached when the element is clicked, not when it is present. */
export const STEP_ON_ATTR = 'data-parcours-step-on';
/** Delay between a DOM change and the check for selectors and markup it may have added... */
export const DOM_CHECK_MS = 100;
/** ...and how much later it may run, on the timer of other work (a click's misclick settle). */
export const DOM_CHECK_LATE_MS = 200;
/** An element whose step is reached by clicking it. */
const CLICK_STEP = `[${STEP_ON_ATTR}="click"][${STEP_ATTR}]`;

/**
 * Funnel steps reached automatically: the `funnels` matches (on each event, page view and DOM
 * change) and `data-parcours-step` markup (present on a page view or added later, or clicked
 * with `data-parcours-step-on="click"`). A step is reached at most once per page view this way;
 * `tracker.step()` is never deduplicated.
 */
export function startFunnels(ctx: CaptureContext, t: Ticker = ticker(ctx.now)): Stop {
  const seen = new Set<string>(); // steps reached automatically on this page view
  const reach = (funnel: string, step: string) => {
    const k = `${funnel}:${step}`;
    if (seen.has(k)) return;
    seen.add(k);
    ctx.step(funnel, step);
  };
  const fromMarkup = (el: Element) => {
    const v = el.getAttribute(STEP_ATTR) ?? '';
    const i = v.indexOf(':');
    if (i > 0) reach(v.slice(0, i).trim(), v.slice(i + 1).trim());
  };
  const has = (selector: string) => {
    try {
      return !!document.querySelector(selector);
    } catch {
      return false;
    }
  };
  const check = (event?: TrackEvent) => {
    // Nothing read nor built per event when no funnel is configured (markup steps only).
    if (ctx.cfg.funnels.length) {
      const input = { event, path: location.pathname, has };
      for (const f of ctx.cfg.funnels) {
        for (const s of f.steps) {
          if (s.match.length && ctx.guard.run('funnels', () => matchesStep(s.match, input)))
            reach(f.name, s.name);
        }
      }
    }
    if (event && event.type !== 'pageview') return;
    for (const el of Array.from(document.querySelectorAll(`[${STEP_ATTR}]`))) {
      if (el.getAttribute(STEP_ON_ATTR) !== 'click') fromMarkup(el);
    }
  };
  const checks = t._queue<Later>(ctx.guard.wrap('funnels', (w: Later) => w._fn()));
  let pending = false;
  const domCheck = { _fn: () => ((pending = false), check()) };
  const schedule = () => {
    if (pending) return;
    pending = true;
    checks._add(domCheck, ctx.now() + DOM_CHECK_MS, DOM_CHECK_LATE_MS);
  };

  const stops: Stop[] = [
    ctx.on('event', (e) => {
      if (!e || e.type === 'funnel_step' || e.type === 'sdk_error') return;
      if (e.type === 'pageview') seen.clear();
      check(e);
    }),
    ctx.listen(document, 'click', (e) => {
      const t = e.target;
      const el = t instanceof Element && t.closest(CLICK_STEP);
      if (el) fromMarkup(el);
    }),
  ];
  if (typeof MutationObserver === 'function') {
    const mo = new MutationObserver(schedule);
    mo.observe(document, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: [STEP_ATTR],
    });
    stops.push(() => mo.disconnect());
  }
  schedule(); // markup already in the page when the tracker starts without a page view
  return () => {
    checks._stop();
    for (const s of stops.splice(0)) s();
  };
}
