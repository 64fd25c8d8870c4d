import type { Plugin, PluginContext } from './plugin-types.js';
import type { TrackEvent } from './types.js';

/** Runs plugins in order; a plugin that throws is disabled and reported once, never fatal. */
export interface PluginHost {
  add(plugin: Plugin): void;
  /** The `beforeEvent` chain: the event as the plugins leave it, or `null` when one dropped it. */
  before(event: TrackEvent): TrackEvent | null;
  teardown(): void;
  /** False once the plugin is disabled or torn down. */
  has(plugin: Plugin): boolean;
}

export function createPluginHost(
  ctxFor: (plugin: Plugin) => PluginContext,
  report: (plugin: Plugin, phase: 'setup' | 'beforeEvent' | 'teardown', error: unknown) => void,
): PluginHost {
  const active: Plugin[] = [];
  const disable = (p: Plugin, phase: 'setup' | 'beforeEvent' | 'teardown', e: unknown) => {
    const i = active.indexOf(p);
    if (i >= 0) active.splice(i, 1);
    report(p, phase, e);
  };
  return {
    add(p) {
      if (active.some((a) => a.name === p.name)) return; // the same plugin twice is one plugin
      active.push(p);
      try {
        const r: unknown = p.setup(ctxFor(p));
        if (r instanceof Promise) r.catch((e: unknown) => disable(p, 'setup', e));
      } catch (e) {
        disable(p, 'setup', e);
      }
    },
    before(event) {
      if (!active.length) return event;
      let e: TrackEvent = event;
      for (const p of active.slice()) {
        if (!p.beforeEvent) continue;
        try {
          const r = p.beforeEvent(e);
          if (r === null) return null;
          if (r && typeof r === 'object') e = r;
        } catch (err) {
          disable(p, 'beforeEvent', err);
        }
      }
      return e;
    },
    has: (p) => active.includes(p),
    teardown() {
      for (const p of active.splice(0)) {
        try {
          p.teardown?.();
        } catch (e) {
          report(p, 'teardown', e);
        }
      }
    },
  };
}
