/**
 * Does an element that is not a control look clickable? (SIGNALS.md §4.2 "Affordance score".)
 * 0–1; read at verdict time, never on the click path (it reads computed styles).
 */
export function affordance(el: Element): number {
  const cs = getComputedStyle(el);
  let s = 0;
  if (cs.cursor === 'pointer') s += 0.4;
  const body = getComputedStyle(document.body);
  if (cs.textDecorationLine.includes('underline') || (el.textContent && cs.color !== body.color))
    s += 0.2;
  if (buttonLike(el, cs)) s += 0.2;
  const tag = el.localName;
  if (
    ((tag === 'img' || tag === 'picture') &&
      el.closest('figure,article,li,[class*=card i],[class*=product i],[class*=gallery i]')) ||
    (tag === 'svg' && el.getBoundingClientRect().width <= 32)
  )
    s += 0.2;
  const text = (el.textContent ?? '').slice(0, 200);
  if (WORDS.test(text)) s += 0.1;
  if (el.getAttribute('role') === 'img' && el.hasAttribute('title')) s += 0.1;
  return Math.min(1, Math.round(s * 100) / 100);
}

/** Words of a call to action, English and French. */
const WORDS =
  /\b(more|view|details|size guide|free returns|free delivery|plus|voir|détails|guide des tailles|retours? gratuits?|livraison offerte)\b/i;

function buttonLike(el: Element, cs: CSSStyleDeclaration): boolean {
  const parent = el.parentElement;
  if (!parent) return false;
  const bg = cs.backgroundColor;
  const filled = bg !== 'rgba(0, 0, 0, 0)' && bg !== getComputedStyle(parent).backgroundColor;
  const rounded = parseFloat(cs.borderTopLeftRadius) > 0 || parseFloat(cs.borderTopWidth) > 0;
  return filled && rounded && parseFloat(cs.paddingTop) + parseFloat(cs.paddingLeft) >= 4;
}
