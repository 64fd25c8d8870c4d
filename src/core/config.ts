import { isObject, unknownKeys } from './check.js';
import { ConfigError } from './config-error.js';
import type { FunnelConfig, FunnelPreset, ResolvedFunnel } from './funnel-types.js';
import {
  type FrustrationConfig,
  type ResolvedFrustration,
  resolveFrustration,
} from './frustration-config.js';
import {
  type MisclickConfig,
  type ResolvedMisclicks,
  resolveMisclicks,
} from './misclick-config.js';
import type { Plugin } from './plugin-types.js';
import { resolveFunnelSteps, resolveFunnels } from './resolve-funnels.js';

/** Consent state: `granted` sends; `pending` records locally and sends nothing; `denied` records nothing. */
export type Consent = 'granted' | 'pending' | 'denied';

/** What `init` accepts. Only `endpoint` is required; see the README's config table. */
export interface TrackerConfig {
  /** Where batches are POSTed: an absolute http(s) URL, or a path on this site (`/collect`). */
  endpoint: string;
  /** Sent with every batch so one collector can serve several shops. */
  siteId?: string;
  batch?: {
    /** Events per batch. @defaultValue 50 */
    maxEvents?: number;
    /** Bytes per batch body, at most 64 000 (the keepalive budget). @defaultValue 60000 */
    maxBytes?: number;
    /** Milliseconds between sends while events wait. @defaultValue 5000 */
    intervalMs?: number;
  };
  retry?: {
    /** First backoff step, ms. @defaultValue 1000 */
    baseMs?: number;
    /** Backoff ceiling, ms. @defaultValue 300000 */
    maxMs?: number;
  };
  storage?: {
    /** Queue bound; the oldest are evicted and counted. @defaultValue 10000 */
    maxEvents?: number;
    /** Queue age bound, ms. @defaultValue 604800000 (7 days) */
    ttlMs?: number;
    /** IndexedDB database name prefix (`:v1` is appended). @defaultValue 'parcours' */
    dbName?: string;
  };
  session?: {
    /** Inactivity after which a new session starts, ms. @defaultValue 1800000 */
    timeoutMs?: number;
  };
  capture?: {
    /** Page views on load. @defaultValue true */
    pageviews?: boolean;
    /** Page views on History API / hash route changes. @defaultValue true */
    spa?: boolean;
    /** Clicks with an element description. @defaultValue true */
    clicks?: boolean;
    /** Uncaught errors and unhandled rejections. @defaultValue true */
    errors?: boolean;
    /**
     * Wrong-button misclicks (near misses, corrective clicks, accidental activations) and the
     * `u_turn`, `quick_back` and `cart_undo` signals: `false` turns them off, an object sets
     * thresholds. Needs `clicks`. @defaultValue true
     */
    misclicks?: boolean | MisclickConfig;
    /**
     * Rage, dead, slow, blocked and error clicks and thrashed cursors (`frustration` events):
     * `false` turns them off, an object sets thresholds. Needs `clicks`. @defaultValue true
     */
    frustration?: boolean | FrustrationConfig;
    /**
     * Web Vitals (LCP, INP, CLS, FCP, TTFB with attribution), the page load's Navigation Timing
     * and SPA route timing. @defaultValue true
     */
    vitals?: boolean;
    /**
     * Funnel steps reached automatically: `funnels` matches and `data-parcours-step` markup
     * (`tracker.step()` works either way). @defaultValue true
     */
    funnels?: boolean;
    /**
     * `input` events (field description and typed length; the value only for fields matching
     * `allow`, never passwords or card fields) and sampled `scroll` positions, for QA replay.
     * Sessions opted into replay (`replay.sample`, `startReplayCapture()`) record them anyway.
     * @defaultValue false
     * @example inputs: { allow: ['#qty', 'select[name=size]'] }
     */
    inputs?: boolean | { allow?: string[] };
  };
  /** QA replay capture. */
  replay?: {
    /** Share of sessions (0–1) that record inputs and scrolls and keep their events for `exportSession()`. @defaultValue 0 */
    sample?: number;
  };
  /**
   * Funnels: definitions, or presets by name (`'ecommerce'`).
   * @defaultValue []
   * @example funnels: ['ecommerce', { name: 'signup', steps: [{ name: 'form', match: { path: '/signup' } }] }]
   */
  funnels?: (FunnelConfig | FunnelPreset)[];
  privacy?: {
    /** Record nothing when Do Not Track or Global Privacy Control is on. @defaultValue true */
    respectDoNotTrack?: boolean;
    /**
     * Redacts card numbers and e-mail addresses from captured text. Typed values are never
     * captured, whatever this says. @defaultValue true
     */
    maskInputs?: boolean;
    /** Query parameters removed from every URL. @defaultValue [] */
    stripParams?: string[];
  };
  /** @defaultValue 'granted' */
  consent?: Consent;
  /** Plugins, set up in this order. @defaultValue [] */
  plugins?: Plugin[];
  /** Warn in the console about dropped input and internal errors. @defaultValue false */
  debug?: boolean;
}

/** The configuration with every default filled in. */
export interface ResolvedConfig {
  endpoint: string;
  siteId: string | undefined;
  batch: { maxEvents: number; maxBytes: number; intervalMs: number };
  retry: { baseMs: number; maxMs: number };
  storage: { maxEvents: number; ttlMs: number; dbName: string };
  session: { timeoutMs: number };
  capture: {
    pageviews: boolean;
    spa: boolean;
    clicks: boolean;
    errors: boolean;
    /** `null` when off. */
    misclicks: ResolvedMisclicks | null;
    vitals: boolean;
    funnels: boolean;
    /** `null` when off. */
    frustration: ResolvedFrustration | null;
    /** `false`, or the selectors of fields whose value may be kept. */
    inputs: false | { allow: string[] };
  };
  replay: { sample: number };
  funnels: ResolvedFunnel[];
  privacy: { respectDoNotTrack: boolean; maskInputs: boolean; stripParams: string[] };
  consent: Consent;
  plugins: Plugin[];
  debug: boolean;
}

/** The keepalive body budget shared by all in-flight keepalive requests of a page (Fetch spec). */
export const KEEPALIVE_BUDGET_BYTES = 64_000;

const GROUPS = {
  batch: {
    maxEvents: [1, 1000, 50],
    maxBytes: [1024, KEEPALIVE_BUDGET_BYTES, 60_000],
    intervalMs: [100, 3_600_000, 5_000],
  },
  retry: { baseMs: [10, 3_600_000, 1_000], maxMs: [10, 86_400_000, 300_000] },
  storage: { maxEvents: [10, 1_000_000, 10_000], ttlMs: [60_000, 90 * 86_400_000, 7 * 86_400_000] },
  session: { timeoutMs: [1_000, 86_400_000, 30 * 60_000] },
} as const;
const CAPTURE_KEYS = ['pageviews', 'spa', 'clicks', 'errors', 'vitals', 'funnels'] as const;
const TOP_KEYS = [
  'endpoint',
  'siteId',
  'batch',
  'retry',
  'storage',
  'session',
  'capture',
  'funnels',
  'privacy',
  'consent',
  'plugins',
  'debug',
  'replay',
];

/**
 * Checks a config and fills in the defaults. Throws one {@link ConfigError} naming the field.
 * `base` resolves a relative endpoint (the page URL in a browser). What `init` uses: the core's
 * fields ({@link resolveCoreConfig}), then the detectors' thresholds, `capture.inputs`,
 * `replay` and the funnels' matches.
 */
export function resolveConfig(input: unknown, base?: string): ResolvedConfig {
  const cfg = resolveCoreConfig(input, base);
  const c = input as Record<string, unknown>;
  const capture = (c.capture ?? {}) as Record<string, unknown>; // an object: checked above
  Object.assign(cfg.capture, {
    misclicks: resolveMisclicks(capture.misclicks),
    frustration: resolveFrustration(capture.frustration),
    inputs: inputsOf(capture.inputs),
  });
  cfg.replay = replayOf(c.replay);
  cfg.funnels = resolveFunnels(c.funnels);
  return cfg;
}

/**
 * The fields `createTracker` alone uses, checked as {@link resolveConfig} checks them; the
 * detectors (`capture.misclicks`, `capture.frustration`) resolve to `null`, `capture.inputs` to
 * `false`, `replay.sample` to 0 and funnel steps carry no matches, since only `init`'s capture
 * reads them (their keys are still checked). Keeps those resolvers out of the core bundle.
 */
export function resolveCoreConfig(input: unknown, base?: string): ResolvedConfig {
  if (!isObject(input)) throw new ConfigError('', 'an object with at least { endpoint }', input);
  unknownKeys('', input, TOP_KEYS);
  const c = input as Record<string, unknown>;
  const groups = {} as Record<keyof typeof GROUPS, Record<string, number>>;
  for (const g of Object.keys(GROUPS) as (keyof typeof GROUPS)[]) {
    const spec = GROUPS[g] as Record<string, readonly [number, number, number]>;
    const given = group(g, c[g], Object.keys(spec).concat(g === 'storage' ? ['dbName'] : []));
    groups[g] = {};
    for (const [k, [min, max, def]] of Object.entries(spec)) {
      groups[g][k] = int(`${g}.${k}`, given[k], min, max, def);
    }
  }
  if (groups.retry.maxMs! < groups.retry.baseMs!) {
    throw new ConfigError(
      'retry.maxMs',
      `at least retry.baseMs (${groups.retry.baseMs})`,
      groups.retry.maxMs,
    );
  }
  const storage = group('storage', c.storage, ['maxEvents', 'ttlMs', 'dbName']);
  const dbName = storage.dbName ?? 'parcours';
  if (typeof dbName !== 'string' || !/^[\w.-]{1,64}$/.test(dbName)) {
    throw new ConfigError('storage.dbName', 'a name of 1–64 letters, digits, _ . -', dbName);
  }
  const capture = group('capture', c.capture, [
    ...CAPTURE_KEYS,
    'misclicks',
    'frustration',
    'inputs',
  ]);
  group('replay', c.replay, ['sample']);
  const privacy = group('privacy', c.privacy, ['respectDoNotTrack', 'maskInputs', 'stripParams']);
  const stripParams = privacy.stripParams ?? [];
  if (!Array.isArray(stripParams) || !stripParams.every((p) => typeof p === 'string' && p)) {
    throw new ConfigError('privacy.stripParams', 'an array of parameter names', stripParams);
  }
  const consent = c.consent ?? 'granted';
  if (consent !== 'granted' && consent !== 'pending' && consent !== 'denied') {
    throw new ConfigError('consent', "'granted', 'pending' or 'denied'", consent);
  }
  const plugins = c.plugins ?? [];
  if (!Array.isArray(plugins)) throw new ConfigError('plugins', 'an array of plugins', plugins);
  plugins.forEach((p, i) => {
    if (!isObject(p) || typeof p.name !== 'string' || typeof p.setup !== 'function') {
      throw new ConfigError(`plugins[${i}]`, 'an object { name: string, setup(ctx) }', p);
    }
  });
  const funnels = resolveFunnelSteps(c.funnels);
  if (
    c.siteId !== undefined &&
    (typeof c.siteId !== 'string' || !/^[\w.:-]{1,64}$/.test(c.siteId))
  ) {
    throw new ConfigError('siteId', 'a string of 1–64 letters, digits, _ . : -', c.siteId);
  }
  return {
    endpoint: endpoint(c.endpoint, base),
    siteId: c.siteId as string | undefined,
    batch: groups.batch as ResolvedConfig['batch'],
    retry: groups.retry as ResolvedConfig['retry'],
    storage: { ...(groups.storage as { maxEvents: number; ttlMs: number }), dbName },
    session: groups.session as ResolvedConfig['session'],
    capture: {
      ...(Object.fromEntries(
        CAPTURE_KEYS.map((k) => [k, bool(`capture.${k}`, capture[k], true)]),
      ) as Omit<ResolvedConfig['capture'], 'frustration' | 'misclicks' | 'inputs'>),
      misclicks: null,
      frustration: null,
      inputs: false,
    },
    replay: { sample: 0 },
    funnels,
    privacy: {
      respectDoNotTrack: bool('privacy.respectDoNotTrack', privacy.respectDoNotTrack, true),
      maskInputs: bool('privacy.maskInputs', privacy.maskInputs, true),
      stripParams: stripParams as string[],
    },
    consent,
    plugins: plugins as Plugin[],
    debug: bool('debug', c.debug, false),
  };
}

function inputsOf(v: unknown): ResolvedConfig['capture']['inputs'] {
  if (v === undefined || v === false) return false;
  if (v === true) return { allow: [] };
  const allow = group('capture.inputs', v, ['allow']).allow ?? [];
  if (
    !Array.isArray(allow) ||
    !allow.every((a) => typeof a === 'string' && a.length > 0 && a.length <= 200)
  ) {
    throw new ConfigError('capture.inputs.allow', 'an array of CSS selectors', allow);
  }
  return { allow: allow as string[] };
}

function replayOf(v: unknown): ResolvedConfig['replay'] {
  const sample = group('replay', v, ['sample']).sample ?? 0;
  if (typeof sample !== 'number' || !(sample >= 0 && sample <= 1)) {
    throw new ConfigError('replay.sample', 'a number from 0 to 1', sample);
  }
  return { sample };
}

function endpoint(v: unknown, base: string | undefined): string {
  const accepts = 'an http(s) URL, or a path such as "/collect" on a page';
  if (typeof v !== 'string' || !v) throw new ConfigError('endpoint', accepts, v);
  let url: URL;
  try {
    url = new URL(v, base);
  } catch {
    throw new ConfigError('endpoint', accepts, v);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ConfigError('endpoint', accepts, v);
  return url.href;
}

function group(name: string, v: unknown, keys: readonly string[]): Record<string, unknown> {
  if (v === undefined) return {};
  if (!isObject(v)) throw new ConfigError(name, 'an object', v);
  unknownKeys(name, v, keys);
  return v;
}

function int(field: string, v: unknown, min: number, max: number, def: number): number {
  if (v === undefined) return def;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new ConfigError(field, `a whole number from ${min} to ${max}`, v);
  }
  return v;
}

function bool(field: string, v: unknown, def: boolean): boolean {
  if (v === undefined) return def;
  if (typeof v !== 'boolean') throw new ConfigError(field, 'true or false', v);
  return v;
}
