// The script-tag entry, built only into dist/parcours.iife.js. Unlike every other module it runs
// on load: it replaces the stub `window.parcours`, replays the calls queued before the script
// loaded, in order, and starts from the tag's data-* attributes.
import type { TrackerConfig } from './core/config.js';
import type { Tracker } from './core/tracker-types.js';
import { init } from './init.js';

type Args = unknown[];
interface Api {
  (...args: Args): unknown;
  q?: ArrayLike<ArrayLike<unknown>>;
  tracker?: Tracker;
}

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
  const w = window as unknown as { parcours?: Api };
  if (w.parcours?.tracker) return; // the script is on the page twice
  const script = document.currentScript as HTMLScriptElement | null;
  const queued: Args[] = Array.from(w.parcours?.q ?? [], (a) => Array.from(a));
  const fromTag = script ? readTag(script) : {};
  let waiting: Args[] = [];

  const start = (config: unknown) => {
    try {
      api.tracker = init({ ...fromTag, ...(config as object) } as TrackerConfig);
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
  if (!queued.some((a) => a[0] === 'init') && fromTag.endpoint) start({});
  for (const c of queued) api(...c);
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
