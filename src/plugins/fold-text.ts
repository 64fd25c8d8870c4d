/**
 * Text as the heuristics compare it: accents removed (NFD, combining marks dropped), lower
 * case, typographic apostrophes, minus signs and spaces (`\u00a0`, `\u202f` in French prices)
 * made plain, runs of white space collapsed.
 */
export function foldText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u2212\u2013\u2010]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}
