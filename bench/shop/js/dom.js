// Markup helpers. The two themes differ in class names, wrappers and element order, so that a
// detector rule keyed to one theme's markup fails on the other.
import { theme } from './knobs.js';

/** The theme's class name for the semantic part `name`. */
export const cls = (name) => (theme === 'a' ? `c-${name}` : `shop__${name.replace(/-/g, '_')}x`);

/** Theme b wraps `html` in `depth` anonymous divs; theme a leaves it bare. */
export const wrap = (html, depth = 1) =>
  theme === 'a' ? html : `<div class="shop__w">`.repeat(depth) + html + `</div>`.repeat(depth);

/** Theme b reverses the order of sibling blocks (e.g. Wishlist after Add to cart). */
export const order = (parts) => (theme === 'a' ? parts : [...parts].reverse()).join('');

export const esc = (s) =>
  String(s).replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c],
  );

/** The element with `data-testid=id`. */
export const $ = (id, root = document) => root.querySelector(`[data-testid="${id}"]`);

/** Every element with a testid starting with `prefix`. */
export const $$ = (prefix, root = document) => [
  ...root.querySelectorAll(`[data-testid^="${prefix}"]`),
];

/** A product image (served by the bench server as a coloured SVG). */
export const img = (n, variant = 0, attrs = '', w = 240, h = 180) =>
  `<img src="/img/p${n}-${variant}.svg" alt="Product ${n}" width="${w}" height="${h}" ${attrs}>`;
