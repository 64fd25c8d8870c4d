const ASCII = /^[\t\n\f\r\x20-\x7e]*$/;

/**
 * Text as the heuristics compare it: accents removed (NFD, combining marks dropped), lower
 * case, typographic apostrophes, minus signs and spaces (`\u00a0`, `\u202f` in French prices)
 * made plain, runs of white space collapsed.
 */
export function foldText(s: string): string {
  // Plain ASCII has no accents nor typographic marks: lower case and spaces only.
  if (ASCII.test(s)) return s.toLowerCase().replace(/\s+/g, ' ').trim();
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u2212\u2013\u2010]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}
