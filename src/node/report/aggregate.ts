import { deviceOf, isEvent, normalise } from './event.js';
import { createFunnelsAggregator } from './funnels-agg.js';
import { createLandingAggregator } from './landing-agg.js';
import { createNavigationAggregator } from './navigation-agg.js';
import { createReassuranceAggregator } from './reassurance-agg.js';
import type { ReportData } from './types.js';
import { createVitalsAggregator } from './vitals-agg.js';

/** The `--from` / `--to` days as an epoch-ms range, `to` inclusive of its whole UTC day. */
export interface TimeRange {
  from?: string;
  to?: string;
}

/** `[start, end)` epoch ms of a {@link TimeRange}. */
export function rangeMs(range: TimeRange): [number, number] {
  const start = range.from ? Date.parse(`${range.from}T00:00:00Z`) : -Infinity;
  const end = range.to ? Date.parse(`${range.to}T00:00:00Z`) + 86_400_000 : Infinity;
  return [start, end];
}

/** Feeds parsed events one by one; `finish` gives the report's rows. */
export interface Aggregator {
  add(value: unknown): void;
  /** Counts a line that was not JSON. */
  unreadable(): void;
  finish(source: string): ReportData;
}

/**
 * The streaming aggregator behind NDJSON reports: memory is bounded by the number of
 * groups (pages, elements, steps, campaigns: each table capped, see `MAX_KEYS`), by a
 * sample of at most 10 000 values per quantile group, and by one small record per session
 * for the joins (sessions seen, funnel progress, landings).
 */
export function createAggregator(range: TimeRange = {}): Aggregator {
  const [start, end] = rangeMs(range);
  const funnels = createFunnelsAggregator();
  const navigation = createNavigationAggregator();
  const vitals = createVitalsAggregator();
  const reassurance = createReassuranceAggregator();
  const landing = createLandingAggregator();
  const sessions = new Set<string>();
  const devices = new Set<string>();
  const totals = { events: 0, replays: 0, outOfRange: 0, unreadable: 0 };
  let first: number | null = null;
  let last: number | null = null;

  return {
    unreadable: () => void totals.unreadable++,
    add(value) {
      if (!isEvent(value)) return void totals.unreadable++;
      const e = normalise(value);
      // QA replays re-run journeys: they would count the same visit twice.
      if (e.replay === true) return void totals.replays++;
      if (e.ts < start || e.ts >= end) return void totals.outOfRange++;
      totals.events++;
      first = first === null ? e.ts : Math.min(first, e.ts);
      last = last === null ? e.ts : Math.max(last, e.ts);
      if (e.sid) sessions.add(e.sid);
      devices.add(deviceOf(e));
      switch (e.type) {
        case 'funnel_step':
          funnels.add(e);
          reassurance.add(e);
          break;
        case 'click':
        case 'misclick':
        case 'frustration':
          navigation.add(e);
          break;
        case 'vital':
        case 'timing':
          vitals.add(e);
          break;
        case 'reassurance':
          reassurance.add(e);
          break;
        case 'landing_check':
        case 'landing_exit':
          landing.add(e);
          break;
      }
    },
    finish(source) {
      const nav = navigation.finish();
      const v = vitals.finish();
      const r = reassurance.finish();
      return {
        source,
        range: { from: range.from, to: range.to, first, last },
        totals: { ...totals, sessions: sessions.size, devices: [...devices].sort() },
        funnels: funnels.finish(),
        pages: nav.pages,
        elements: nav.elements,
        steps: nav.steps,
        vitals: v.vitals,
        routes: v.routes,
        presence: r.presence,
        conversion: r.conversion,
        campaigns: landing.finish(),
      };
    },
  };
}
