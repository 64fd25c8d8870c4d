// The script-tag entry, built only into dist/parcours.iife.js. Unlike every other module it runs
// on load: it replaces the stub `window.parcours`, replays the calls queued before the script
// loaded, in order, and starts from the tag's data-* attributes.
import type { TrackerConfig } from './core/config.js';
import type { Plugin } from './core/plugin-types.js';
import type { Tracker } from './core/tracker-types.js';
import { init } from './init.js';

type Args = unknown[];
interface Api {
  (...args: Args): unknown;
  q?: ArrayLike<ArrayLike<unknown>>;
  tracker?: Tracker;
}
/** `window.parcoursPlugins`: name → factory (dist/plugins/*.iife.js), or options waiting for it. */
type Registry = Record<string, ((o?: unknown) => Plugin) | unknown[]>;

/** The methods reachable as `parcours('<method>', …)`. */
const METHODS = [
  'track',
  'page',
  'identify',
  'step',
  'setConsent',
  'flush',
  'use',
  'shutdown',
  'exportSession',
  'downloadSession',
  'startReplayCapture',
] as const;

(() => {
  const w = window as unknown as { parcours?: Api; parcoursPlugins?: Registry };
  if (w.parcours?.tracker) return; // the script is on the page twice
  const script = document.currentScript as HTMLScriptElement | null;
  const queued: Args[] = Array.from(w.parcours?.q ?? [], (a) => Array.from(a));
  const fromTag = script ? readTag(script) : {};
  const reg = (w.parcoursPlugins ||= {});
  // A plugin by name: its script registered the factory, or will, and then sets it up from the
  // options left here (src/plugins/register.ts).
  const plug = (name: unknown, o?: unknown): Plugin | void => {
    const f = reg[name as string];
    return typeof f === 'function'
      ? f(o)
      : void ((reg[name as string] ||= []) as unknown[]).push(o);
  };
  let waiting: Args[] = [];
  // Queued `use` calls of plugins whose file already ran are set up with the tracker, before
  // the first page view (set up later, a plugin misses that page view's events).
  const early = queued.filter((a) => a[0] === 'use' && typeof reg[a[1] as string] === 'function');
  const rest = queued.filter((a) => !early.includes(a));

  const start = (config: unknown) => {
    try {
      const cfg = { ...fromTag, ...(config as object) } as TrackerConfig;
      // data-plugins="reassurance, landing": default options, set up before the first page view.
      const named = script?.dataset.plugins?.match(/[^\s,]+/g)?.map((n) => plug(n)) ?? [];
      api.tracker = init({
        ...cfg,
        plugins: [
          ...named,
          ...early.splice(0).map((a) => plug(a[1], a[2])),
          ...(cfg.plugins ?? []),
        ].filter(Boolean) as Plugin[],
      });
    } catch (e) {
      // A bad config must be seen, but the page's own scripts must go on.
      console.error(e);
      return;
    }
    const calls = waiting;
    waiting = [];
    for (const c of calls) call(c);
  };
  const call = (args: Args): unknown => {
    const [method, ...rest] = args;
    if (method === 'init') {
      if (api.tracker) warn('parcours is already started; init ignored');
      else start(rest[0]);
      return undefined;
    }
    const t = api.tracker;
    if (!t) {
      waiting.push(args);
      return undefined;
    }
    if (method === 'use' && typeof rest[0] === 'string') {
      const p = plug(rest[0], rest[1]);
      return p && t.use(p);
    }
    if (!(METHODS as readonly unknown[]).includes(method)) {
      warn(`parcours('${String(method)}') is not a method`);
      return undefined;
    }
    return (t[method as (typeof METHODS)[number]] as (...a: Args) => unknown)(...rest);
  };
  const api: Api = (...args) => {
    try {
      return call(args);
    } catch (e) {
      warn(e);
      return undefined;
    }
  };
  w.parcours = api;
  if (!rest.some((a) => a[0] === 'init') && fromTag.endpoint) start({});
  for (const c of rest) api(...c);
})();

function readTag(s: HTMLScriptElement): Partial<TrackerConfig> {
  const d = s.dataset;
  const cfg: Partial<TrackerConfig> = {};
  if (d.endpoint) cfg.endpoint = d.endpoint;
  if (d.siteId) cfg.siteId = d.siteId;
  if (d.debug !== undefined) cfg.debug = d.debug !== 'false';
  if (d.consent) cfg.consent = d.consent as TrackerConfig['consent'];
  return cfg;
}

function warn(m: unknown) {
  try {
    console.warn('[parcours]', m);
  } catch {}
}
