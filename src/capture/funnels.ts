import type { CaptureContext } from '../core/capture-context.js';
import type { Stop } from '../core/stop.js';
import type { TrackEvent } from '../core/types.js';
import { watchDom } from './dom-changes.js';
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
const STEP_SEL = `[${STEP_ATTR}]`;

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
  const readStep = (el: Element) => {
    const v = el.getAttribute(STEP_ATTR) ?? '';
    const i = v.indexOf(':');
    if (i > 0) reach(v.slice(0, i).trim(), v.slice(i + 1).trim());
  };
  // Markup present in the page (a click-triggered step is reached by its click only).
  const fromMarkup = (el: Element) => {
    if (el.getAttribute(STEP_ON_ATTR) !== 'click') readStep(el);
  };
  const has = (selector: string) => {
    try {
      return !!document.querySelector(selector);
    } catch {
      return false;
    }
  };
  // A DOM check tests the `selector` matches again whatever changed, the `path` ones only when
  // the path changed since they were last tested (the same path gives the same answer).
  const bySelector = ctx.cfg.funnels.some((f) =>
    f.steps.some((s) => s.match.some((m) => m.selector)),
  );
  let checkedPath: string | undefined;
  const matches = (event?: TrackEvent) => {
    // Nothing read nor built per event when no funnel is configured (markup steps only).
    if (!ctx.cfg.funnels.length) return;
    const input = { event, path: location.pathname, has };
    if (!event || event.type === 'pageview') checkedPath = input.path;
    for (const f of ctx.cfg.funnels) {
      for (const s of f.steps) {
        if (s.match.length && ctx.guard.run('funnels', () => matchesStep(s.match, input)))
          reach(f.name, s.name);
      }
    }
  };
  // The whole page's markup (on a page view, and when the tracker starts).
  const scan = () => {
    added.clear();
    for (const el of Array.from(document.querySelectorAll(STEP_SEL))) fromMarkup(el);
  };
  // Markup the DOM changes since the last check added (elements, or their step attribute set):
  // a check after a change reads only these, not the whole document (a page with a ticker or
  // a carousel changes several times a second).
  const added = new Set<Element>();
  const note = (n: Node) => {
    if (n.nodeType !== 1) return;
    const el = n as Element;
    if (el.hasAttribute(STEP_ATTR)) added.add(el);
    if (el.firstElementChild) for (const d of el.querySelectorAll(STEP_SEL)) added.add(d);
  };
  const checks = t._queue<Later>(ctx.guard.wrap('funnels', (w: Later) => w._fn()));
  let pending = false;
  const domCheck = {
    _fn: () => {
      pending = false;
      if (bySelector || location.pathname !== checkedPath) matches();
      for (const el of added) if (el.isConnected) fromMarkup(el);
      added.clear();
    },
  };
  const schedule = () => {
    if (pending) return;
    pending = true;
    checks._add(domCheck, ctx.now() + DOM_CHECK_MS, DOM_CHECK_LATE_MS);
  };
  const changed = (r: MutationRecord) => {
    if (r.type === 'attributes') note(r.target);
    else r.addedNodes.forEach(note);
    if (added.size || bySelector || (ctx.cfg.funnels.length && location.pathname !== checkedPath))
      schedule();
  };

  const stops: Stop[] = [
    ctx.on('event', (e) => {
      if (!e || e.type === 'funnel_step' || e.type === 'sdk_error') return;
      if (e.type === 'pageview') seen.clear();
      matches(e);
      if (e.type === 'pageview') scan();
    }),
    ctx.listen(document, 'click', (e) => {
      const t = e.target;
      const el = t instanceof Element && t.closest(CLICK_STEP);
      if (el) readStep(el);
    }),
  ];
  const dom = watchDom(ctx, 'funnels', { _attributes: [STEP_ATTR] }, changed);
  if (dom) stops.push(dom._stop);
  // Markup already in the page when the tracker starts without a page view.
  checks._add({ _fn: () => (matches(), scan()) }, ctx.now() + DOM_CHECK_MS, DOM_CHECK_LATE_MS);
  return () => {
    checks._stop();
    for (const s of stops.splice(0)) s();
  };
}
