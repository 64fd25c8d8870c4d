import { foldText } from '../fold-text.js';

const STOP = new Set(
  (
    'a an and the of for to in on at with by or your our you is are be this that from new now ' +
    'le la les l un une des de du d et ou en au aux a pour par sur avec votre vos nos notre ce ces est sont vous'
  ).split(' '),
);

/**
 * Words of `s` as L2 compares them (SIGNALS.md §4.12): folded (accents, case), stop words
 * dropped (English, French), light stemming (a final plural `s` / `x`).
 */
export function tokens(s: string): string[] {
  const out: string[] = [];
  for (const w of foldText(s).split(/[^a-z0-9%]+/)) {
    if (!w || STOP.has(w) || (w.length < 2 && !/\d/.test(w))) continue;
    out.push(w.length > 3 ? w.replace(/(?<!s)[sx]$/, '') : w);
  }
  return out;
}

/** Share of the distinct words of `ad` found in `page` (0–1), and those missing. */
export function containment(ad: string[], page: Set<string>): { share: number; missing: string[] } {
  const words = [...new Set(ad)];
  const missing = words.filter((w) => !page.has(w));
  return { share: words.length ? (words.length - missing.length) / words.length : 1, missing };
}
