import type { TrackEvent } from '../../core/types.js';

/** What a replay step does. */
export type StepKind = 'visit' | 'route' | 'click' | 'input' | 'scroll';

/** One action of a captured session, in order. */
export interface Step {
  /** 1-based position in the replay. */
  n: number;
  kind: StepKind;
  event: TrackEvent;
  /** Ms between the previous step's event and this one, capped at {@link MAX_WAIT_MS}. */
  gapMs: number;
  /** A page view or route right after a click: the click should have led there. */
  afterClick: boolean;
  /**
   * A click the capture shows had an effect: a page view, a custom event or a funnel step
   * followed within {@link EFFECT_WINDOW_MS}, before the next action.
   */
  hadEffect: boolean;
}

/** Longest wait between two steps at `--speed 1`. */
export const MAX_WAIT_MS = 5_000;
/** How soon after a click what followed counts as its effect. */
export const EFFECT_WINDOW_MS = 3_000;
const EFFECTS = new Set(['pageview', 'custom', 'funnel_step']);

function kindOf(e: TrackEvent): StepKind | undefined {
  if (e.type === 'pageview') return e.props.spa === true ? 'route' : 'visit';
  if (e.type === 'click' || e.type === 'input' || e.type === 'scroll') return e.type as StepKind;
  return undefined;
}

/**
 * The steps of a session: its page views (a visit, or an SPA route), clicks, inputs and
 * scrolls, in `seq` order. Other events (vitals, custom events…) are not replayed; they serve
 * as evidence that a click did something.
 */
export function planSteps(events: readonly TrackEvent[]): Step[] {
  const steps: Step[] = [];
  let prev: Step | undefined;
  events.forEach((e, i) => {
    const kind = kindOf(e);
    if (!kind) return;
    let hadEffect = false;
    if (kind === 'click') {
      for (const next of events.slice(i + 1)) {
        if (next.ts - e.ts > EFFECT_WINDOW_MS || next.type === 'click' || next.type === 'input')
          break;
        if (EFFECTS.has(next.type)) {
          hadEffect = true;
          break;
        }
      }
    }
    const step: Step = {
      n: steps.length + 1,
      kind,
      event: e,
      gapMs: prev ? Math.min(Math.max(e.ts - prev.event.ts, 0), MAX_WAIT_MS) : 0,
      afterClick:
        (kind === 'visit' || kind === 'route') &&
        prev?.kind === 'click' &&
        e.ts - prev.event.ts <= 10_000,
      hadEffect,
    };
    steps.push(step);
    prev = step;
  });
  return steps;
}

/** What the captured target of a click or input says about itself. */
export interface Target {
  selector: string;
  tag: string;
  text: string;
}

/** The `target` of a click or input event, with missing fields as empty strings. */
export function targetOf(e: TrackEvent): Target {
  const t = (e.props.target ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  // The tracker caps these at 80 and 10 levels; a hand-made file may not.
  return {
    selector: str(t.selector).slice(0, 2_000),
    tag: str(t.tag).slice(0, 40),
    text: str(t.text).slice(0, 200),
  };
}

/** A one-line description of a step, for the report and the terminal. */
export function describeStep(s: Step): string {
  const e = s.event;
  if (s.kind === 'visit') return `visit ${e.path}${searchOf(e.url)}`;
  if (s.kind === 'route') return `route to ${e.path}${searchOf(e.url)}`;
  if (s.kind === 'scroll') return `scroll to ${Number(e.props.x) || 0}, ${Number(e.props.y) || 0}`;
  const t = targetOf(e);
  const what = `<${t.tag || '?'}>${t.text ? ` “${t.text}”` : ''}`;
  return s.kind === 'click' ? `click ${what}` : `type into ${what}`;
}

function searchOf(url: string): string {
  try {
    const u = new URL(url);
    return u.search + u.hash;
  } catch {
    return '';
  }
}

/** `captured` (a page URL of the session) on the site under test at `base`. */
export function mapUrl(captured: string, base: string): string {
  const from = new URL(captured, base);
  const to = new URL(base);
  return new URL(from.pathname + from.search + from.hash, to.origin).href;
}

/**
 * Whether the page is at `expected`: same path, every captured query parameter with the same
 * value (the page may carry parameters the tracker stripped), and the same hash when one was
 * captured.
 */
export function sameUrl(current: string, expected: string): boolean {
  let a: URL;
  let b: URL;
  try {
    a = new URL(current);
    b = new URL(expected);
  } catch {
    return false;
  }
  if (a.origin !== b.origin || a.pathname !== b.pathname) return false;
  for (const [k, v] of b.searchParams) if (a.searchParams.get(k) !== v) return false;
  return !b.hash || a.hash === b.hash;
}
