import { foldText } from '../fold-text.js';
import { FREE_SHIPPING } from './amounts.js';
import type { Status } from './checks.js';
import type { PageFacts } from './page-facts.js';
import { containment, tokens } from './tokens.js';

/**
 * L3 for the offer text of an ad: a percent discount (`-20 %`, `20% off`), free shipping, or
 * words of the offer. Returns the status, the evidence and the mismatch sentence; what matched
 * is noted in `inView` or `below` for L6.
 */
export function offerCheck(
  offer: string,
  f: PageFacts,
  inView: string[],
  below: string[],
): [Status, string, string?] {
  const o = foldText(offer);
  const m = /(\d{1,2}) ?%/.exec(o);
  if (m) {
    const pct = Number(m[1]);
    if (f.topDiscounts.includes(pct)) return (inView.push('discount'), ['pass', `-${pct} % shown`]);
    if (f.discounts.includes(pct))
      return (
        below.push(`the -${pct} %`),
        ['warn', `-${pct} % shown below the fold`, `-${pct} % only below the fold`]
      );
    const other = f.discounts[0];
    if (other !== undefined)
      return ['fail', `page shows -${other} %`, `ad promises −${pct} %, page shows −${other} %`];
    if (f.prices.some((x) => x.struck))
      return ['pass', 'a reduced price is shown (struck-through old price)'];
    return ['fail', 'no discount shown', `ad promises −${pct} %, page shows no discount`];
  }
  if (FREE_SHIPPING.test(o)) {
    if (FREE_SHIPPING.test(f.top))
      return (inView.push('free shipping'), ['pass', 'free shipping shown']);
    if (FREE_SHIPPING.test(f.all))
      return (
        below.push('free shipping'),
        ['warn', 'free shipping below the fold', 'free shipping only below the fold']
      );
    return [
      'fail',
      'free shipping not mentioned',
      'ad promises free shipping, the page does not mention it',
    ];
  }
  const { share, missing } = containment(tokens(offer), new Set(tokens(f.all)));
  if (share >= 0.6) return ['pass', `offer words shown (${Math.round(share * 100)} %)`];
  return [
    'fail',
    `offer words missing: ${missing.join(', ')}`,
    `ad offers "${offer.slice(0, 60)}", the page does not show it`,
  ];
}
