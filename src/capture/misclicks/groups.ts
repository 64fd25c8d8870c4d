import { aligned, type Box, boxGap } from './geometry.js';

/** Containers that hold controls meant as alternatives (SIGNALS.md §4.6 "Control groups"). */
const GROUPS =
  '[role=group],[role=radiogroup],[role=toolbar],[role=tablist],[role=menu],[role=menubar],' +
  '[role=listbox],fieldset,dialog,[role=dialog],[role=alertdialog],form,nav,ul,ol,li,tr,article,footer,header';

/** The control group of `el`: its nearest grouping ancestor, or null. */
export function groupOf(el: Element): Element | null {
  const g = el.parentElement?.closest(GROUPS);
  return g && g !== document.body ? g : null;
}

/**
 * Whether B is a neighbour of A: in the same group, or, spatially, within 1.5 × A's larger side
 * and sharing a row or a column.
 */
export function neighbours(
  a: Element,
  aBox: Box,
  b: Element,
  bBox: Box,
): { near: boolean; group: boolean } {
  const ga = groupOf(a);
  const group = !!ga && ga.contains(b) && ga !== b;
  const spatial = boxGap(aBox, bBox) <= 1.5 * Math.max(aBox.w, aBox.h) && aligned(aBox, bBox);
  return { near: group || spatial, group };
}

/** Opposite pairs of accessible names (a wrong press on one is usually meant for the other). */
const OPPOSITES: [RegExp, RegExp][] = [
  [
    /cancel|annuler|no\b|non\b|decline|refuser|keep|garder/i,
    /confirm|ok\b|yes|oui|continue|continuer|accept|accepter|delete|supprimer|remove|retirer/i,
  ],
  [/remove|delete|supprimer|retirer|−|-/i, /add|ajouter|\+|keep|garder/i],
  [/back|retour|prev|précédent/i, /next|suivant|continue|continuer/i],
  [/wish|favori|heart|♡|♥/i, /cart|panier|bag|sac|buy|acheter/i],
  [/unsubscribe|désabonner/i, /subscribe|abonner/i],
  [/close|fermer|×|✕/i, /open|ouvrir|menu/i],
];

/** Whether two accessible names are known opposites (either way round). */
export function opposed(a: string, b: string): boolean {
  return OPPOSITES.some(([x, y]) => (x.test(a) && y.test(b)) || (y.test(a) && x.test(b)));
}
