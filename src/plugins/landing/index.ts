import { ConfigError } from '../../core/config-error.js';
import type { Plugin, PluginContext } from '../../core/plugin-types.js';
import { whenIdle } from '../idle.js';
import { intOption, readOptions, stringList } from '../options.js';
import { readCampaign, urlPromise } from './campaign.js';
import type { Campaign, CampaignPromise } from './campaign.js';

export type { CampaignPromise } from './campaign.js';
import { checkLanding } from './checks.js';
import { watchExit } from './exit.js';
import { readPageFacts } from './page-facts.js';
import type { PageFacts } from './page-facts.js';

export { checkLanding } from './checks.js';
export type { Check, LandingResult, Status } from './checks.js';
export { readCampaign } from './campaign.js';
export type { Campaign } from './campaign.js';
export { readPageFacts } from './page-facts.js';
export { readPrices, amount } from './amounts.js';

/** Options of {@link landing}. */
export interface LandingOptions {
  /** Promises by `utm_campaign` (or `utm_campaign/utm_content` for one ad of it). */
  campaigns?: Record<string, CampaignPromise>;
  /** Leaving the site within this long after landing is a `quick_exit`, ms. @defaultValue 10000 */
  quickExitMs?: number;
  /** Wait after `load` before reading the page (client-side rendering), ms. @defaultValue 500 */
  settleMs?: number;
  /** Nodes the page reading visits at most. @defaultValue 5000 */
  maxNodes?: number;
  /**
   * The page is read twice, this long apart, to catch a price changed by client-side code
   * (L4); `landing_check` is sent after the second reading. 0: read once. @defaultValue 3000
   */
  recheckMs?: number;
}

const FIELDS = ['campaigns', 'quickExitMs', 'settleMs', 'maxNodes', 'recheckMs'];
const PROMISE_FIELDS = [
  'url',
  'headline',
  'keywords',
  'offer',
  'promoCode',
  'price',
  'currency',
  'sku',
];

/** The plugin's versioned name. */
export const LANDING_PLUGIN = 'parcours/landing@1';

/**
 * The landing-page plugin: on a page view with UTM parameters or a click id, one
 * `landing_check` (a 0–100 consistency score, checks L1–L8, mismatches in plain words); then a
 * `landing_exit` if the visitor leaves the site from it quickly or without engaging.
 *
 * @example
 * import { landing } from 'parcours/plugins/landing';
 * init({ endpoint: '/collect', plugins: [landing({ campaigns: { 'soldes-ete': { offer: '-20 %', promoCode: 'ETE20' } } })] });
 */
/* @__NO_SIDE_EFFECTS__ */
export function landing(options?: LandingOptions): Plugin {
  const o = readOptions<LandingOptions>('landing', options, FIELDS);
  const campaigns = readCampaigns(o.campaigns);
  const quickExitMs = intOption('landing.quickExitMs', o.quickExitMs, 0, 600_000, 10_000);
  const settleMs = intOption('landing.settleMs', o.settleMs, 0, 10_000, 500);
  const maxNodes = intOption('landing.maxNodes', o.maxNodes, 100, 100_000, 5000);
  const recheckMs = intOption('landing.recheckMs', o.recheckMs, 0, 60_000, 3000);
  let ctx: PluginContext;
  let url = '';
  let stops: (() => void)[] = [];

  const begin = (href: string, pageUrl: string) => {
    if (pageUrl === url) return;
    url = pageUrl;
    end();
    const c = readCampaign(href);
    if (!c) return;
    const startedAt = Date.now();
    const path = location.pathname;
    const promise: CampaignPromise = { ...lookup(campaigns, c), ...urlPromise(href) };
    let score: number | undefined;
    let first: PageFacts | undefined;
    let actedAfterFirst = false;
    const check = () => {
      if (score !== undefined) return score;
      const f = readPageFacts(document, maxNodes);
      const earlier = actedAfterFirst ? undefined : first;
      const r = checkLanding(c, promise, f, path, earlier);
      ctx.emit('landing_check', { campaign: c, ...r });
      return (score = r.score);
    };
    let cancel = () => {};
    const afterLoad = () =>
      (cancel = whenIdle(
        () => {
          if (!recheckMs) return check();
          first = readPageFacts(document, maxNodes);
          const actionsAtFirst = exit._actions();
          cancel = whenIdle(
            () => {
              // A price changed by the visitor's own action (a size, a bundle) is not a mismatch.
              actedAfterFirst = exit._actions() !== actionsAtFirst;
              check();
            },
            2000,
            recheckMs,
          );
        },
        2000,
        settleMs,
      ));
    // A visitor gone before the check still gets it, read at `pagehide`, before the exit.
    const exit = watchExit(startedAt, quickExitMs, (e) => {
      const s = check();
      if (e) ctx.emit('landing_exit', { campaign: c.campaign, score: s, ...e });
    });
    if (document.readyState === 'complete') afterLoad();
    else addEventListener('load', afterLoad, { once: true, passive: true });
    // An SPA route change or a shutdown before the check: check now, the landing is still shown.
    stops = [() => cancel(), () => removeEventListener('load', afterLoad), exit._stop, check];
  };
  const end = () => {
    for (const s of stops.splice(0)) void s();
  };
  return {
    name: LANDING_PLUGIN,
    setup(c) {
      ctx = c;
      c.on('pageview', () => begin(location.href, c.page().url));
      begin(location.href, c.page().url); // set up after the first page view: this page counts
    },
    teardown: end,
  };
}

function lookup(map: Record<string, CampaignPromise>, c: Campaign): CampaignPromise {
  return (
    (c.campaign && ((c.content && map[`${c.campaign}/${c.content}`]) || map[c.campaign])) || {}
  );
}

function readCampaigns(v: unknown): Record<string, CampaignPromise> {
  if (v === undefined) return {};
  if (!v || typeof v !== 'object' || Array.isArray(v))
    throw new ConfigError('landing.campaigns', 'an object { utm_campaign: promise }', v);
  const out: Record<string, CampaignPromise> = {};
  for (const [name, p] of Object.entries(v)) {
    const f = `landing.campaigns.${name}`;
    const pr = readOptions<CampaignPromise>(f, p, PROMISE_FIELDS);
    for (const k of ['url', 'headline', 'offer', 'promoCode', 'currency', 'sku'] as const) {
      if (pr[k] !== undefined && (typeof pr[k] !== 'string' || !pr[k].trim()))
        throw new ConfigError(`${f}.${k}`, 'a non-empty string', pr[k]);
    }
    if (pr.price !== undefined && (typeof pr.price !== 'number' || !(pr.price >= 0)))
      throw new ConfigError(`${f}.price`, 'a number ≥ 0', pr.price);
    out[name] = { ...pr, keywords: pr.keywords && stringList(`${f}.keywords`, pr.keywords) };
  }
  return out;
}
