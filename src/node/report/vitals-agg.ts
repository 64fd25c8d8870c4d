import { boundedKey, deviceOf, num, obj, str } from './event.js';
import type { ReportEvent } from './event.js';
import { createSample } from './sample.js';
import type { Sample } from './sample.js';
import type { RouteRow, VitalRow } from './types.js';

/**
 * Metric ids kept open for a newer value. A metric is re-sent by the same page view, so
 * within minutes: an id pushed out by this many newer ones is taken as final.
 */
export const VITAL_WINDOW = 100_000;

interface Pending {
  _path: string;
  _device: string;
  _metric: string;
  _value: number;
  _rating: string;
  _target: string;
}

interface VitalState {
  _sample: Sample;
  _good: number;
  _poor: number;
  _targets: Map<string, number>;
  _badTargets: Map<string, number>;
}

function topOf(map: Map<string, number>): { target: string; count: number } | null {
  let top: { target: string; count: number } | null = null;
  for (const [target, count] of map) if (!top || count > top.count) top = { target, count };
  return top;
}

/** Streams `vital` and SPA `timing` events into p75 rows per page and device class. */
export function createVitalsAggregator(window = VITAL_WINDOW) {
  const pending = new Map<string, Pending>();
  const vitals = new Map<string, VitalState>();
  const routes = new Map<string, Sample>();

  function settle(v: Pending): void {
    for (const device of [v._device, 'all']) {
      const key = boundedKey(
        vitals,
        `${v._path}\u0000${device}\u0000${v._metric}`,
        `(other)\u0000${device}\u0000${v._metric}`,
      );
      let s = vitals.get(key);
      if (!s) {
        s = {
          _sample: createSample(),
          _good: 0,
          _poor: 0,
          _targets: new Map(),
          _badTargets: new Map(),
        };
        vitals.set(key, s);
      }
      s._sample.add(v._value);
      if (v._rating === 'good') s._good++;
      if (v._rating === 'poor') s._poor++;
      if (v._target) {
        const targets = v._rating === 'good' ? s._targets : s._badTargets;
        if (targets.size < 200 || targets.has(v._target)) {
          targets.set(v._target, (targets.get(v._target) ?? 0) + 1);
        }
      }
    }
  }

  function vital(e: ReportEvent): void {
    const p = e.props;
    const value = num(p.value);
    const metric = str(p.name);
    if (value === undefined || !metric) return;
    const v: Pending = {
      _path: e.path,
      _device: deviceOf(e),
      _metric: metric,
      _value: value,
      _rating: str(p.rating),
      _target: str(obj(p.attribution).target).slice(0, 200),
    };
    const id = str(p.id);
    if (!id) return settle(v);
    // Keep the last value per id: re-inserting moves the id to the newest end.
    pending.delete(id);
    pending.set(id, v);
    if (pending.size > window) {
      const [oldest, first] = pending.entries().next().value as [string, Pending];
      pending.delete(oldest);
      settle(first);
    }
  }

  function timing(e: ReportEvent): void {
    const duration = num(e.props.duration);
    if (e.props.spa !== true || duration === undefined) return;
    for (const device of [deviceOf(e), 'all']) {
      const key = boundedKey(routes, `${e.path}\u0000${device}`, `(other)\u0000${device}`);
      let s = routes.get(key);
      if (!s) routes.set(key, (s = createSample()));
      s.add(duration);
    }
  }

  return {
    add(e: ReportEvent): void {
      if (e.type === 'vital') vital(e);
      else timing(e);
    },
    finish(): { vitals: VitalRow[]; routes: RouteRow[] } {
      for (const v of pending.values()) settle(v);
      pending.clear();
      const split = (key: string) => key.split('\u0000') as [string, string, string];
      return {
        vitals: [...vitals].map(([key, s]) => {
          const [path, device, metric] = split(key);
          return {
            path,
            device,
            metric,
            n: s._sample.count,
            p75: s._sample.quantile(0.75),
            good: s._good,
            poor: s._poor,
            target: topOf(s._badTargets) ?? topOf(s._targets),
          };
        }),
        routes: [...routes].map(([key, s]) => {
          const [path, device] = split(key);
          return { path, device, n: s.count, median: s.quantile(0.5), p75: s.quantile(0.75) };
        }),
      };
    },
  };
}
