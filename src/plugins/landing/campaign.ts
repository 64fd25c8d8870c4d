import { CLICK_ID_KEYS } from '../../core/url.js';

/** The campaign that brought the visitor, from the landing URL. */
export interface Campaign {
  [k: string]: string | null | string[];
  source: string | null;
  medium: string | null;
  campaign: string | null;
  term: string | null;
  content: string | null;
  /** Names of the click ids present (`gclid`, `fbclid`, …); their values are never sent. */
  clickIds: string[];
}

/** What an ad of a campaign promises: an entry of `landing.campaigns`, or `mm_*` URL parameters. */
export interface CampaignPromise {
  /** Path (or URL) the ad leads to. */
  url?: string;
  headline?: string;
  keywords?: string[];
  /** `-20 %`, `free shipping`, or words of the offer. */
  offer?: string;
  promoCode?: string;
  price?: number;
  /** ISO code, `EUR`. */
  currency?: string;
  sku?: string;
}

const MAX = 200;

/** The campaign of `href`, or `null` when it has no UTM parameter and no click id. */
export function readCampaign(href: string): Campaign | null {
  let q: URLSearchParams;
  try {
    q = new URL(href).searchParams;
  } catch {
    return null;
  }
  const get = (k: string) => q.get(k)?.slice(0, MAX) || null;
  const c: Campaign = {
    source: get('utm_source'),
    medium: get('utm_medium'),
    campaign: get('utm_campaign'),
    term: get('utm_term'),
    content: get('utm_content'),
    clickIds: CLICK_ID_KEYS.filter((k) => q.has(k)),
  };
  const any = c.source || c.medium || c.campaign || c.term || c.content || c.clickIds.length;
  return any ? c : null;
}

/**
 * Promises carried in the URL by the advertiser's tracking template (SIGNALS.md §4.12):
 * `mm_h` headline, `mm_offer`, `mm_code`, `mm_price`, `mm_cur`, `mm_sku`.
 */
export function urlPromise(href: string): CampaignPromise {
  const out: CampaignPromise = {};
  try {
    const q = new URL(href).searchParams;
    const get = (k: string) => q.get(k)?.slice(0, MAX) || undefined;
    out.headline = get('mm_h');
    out.offer = get('mm_offer');
    out.promoCode = get('mm_code');
    out.currency = get('mm_cur');
    out.sku = get('mm_sku');
    const p = get('mm_price');
    if (p && Number.isFinite(Number(p.replace(',', '.')))) out.price = Number(p.replace(',', '.'));
  } catch {}
  for (const k of Object.keys(out) as (keyof CampaignPromise)[])
    if (out[k] === undefined) delete out[k];
  return out;
}
