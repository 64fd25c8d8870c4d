import { foldText } from '../fold-text.js';
import { formatPrice } from './amounts.js';
import type { Campaign, CampaignPromise } from './campaign.js';
import type { PageFacts, ShownPrice } from './page-facts.js';
import { offerCheck } from './offer-check.js';
import { containment, tokens } from './tokens.js';

/** A check's verdict. */
export type Status = 'pass' | 'warn' | 'fail' | 'n/a';

/** One of L1–L8 (SIGNALS.md §4.12). */
export interface Check {
  [k: string]: string;
  id: string;
  status: Status;
  /** What was compared, in plain words. */
  evidence: string;
}

/** The verdict on one landing page view. */
export interface LandingResult {
  score: number;
  checks: Check[];
  mismatches: string[];
}

/** Score weights (SIGNALS.md §4.12); L7 and L8 are informational. */
const WEIGHTS: Record<string, number> = { L1: 25, L2: 20, L3: 15, L4: 20, L5: 10, L6: 10 };
const VALUE: Record<Status, number> = { pass: 1, warn: 0.5, fail: 0, 'n/a': 0 };

/**
 * L1–L8 for one landing page view: what the campaign promised against what the page shows.
 * The score is the weighted share of the checks that apply (100 when none does). `earlier`: the
 * page as first read, when `f` is a second reading 3 s later with no visitor action in between:
 * a main price that changed fails L4 (SIGNALS.md §4.12 "dynamic price change").
 */
export function checkLanding(
  c: Campaign,
  p: CampaignPromise,
  f: PageFacts,
  path: string,
  earlier?: PageFacts,
): LandingResult {
  const mismatches: string[] = [];
  const below: string[] = [];
  const inView: string[] = [];
  const checks: Check[] = [];
  const add = (
    id: string,
    status: Status,
    evidence: string,
    ...mismatch: (string | undefined)[]
  ) => {
    checks.push({ id, status, evidence: evidence.slice(0, 200) });
    if (status === 'fail' || status === 'warn') for (const m of mismatch) if (m) mismatches.push(m);
  };

  // L1 landed where promised
  const want = p.url && pathOf(p.url);
  if (f.notFound)
    add('L1', 'fail', 'error page (404 / not found markers)', 'the ad leads to an error page');
  else if (want && trim(want) !== trim(path))
    add(
      'L1',
      'fail',
      `expected ${want}, landed on ${path}`,
      `ad leads to ${want}, the visitor landed on ${path}`,
    );
  else add('L1', want ? 'pass' : 'n/a', want ? `landed on ${path}` : 'no landing URL promised');

  // L2 headline match
  const adText = p.headline ?? (p.keywords?.length ? p.keywords.join(' ') : (c.term ?? ''));
  const ad = tokens(adText);
  if (!ad.length) add('L2', 'n/a', 'no headline, keywords or utm_term');
  else {
    const head = new Set(tokens(`${f.heading} ${f.top}`));
    const exact = foldText(adText).length > 3 && `${f.heading} ${f.top}`.includes(foldText(adText));
    const { share, missing } = containment(ad, head);
    const st: Status = exact || share >= 0.6 ? 'pass' : share >= 0.3 ? 'warn' : 'fail';
    const shareAll = containment(ad, new Set(tokens(f.all))).share;
    if (st === 'pass') inView.push('headline');
    else if (shareAll >= 0.6) below.push('the ad headline');
    add(
      'L2',
      st,
      `${Math.round(share * 100)} % of ${ad.length} ad words at the top of the page`,
      `ad says "${adText.slice(0, 80)}", the top of the page lacks: ${missing.slice(0, 6).join(', ')}`,
    );
  }

  // L3 offer visible
  if (!p.offer && !p.promoCode) add('L3', 'n/a', 'no offer or promo code promised');
  else {
    const parts: [Status, string, string?][] = [];
    if (p.offer) parts.push(offerCheck(p.offer, f, inView, below));
    if (p.promoCode) {
      const code = foldText(p.promoCode);
      const at = f.top.includes(code) ? 'top' : f.all.includes(code) ? 'below' : '';
      if (at === 'top') inView.push('promo code');
      if (at === 'below') below.push(`the code ${p.promoCode}`);
      parts.push(
        at
          ? [at === 'top' ? 'pass' : 'warn', `code ${p.promoCode} shown`]
          : [
              'fail',
              `code ${p.promoCode} not shown`,
              `ad gives the code ${p.promoCode}, the page does not show it`,
            ],
      );
    }
    const st = worst(parts.map((x) => x[0]));
    add('L3', st, parts.map((x) => x[1]).join('; '), ...parts.map((x) => x[2]));
  }

  // L4 price match
  if (p.price === undefined) add('L4', 'n/a', 'no price promised');
  else {
    const promised = { value: p.price, currency: p.currency?.toUpperCase() ?? null };
    const shownPrices = f.prices.filter((x) => !x.struck);
    const main = prominent(shownPrices);
    const eq = (x: { value: number; currency: string | null }) =>
      Math.abs(x.value - promised.value) < 0.01 &&
      (!x.currency || !promised.currency || x.currency === promised.currency);
    if (!main && !f.offerPrices.length)
      add(
        'L4',
        'fail',
        'no price on the page',
        `ad promises ${formatPrice(promised)}, the page shows no price`,
      );
    else if (main && eq(main)) {
      if (main.top) inView.push('price');
      else below.push('the price');
      const offerOk = !f.offerPrices.length || f.offerPrices.some(eq);
      add(
        'L4',
        offerOk ? 'pass' : 'warn',
        `page shows ${formatPrice(main)}`,
        `structured data gives another price than ${formatPrice(promised)}`,
      );
    } else if (shownPrices.some(eq) || (!main && f.offerPrices.some(eq)))
      add(
        'L4',
        'warn',
        `${formatPrice(promised)} shown, not as the main price`,
        `ad promises ${formatPrice(promised)}, the main price shown is ${main ? formatPrice(main) : 'missing'}`,
      );
    else {
      const got = main ?? f.offerPrices[0]!;
      add(
        'L4',
        'fail',
        `page shows ${formatPrice(got)}`,
        `ad promises ${formatPrice(promised)}, the page shows ${formatPrice(got)}`,
      );
    }
  }

  const was = earlier && prominent(earlier.prices.filter((x) => !x.struck));
  const is = prominent(f.prices.filter((x) => !x.struck));
  if (was && is && Math.abs(was.value - is.value) >= 0.01) {
    const changed = `${formatPrice(was)} to ${formatPrice(is)}`;
    checks[checks.findIndex((x) => x.id === 'L4')] = {
      id: 'L4',
      status: 'fail',
      evidence: `main price changed from ${changed} with no visitor action`,
    };
    mismatches.push(`the price changed from ${changed} after landing`);
  }

  // L5 product match
  if (f.outOfStock)
    add('L5', 'fail', 'availability: out of stock', 'the advertised product is out of stock');
  else if (!p.sku) add('L5', 'n/a', 'no SKU promised');
  else if (f.skus.some((s) => s.toLowerCase() === p.sku!.toLowerCase()))
    add('L5', 'pass', `SKU ${p.sku} on the page`);
  else
    add(
      'L5',
      'fail',
      `SKU ${p.sku} not on the page`,
      `ad shows product ${p.sku}, the page shows ${f.skus[0] ?? 'no product id'}`,
    );

  // L6 above the fold
  if (!inView.length && !below.length) add('L6', 'n/a', 'nothing matched to place');
  else if (!below.length) add('L6', 'pass', `in the first viewport: ${inView.join(', ')}`);
  else
    add(
      'L6',
      'warn',
      `below the fold: ${below.join(', ')}`,
      `${below.join(', ')} only below the fold`,
    );

  // L7 attention ratio (informational), L8 behaviour (the later landing_exit event)
  const ratio = f.ctas ? f.links / f.ctas : f.links;
  add(
    'L7',
    ratio <= 5 ? 'pass' : 'warn',
    `${f.links} link targets : ${f.ctas} calls to action in the first viewport`,
  );
  add('L8', 'n/a', 'see landing_exit');

  let total = 0;
  let got = 0;
  for (const ch of checks) {
    const w = WEIGHTS[ch.id];
    if (!w || ch.status === 'n/a') continue;
    total += w;
    got += w * VALUE[ch.status];
  }
  return { score: total ? Math.round((got / total) * 100) : 100, checks, mismatches };
}

/** The most prominent price: in the first viewport first, then the largest font, then the first. */
export function prominent(list: ShownPrice[]): ShownPrice | undefined {
  let best: ShownPrice | undefined;
  for (const p of list) {
    if (!best || (p.top && !best.top) || (p.top === best.top && p.size > best.size)) best = p;
  }
  return best;
}

function worst(list: Status[]): Status {
  return list.includes('fail') ? 'fail' : list.includes('warn') ? 'warn' : 'pass';
}

function pathOf(url: string): string {
  try {
    return new URL(url, 'http://x').pathname;
  } catch {
    return url;
  }
}

const trim = (p: string) => p.replace(/\/+$/, '') || '/';
