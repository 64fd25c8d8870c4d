import type { CaptureContext } from './capture-context.js';
import {
  type Consent,
  type ResolvedConfig,
  type TrackerConfig,
  resolveCoreConfig,
} from './config.js';
import { createFunnelProgress } from './funnel-progress.js';
import { createGuard } from './guard.js';
import { createPageViews } from './page-views.js';
import { createPluginHost } from './plugin-host.js';
import type { HookName, Plugin, PluginContext } from './plugin-types.js';
import { optedOut } from './privacy.js';
import { createPipeline, type Pipeline } from './pipeline.js';
import type { ReplayRecorder, SessionDocument } from './replay-types.js';
import { sanitizeProps } from './sanitize.js';
import { createSession } from './session.js';
import { type Stop, stopAll } from './stop.js';
import type { Tracker, TrackerOptions } from './tracker-types.js';
import type { DropCounts, Json, TrackEvent } from './types.js';
import { stripParams } from './url.js';
import { uuid } from './uuid.js';

/** An event whose JSON is longer than this is dropped (and counted): it could never be sent. */
export const MAX_EVENT_BYTES = 32_000;
const NON_ASCII = /[^\0-\x7f]/;
const NAME = /^\P{Cc}{1,100}$/u; // 1–100 characters, no control characters
/** What `exportSession()` gives without the replay capture module (`createTracker` alone). */
const EMPTY_SESSION: SessionDocument = {
  v: 1,
  sid: '',
  vid: '',
  device: {},
  viewport: { w: 0, h: 0 },
  startedAt: 0,
  events: [],
};
/** Event types that carry the funnel step the visitor was at (`props.funnelStep`). */
const SIGNALS = new Set(['misclick', 'frustration', 'vital']);
/** Distinct URLs whose stripped form is kept. */
const URL_CACHE_SIZE = 64;

/**
 * Creates a tracker: the core alone, with no automatic capture unless `options.capture` names
 * modules (`init` does). Throws a {@link ConfigError} for a bad config; nothing else throws.
 * Without `window` (server rendering) it returns a tracker that records nothing. It resolves
 * only the core's part of the config (`resolveCoreConfig`): the detectors' thresholds,
 * `capture.inputs`, `replay` and funnel matches are `init`'s.
 *
 * @example
 * const t = createTracker({ endpoint: '/collect' });
 * t.track('add_to_cart', { sku: 'A1' });
 */
/* @__NO_SIDE_EFFECTS__ */
export function createTracker(config: TrackerConfig, o: TrackerOptions = {}): Tracker {
  return startTracker(config, o, resolveCoreConfig);
}

/**
 * {@link createTracker} with the config resolver given: `init` passes the full one
 * (`resolveConfig`), so that `createTracker` alone bundles none of the capture's resolvers.
 */
/* @__NO_SIDE_EFFECTS__ */
export function startTracker(
  config: TrackerConfig,
  o: TrackerOptions,
  resolve: (input: unknown, base: string) => ResolvedConfig,
): Tracker {
  const browser = typeof window !== 'undefined' && typeof document !== 'undefined';
  const cfg = resolve(config, browser ? location.href : 'http://localhost/');
  const now = o.now ?? Date.now;
  const random = o.random ?? Math.random;
  let consent: Consent =
    browser && cfg.privacy.respectDoNotTrack && optedOut(navigator, window)
      ? 'denied'
      : cfg.consent;
  const forcedDenied = consent === 'denied' && cfg.consent !== 'denied';
  let stopped = !browser;
  // `parcours replay` sets this before the page's scripts run: its events must not count as visits.
  const replayRun = browser && window.__parcoursReplay === true;
  let recorder: ReplayRecorder | undefined;
  let closing = false; // shutdown() under way
  const hooks = new Map<HookName, Set<(e?: TrackEvent) => void>>();
  const stops: Stop[] = [];
  const guard = createGuard(
    () => cfg.debug,
    (kind, err) => emit('sdk_error', { scope: kind, message: messageOf(err) }),
  );
  // Every event carries the page URL, and a click its link's: strip each URL once, not once per
  // event (a few dozen kept; the cache starts over when full).
  const stripped = new Map<string, string>();
  const url = (href = location.href) => {
    let u = stripped.get(href);
    if (u === undefined) {
      if (stripped.size >= URL_CACHE_SIZE) stripped.clear();
      stripped.set(href, (u = stripParams(href, cfg.privacy.stripParams)));
    }
    return u;
  };
  const storage = o.storage === null ? undefined : (o.storage ?? safeLocalStorage());
  const onStorageError = (e: unknown) =>
    guard.warn('storage', 'localStorage unusable; session kept in memory', e);
  const session = createSession({
    prefix: `${cfg.storage.dbName}:v1`,
    timeoutMs: cfg.session.timeoutMs,
    now,
    storage,
    onStorageError,
  });
  const funnels = createFunnelProgress({
    key: `${cfg.storage.dbName}:v1:funnels`,
    funnels: cfg.funnels,
    storage,
    onStorageError,
  });
  let pipe: Pipeline | undefined;
  const pipeline = () =>
    (pipe ??= createPipeline(cfg, o, {
      now,
      random,
      guard,
      canSend: () => consent === 'granted' && !stopped,
      beforeFlush: () => fire('flush'),
      listen,
    }));

  // One native listener per target and type, shared by every module that listens there (a
  // pointerdown reaches four): one call into script per event instead of one per module.
  const shared = new Map<
    EventTarget,
    Map<string, { _fns: Handler[]; _real: (e: Event) => void }>
  >();
  function listen(target: EventTarget, type: string, fn: (e: Event) => void): Stop {
    const h: Handler = { _f: guard.wrap(`listener:${type}`, fn), _on: true };
    let byType = shared.get(target);
    if (!byType) shared.set(target, (byType = new Map()));
    let s = byType.get(type);
    if (!s) {
      const entry = {
        _fns: [] as Handler[],
        // The list is replaced, never changed in place, so a dispatch runs the list it began
        // with; a handler stopped meanwhile is skipped, as the DOM does.
        _real: (e: Event) => {
          // Indexed, not for-of: no iterator per event (a pointermove runs this every frame).
          const fns = entry._fns;
          for (let i = 0; i < fns.length; i++) if (fns[i]!._on) fns[i]!._f(e);
        },
      };
      byType.set(type, (s = entry));
      target.addEventListener(type, entry._real, { capture: true, passive: true });
    }
    s._fns = [...s._fns, h];
    return () => {
      if (!h._on) return;
      h._on = false;
      s._fns = s._fns.filter((x) => x !== h);
      if (s._fns.length) return;
      target.removeEventListener(type, s._real, { capture: true });
      byType.delete(type);
    };
  }
  function on(hook: HookName, fn: (e?: TrackEvent) => void): Stop {
    let set = hooks.get(hook);
    if (!set) hooks.set(hook, (set = new Set()));
    // Wrapped once here, not once per call: no closure per event and hook.
    const f = guard.wrap(`hook:${hook}`, fn);
    set.add(f);
    return () => void set.delete(f);
  }
  function fire(hook: HookName, e?: TrackEvent) {
    const set = hooks.get(hook);
    if (set) for (const f of set) f(e);
  }
  const count = (reason: keyof DropCounts) => {
    if (consent !== 'denied' && browser)
      pipeline()
        .queue.dropped({ [reason]: 1 })
        .catch(() => {});
  };
  const drop = (why: string, detail?: unknown) => {
    guard.warn(`drop:${why}`, `event dropped: ${why}`, detail);
    count('invalid');
  };

  let pathOf = '';
  let path = '';
  /** `props` may be a function of the event's session id and time (funnel progress). */
  function emit(
    type: string,
    props: { [k: string]: Json } | ((sid: string, ts: number) => { [k: string]: Json }),
  ): TrackEvent | undefined {
    if (stopped || consent === 'denied') return undefined;
    const href = location.href;
    const id = uuid(random);
    const ts = now();
    const { sid, seq, vid, uid } = session.next(href);
    if (typeof props === 'function') props = props(sid, ts);
    const at = SIGNALS.has(type) ? funnels.at(sid) : undefined;
    if (at) props = { ...props, funnelStep: at };
    const page = url(href);
    if (href !== pathOf) path = location.pathname; // the href's own: read once per URL
    pathOf = href;
    // Two literals rather than a spread of the stamp: the same keys, in the same order.
    const e0: TrackEvent = uid
      ? { id, type, ts, sid, seq, vid, uid, url: page, path, props }
      : { id, type, ts, sid, seq, vid, url: page, path, props };
    if (replayRun) e0.replay = true;
    const e = plugins.before(e0);
    if (!e) return undefined;
    let size: number;
    let json: string;
    try {
      size = utf8Bytes((json = JSON.stringify(e)));
    } catch (err) {
      return void drop('not serialisable', err);
    }
    if (size > MAX_EVENT_BYTES) return void drop('over 32 kB', { type, size });
    pipeline().outbox.push(e, size, json);
    fire('event', e);
    if (type === 'pageview' || type === 'click' || type === 'funnel_step') fire(type, e);
    return e;
  }
  const clean = (props: unknown) =>
    sanitizeProps(props, (what) => guard.warn(`props:${what}`, `props: ${what}`));
  const named = (what: string, v: unknown): v is string => {
    if (typeof v === 'string' && NAME.test(v)) return true;
    drop(`${what} must be a string of 1–100 characters`, v);
    return false;
  };
  const pageview = createPageViews(emit, url);

  const plugins = createPluginHost(
    (p): PluginContext => ({
      track: (name, props) => api.track(name, props),
      emit: (type, props) =>
        guard.run(`plugin:${p.name}`, () => named('type', type) && emit(type, clean(props))),
      on: (hook: HookName, fn: (e: TrackEvent) => void) =>
        on(hook, (e) => {
          if (plugins.has(p)) (fn as (e?: TrackEvent) => void)(e);
        }),
      config: cfg,
      page: () => ({ url: url(), path: location.pathname, title: document.title }),
      debug: (m, d) => guard.warn(`plugin:${p.name}:${m}`, `${p.name}: ${m}`, d),
    }),
    (p, phase, err) =>
      emit('sdk_error', {
        scope: 'plugin',
        plugin: p.name.slice(0, 100),
        phase,
        message: messageOf(err),
      }),
  );

  const ctx: CaptureContext = {
    cfg,
    guard,
    now,
    local: storage,
    emit,
    listen,
    url,
    pageview,
    count,
    on,
    step: (funnel, step) => api.step(funnel, step),
    replay: (r) => void (recorder = r),
  };
  const exportSession = () => (consent === 'denied' ? undefined : recorder?._doc());
  const api: Tracker = {
    track: (name, props) =>
      void guard.run(
        'api',
        () => !stopped && named('name', name) && emit('custom', { ...clean(props), name }),
      ),
    page: () => void guard.run('api', () => pageview(true)),
    identify: (uid, traits) =>
      void guard.run('api', () => {
        if (
          stopped ||
          consent === 'denied' ||
          !named('uid', typeof uid === 'number' ? String(uid) : uid)
        )
          return;
        session.identify(String(uid));
        emit('identify', { uid: String(uid), traits: clean(traits) });
      }),
    step: (funnel, step) =>
      void guard.run('api', () => {
        if (stopped || !named('funnel', funnel) || !named('step', step)) return;
        const reach = funnels.reach(funnel, step);
        if (reach) emit('funnel_step', reach);
        else drop(`step "${step}" is not a step of funnel "${funnel}"`);
      }),
    setConsent: (c) =>
      void guard.run('api', () => {
        if (stopped || closing) return;
        if (c !== 'granted' && c !== 'pending' && c !== 'denied') return drop('consent', c);
        if (forcedDenied)
          return guard.warn('dnt', 'Do Not Track / GPC is on: consent stays denied');
        consent = c;
        if (c === 'denied') {
          session.forget();
          funnels.forget();
          recorder?._forget();
          pipe?.forget();
        } else if (c === 'granted') pipe?.transport.kick(true);
      }),
    get consent() {
      return consent;
    },
    flush: async () => {
      if (stopped || consent === 'denied') return { sent: 0, failed: 0, pending: 0 };
      return (
        (await guard.run('flush', () => pipeline().transport.flush())) ?? {
          sent: 0,
          failed: 0,
          pending: 0,
        }
      );
    },
    use: (p) =>
      void guard.run('api', () => {
        if (stopped) return;
        if (
          !p ||
          typeof p !== 'object' ||
          typeof p.name !== 'string' ||
          typeof p.setup !== 'function'
        ) {
          return drop('plugin must be { name, setup }', p);
        }
        plugins.add(p as Plugin);
      }),
    exportSession: async () => guard.run('api', exportSession) ?? EMPTY_SESSION,
    downloadSession: () =>
      void guard.run('api', () => recorder?._download(exportSession() ?? EMPTY_SESSION)),
    startReplayCapture: () => void guard.run('api', () => recorder?._start()),
    shutdown: async () => {
      if (stopped || closing) return;
      closing = true;
      stopAll(stops);
      fire('flush'); // plugins emit what they hold while they are still set up
      plugins.teardown();
      const p = pipe;
      if (p && consent === 'granted') await guard.run('shutdown', () => p.transport.flush());
      else if (p) await p.outbox.persist();
      stopped = true;
      p?.stop();
    },
  };

  if (browser) {
    for (const p of cfg.plugins) plugins.add(p);
    if (consent !== 'denied') pipeline();
    for (const start of o.capture ?? []) {
      const stop = guard.run('capture', () => start(ctx));
      if (stop) stops.push(stop);
    }
  }
  return api;
}

/** A module's listener inside the shared native one (`_on`: not stopped). */
interface Handler {
  _f: (e: Event) => void;
  _on: boolean;
}

/** A thrown value as text; some (`Object.create(null)`, a Proxy) throw when stringified. */
function messageOf(err: unknown): string {
  try {
    return String((err as Error)?.message ?? err).slice(0, 300);
  } catch {
    return 'unprintable error';
  }
}

/** UTF-8 length of `s`, what the wire and the keepalive budget count. */
export function utf8Bytes(s: string): number {
  let n = s.length;
  // Mostly ASCII: one native scan to the first other character, the loop from there.
  for (let i = s.search(NON_ASCII); i >= 0 && i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      i++; // surrogate pair: 4 bytes for 2 units
      n += 2;
    } else if (c > 0x7ff) n += 2;
    else if (c > 0x7f) n += 1;
  }
  return n;
}

function safeLocalStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined; // sandboxed iframes and some privacy modes throw on access
  }
}
