import { foldText } from '../fold-text.js';
import { readDiscounts, readPrices } from './amounts.js';
import type { Price } from './amounts.js';

/** A price shown on the page. */
export interface ShownPrice extends Price {
  /** In the first viewport. */
  top: boolean;
  /** Font size in px (the most prominent price is the largest). */
  size: number;
  /** Struck through (`del`, `s`, `line-through`): an old price. */
  struck: boolean;
}

/** What the landing page shows, read once in idle time (SIGNALS.md §4.12 "on-page data"). */
export interface PageFacts {
  /** Title, h1 and og:title, folded. */
  heading: string;
  /** Visible text of the first viewport, folded (at most 5000 characters). */
  top: string;
  /** All visible text read, folded (at most 20 000 characters). */
  all: string;
  prices: ShownPrice[];
  /** `Offer.price` of schema.org JSON-LD. */
  offerPrices: Price[];
  skus: string[];
  outOfStock: boolean;
  notFound: boolean;
  /** Percent discounts shown in the first viewport / anywhere. */
  topDiscounts: number[];
  discounts: number[];
  /** Distinct link targets and calls to action in the first viewport (L7). */
  links: number;
  ctas: number;
}

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'head']);
const NOT_FOUND =
  /\b(404|page not found|not found|page introuvable|page non trouvee|n'existe (plus|pas))\b/;

/** Reads the page: at most `maxNodes` nodes, one layout read per text-holding element. */
export function readPageFacts(doc: Document, maxNodes: number): PageFacts {
  const h1 = doc.querySelector('h1')?.textContent ?? '';
  const og = doc.querySelector('meta[property="og:title"]')?.getAttribute('content') ?? '';
  const heading = foldText(`${doc.title} ${h1} ${og}`).slice(0, 1000);
  const prices: ShownPrice[] = [];
  let top = '';
  let all = '';
  const fold = innerHeight;
  const place = new Map<Element, { top: boolean; shown: boolean }>();
  const placeOf = (el: Element) => {
    let p = place.get(el);
    if (!p) {
      const r = el.getBoundingClientRect();
      p = { top: r.top + scrollY < fold, shown: shown(el) };
      place.set(el, p);
    }
    return p;
  };
  if (doc.body) {
    const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: (n) =>
        n.nodeType === 1 && SKIP.has((n as Element).localName)
          ? NodeFilter.FILTER_REJECT
          : NodeFilter.FILTER_ACCEPT,
    });
    let n = 0;
    for (
      let node = walker.nextNode();
      node && n < maxNodes && all.length < 20_000;
      node = walker.nextNode()
    ) {
      n++;
      const el = node.parentElement;
      if (node.nodeType !== 3 || !el || !node.nodeValue?.trim()) continue;
      const p = placeOf(el);
      if (!p.shown) continue;
      const text = foldText(node.nodeValue.slice(0, 500));
      all += ` ${text}`;
      if (p.top && top.length < 5000) top += ` ${text}`;
      for (const pr of readPrices(text)) {
        const cs = getComputedStyle(el);
        const struck =
          !!el.closest('del, s, strike') ||
          /line-through/.test(cs.textDecorationLine || cs.textDecoration || '');
        prices.push({ ...pr, top: p.top, size: parseFloat(cs.fontSize) || 0, struck });
      }
    }
  }
  const ld = readProductLd(doc);
  for (const el of doc.querySelectorAll('[itemprop="sku"], [data-sku]')) {
    const v = el.getAttribute('content') ?? el.getAttribute('data-sku') ?? el.textContent;
    if (v?.trim()) ld.skus.push(v.trim().slice(0, 64));
  }
  const linkSet = new Set<string>();
  let ctas = 0;
  for (const el of [...doc.querySelectorAll('a[href], button, input[type="submit"]')].slice(
    0,
    500,
  )) {
    if (!placeOf(el).top || !placeOf(el).shown) continue;
    if (el.localName === 'a' && !/button/.test(el.getAttribute('role') ?? ''))
      linkSet.add((el as HTMLAnchorElement).href);
    else ctas++;
  }
  const nav = performance.getEntriesByType?.('navigation')[0] as
    (PerformanceEntry & { responseStatus?: number }) | undefined;
  return {
    heading,
    top,
    all,
    prices,
    offerPrices: ld.prices,
    skus: ld.skus,
    outOfStock: ld.outOfStock,
    notFound: NOT_FOUND.test(foldText(`${doc.title} ${h1}`)) || (nav?.responseStatus ?? 0) >= 400,
    topDiscounts: readDiscounts(top),
    discounts: readDiscounts(all),
    links: linkSet.size,
    ctas,
  };
}

function shown(el: Element): boolean {
  const check = (el as Element & { checkVisibility?: (o: object) => boolean }).checkVisibility;
  if (check) return check.call(el, { visibilityProperty: true, opacityProperty: true });
  const cs = getComputedStyle(el);
  return cs.display !== 'none' && cs.visibility !== 'hidden';
}

/** schema.org Product / Offer in JSON-LD: prices, SKU / GTIN, availability. */
function readProductLd(doc: Document): { prices: Price[]; skus: string[]; outOfStock: boolean } {
  const out = { prices: [] as Price[], skus: [] as string[], outOfStock: false };
  for (const s of [...doc.querySelectorAll('script[type="application/ld+json"]')].slice(0, 5)) {
    let budget = 500;
    const visit = (v: unknown): void => {
      if (!v || typeof v !== 'object' || --budget < 0) return;
      if (Array.isArray(v)) return v.forEach(visit);
      const o = v as Record<string, unknown>;
      for (const k of ['sku', 'gtin', 'gtin8', 'gtin12', 'gtin13', 'gtin14', 'mpn']) {
        if (typeof o[k] === 'string' || typeof o[k] === 'number')
          out.skus.push(String(o[k]).slice(0, 64));
      }
      const price = o.price ?? o.lowPrice;
      if (
        (typeof price === 'string' || typeof price === 'number') &&
        Number.isFinite(Number(price))
      ) {
        out.prices.push({
          value: Number(price),
          currency: typeof o.priceCurrency === 'string' ? o.priceCurrency.toUpperCase() : null,
        });
      }
      if (
        typeof o.availability === 'string' &&
        /OutOfStock|SoldOut|Discontinued/i.test(o.availability)
      )
        out.outOfStock = true;
      Object.values(o).forEach(visit);
    };
    try {
      if ((s.textContent ?? '').length <= 50_000) visit(JSON.parse(s.textContent ?? ''));
    } catch {}
  }
  return out;
}
