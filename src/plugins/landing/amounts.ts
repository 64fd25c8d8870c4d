/** A price read from text: `29,90 €`, `€29.90`, `1 299,00 EUR`, `29€90`. */
export interface Price {
  value: number;
  /** ISO code when the text names one (`€` → `EUR`), else `null`. */
  currency: string | null;
}

const CUR: Record<string, string> = {
  '€': 'EUR',
  eur: 'EUR',
  euro: 'EUR',
  euros: 'EUR',
  $: 'USD',
  usd: 'USD',
  '£': 'GBP',
  gbp: 'GBP',
  chf: 'CHF',
};
const C = '(€|\\$|£|eur|euros?|usd|gbp|chf)';
const N = '(\\d{1,3}(?:[ .,]\\d{3})+(?:[.,]\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?)';
const PRICE = new RegExp(`(?:${C} ?${N}|${N} ?${C}(?!\\w)|(\\d+) ?€ ?(\\d{2})\\b)`, 'g');

/**
 * Prices in folded text (see foldText), French and English formats: the last `,` or `.` is the
 * decimal mark when one or two digits follow it, any other separator groups thousands.
 */
export function readPrices(text: string): Price[] {
  const out: Price[] = [];
  for (const m of text.matchAll(PRICE)) {
    if (m[5] !== undefined) {
      out.push({ value: Number(`${m[5]}.${m[6]}`), currency: 'EUR' }); // 29€90
      continue;
    }
    const cur = (m[1] ?? m[4] ?? '').toLowerCase();
    const value = amount(m[2] ?? m[3] ?? '');
    if (Number.isFinite(value)) out.push({ value, currency: CUR[cur] ?? null });
  }
  return out;
}

/** `1 299,00` → 1299, `1,299.00` → 1299, `29,9` → 29.9, `1.299` → 1299. */
export function amount(s: string): number {
  const m = /^(.*?)(?:[.,](\d{1,2}))?$/.exec(s.trim());
  if (!m) return NaN;
  return Number(`${m[1]!.replace(/[ .,]/g, '')}${m[2] ? `.${m[2]}` : ''}`);
}

/** Percent discounts in folded text: `-20 %`, `20% off`, `20 % de reduction`, `jusqu'a -50%`. */
export function readDiscounts(text: string): number[] {
  const out = new Set<number>();
  for (const m of text.matchAll(
    /(?:^|[^\w])-\s?(\d{1,2})\s?%|\b(\d{1,2})\s?% (?:off|de (?:reduction|remise)|offerts?|discount|sur)/g,
  )) {
    out.add(Number(m[1] ?? m[2]));
  }
  return [...out];
}

/** Says "free shipping" in English or French. */
export const FREE_SHIPPING =
  /\b(free (shipping|delivery)|livraison (gratuite|offerte)|frais de port (offerts|gratuits))\b/;

/** `29.90 EUR`, for the mismatch sentences. */
export function formatPrice(p: Price): string {
  return `${p.value.toFixed(2)}${p.currency ? ` ${p.currency}` : ''}`;
}
