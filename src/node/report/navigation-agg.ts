import { boundedKey, devicesOf, num, obj, str } from './event.js';
import type { ReportEvent } from './event.js';
import type { NavRow, StepSignalRow } from './types.js';

/** Misclicks below this confidence are not counted (the detectors' own threshold). */
export const MISCLICK_CONFIDENCE = 0.65;

/** A navigation row while it is built (the meant controls counted by key). */
export interface NavState extends NavRow {
  _meant: Map<string, { selector: string; text: string; count: number }>;
}

const bump = (counts: Record<string, number>, key: string) =>
  (counts[key] = (counts[key] ?? 0) + 1);

export function newRow(path: string, selector: string, text: string, device: string): NavState {
  return {
    path,
    selector,
    text,
    device,
    clicks: 0,
    misclicks: 0,
    misclickKinds: {},
    frustration: {},
    meant: null,
    _meant: new Map(),
  };
}

/** Streams `click`, `misclick` and `frustration` events into page, element and step rows. */
export function createNavigationAggregator() {
  const pages = new Map<string, NavState>();
  const elements = new Map<string, NavState>();
  const steps = new Map<string, StepSignalRow>();

  function row(map: Map<string, NavState>, path: string, target: unknown, device: string) {
    const t = obj(target);
    const selector = map === pages ? '' : str(t.selector, '(no selector)');
    const key = boundedKey(
      map,
      `${path}\u0000${selector}\u0000${device}`,
      `(other)\u0000\u0000${device}`,
    );
    let r = map.get(key);
    if (!r) {
      r = key.startsWith('(other)')
        ? newRow('(other)', '', '', device)
        : newRow(path, selector, map === pages ? '' : str(t.text).slice(0, 80), device);
      map.set(key, r);
    }
    return r;
  }

  function step(funnelStep: string, device: string): StepSignalRow {
    const key = boundedKey(steps, `${funnelStep}\u0000${device}`, `(other)\u0000${device}`);
    let r = steps.get(key);
    if (!r) steps.set(key, (r = { funnelStep, device, misclicks: 0, frustration: {} }));
    return r;
  }

  return {
    add(e: ReportEvent): void {
      const p = e.props;
      const isMisclick = e.type === 'misclick';
      if (isMisclick && (num(p.confidence) ?? 0) < MISCLICK_CONFIDENCE) return;
      const kind = str(p.kind, 'unknown');
      const funnelStep = str(p.funnelStep);
      for (const device of devicesOf(e)) {
        for (const r of [
          row(pages, e.path, p.target, device),
          row(elements, e.path, p.target, device),
        ]) {
          if (e.type === 'click') r.clicks++;
          else if (isMisclick) {
            r.misclicks++;
            bump(r.misclickKinds, kind);
            const related = obj(p.related);
            const selector = str(related.selector);
            if (selector) {
              const meant = r._meant.get(selector) ?? {
                selector,
                text: str(related.text).slice(0, 80),
                count: 0,
              };
              meant.count++;
              if (r._meant.size < 50 || r._meant.has(selector)) r._meant.set(selector, meant);
            }
          } else bump(r.frustration, kind);
        }
        if (funnelStep && e.type !== 'click') {
          const s = step(funnelStep, device);
          if (isMisclick) s.misclicks++;
          else bump(s.frustration, kind);
        }
      }
    },
    finish(): { pages: NavRow[]; elements: NavRow[]; steps: StepSignalRow[] } {
      const done = (map: Map<string, NavState>): NavRow[] =>
        [...map.values()].map(({ _meant, ...r }) => {
          let meant: NavRow['meant'] = null;
          for (const m of _meant.values()) if (!meant || m.count > meant.count) meant = m;
          return { ...r, meant };
        });
      return { pages: done(pages), elements: done(elements), steps: [...steps.values()] };
    },
  };
}
