// Product page: gallery (thumbnails; the main image zooms with `zoom=1`, and keeps its pointer
// cursor without a handler with `zoom=0`), size chips (`size`, `gap` px), quantity stepper,
// Wishlist next to Add to cart, a "Free returns" pill, reviews, shipping/returns blocks
// (`info=top|bottom`).
import { bindAction, bumpCart, toast } from '../actions.js';
import { $, $$, cls, esc, img, order, wrap } from '../dom.js';
import { knob, num } from '../knobs.js';
import { mount } from '../layout.js';

const SIZES = ['S', 'M', 'L', 'XL'];

function gallery(n) {
  const thumbs = [0, 1, 2, 3]
    .map(
      (k) =>
        `<button type="button" class="${cls('thumb')}" data-testid="thumb-${k}" aria-label="View ${k + 1}">${img(n, k, '', 56, 42)}</button>`,
    )
    .join('');
  return `<div class="${cls('gallery')}">${wrap(img(n, 0, `class="${cls('main-img')}" data-testid="gallery-main"`))}<div class="${cls('thumbs')}">${thumbs}</div></div>`;
}

function buyBox(n) {
  const size = num('size', 40);
  const gap = num('gap', 8);
  const chips = SIZES.map(
    (s) =>
      `<button type="button" class="${cls('chip')}" data-testid="size-${s}" aria-pressed="false" style="width:${size}px;height:${size}px;margin-right:${gap}px">${s}</button>`,
  ).join('');
  const stepper = `<div class="${cls('stepper')}" role="group" aria-label="Quantity"><button type="button" data-testid="qty-minus" aria-label="−">−</button><output data-testid="qty" aria-live="polite">1</output><button type="button" data-testid="qty-plus" aria-label="+">+</button></div>`;
  const buttons = order([
    `<button type="button" class="${cls('wish')}" data-testid="wish" aria-pressed="false">♡ Wishlist</button>`,
    `<button type="button" class="${cls('add')}" data-testid="add-to-cart">Add to cart</button>`,
  ]);
  return `<div class="${cls('buy')}"><h1 class="${cls('pdp-title')}" data-testid="pdp-title">Runner ${n} Ultralight Trainer</h1><p class="${cls('price')}">€${49 + n * 10}</p><span class="${cls('pill')}" data-testid="badge-returns">Free returns</span><p class="${cls('label')}" data-testid="size-label">Size: <b data-testid="size-value">none</b></p><div class="${cls('chips')}" role="group" aria-label="Size">${chips}</div>${stepper}<div class="${cls('buttons')}">${buttons}</div></div>`;
}

function reviews() {
  const dist = [62, 21, 9, 5, 3]
    .map(
      (p, i) =>
        `<li>${5 - i} ★ <span class="${cls('bar')}" style="width:${p}px"></span> ${p} %</li>`,
    )
    .join('');
  return `<section class="${cls('reviews')}"><h2>Reviews (128)</h2><ul class="${cls('dist')}">${dist}</ul><blockquote data-testid="review-1">Light and comfortable, true to size.</blockquote></section>`;
}

const infoBlocks = () =>
  `<section class="${cls('info')}" data-testid="info-blocks"><h3>Shipping</h3><p>Free delivery in 2–4 days.</p><h3>Returns</h3><p>30 days to change your mind.</p></section>`;

export function render() {
  const n = num('p', 3);
  const desc = `<p class="${cls('desc')}" data-testid="desc">${esc('A light trainer for daily runs: breathable mesh upper, cushioned sole and a grippy outsole for wet streets.')}</p>`;
  const top = knob('info') === 'top' ? infoBlocks() : '';
  const bottom = knob('info') === 'top' ? '' : infoBlocks();
  mount(
    `${top}<div class="${cls('pdp')}">${order([gallery(n), buyBox(n)])}</div>${desc}${reviews()}${bottom}<div class="${cls('zoom')}" data-testid="zoom" hidden>${img(n, 0, '', 600, 450)}<button type="button" data-testid="zoom-close">Close</button></div>`,
  );
  $$('thumb-').forEach((t, k) =>
    t.addEventListener('click', () => ($('gallery-main').src = `/img/p${n}-${k}.svg`)),
  );
  if (knob('zoom', '1') === '1') {
    $('gallery-main').addEventListener('click', () => ($('zoom').hidden = false));
  }
  $('zoom-close').addEventListener('click', () => ($('zoom').hidden = true));
  for (const s of SIZES) {
    $(`size-${s}`).addEventListener('click', () => {
      $$('size-').forEach((c) => c.setAttribute('aria-pressed', String(c === $(`size-${s}`))));
      $('size-value').textContent = s;
    });
  }
  const qty = $('qty');
  const setQty = (v) => (qty.textContent = String(Math.max(1, v)));
  $('qty-plus').addEventListener('click', () => setQty(Number(qty.textContent) + 1));
  $('qty-minus').addEventListener('click', () => setQty(Number(qty.textContent) - 1));
  bindAction($('wish'), 'wish', () => {
    const on = $('wish').getAttribute('aria-pressed') !== 'true';
    $('wish').setAttribute('aria-pressed', String(on));
    $('wish').textContent = on ? '♥ Wishlisted' : '♡ Wishlist';
  });
  bindAction($('add-to-cart'), 'add', () => {
    bumpCart(Number(qty.textContent) || 1);
    toast('Added to cart');
  });
}
