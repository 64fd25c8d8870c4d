// Category grid: cards with image link, title link, price, colour swatches (each changes the
// card image), a wishlist heart next to quick-add; `banner=1` puts a promo banner link after the
// fourth card (the fling-scroll tap).
import { bindAction, bumpCart, toast } from '../actions.js';
import { $, $$, cls, img, order, wrap } from '../dom.js';
import { knob, link, num } from '../knobs.js';
import { mount } from '../layout.js';

const COLOURS = ['#222', '#c33', '#36c', '#3a6'];

function card(n) {
  const swatches = COLOURS.map(
    (c, k) =>
      `<button type="button" class="${cls('swatch')}" data-testid="swatch-${n}-${k}" aria-label="Colour ${k + 1}" style="background:${c}"></button>`,
  ).join('');
  const actions = order([
    `<button type="button" class="${cls('heart')}" data-testid="wish-${n}" aria-pressed="false" aria-label="Add to wishlist">♡</button>`,
    `<button type="button" class="${cls('quick')}" data-testid="quick-${n}">Quick add</button>`,
  ]);
  const href = link('/pdp.html', { p: n });
  const parts = [
    `<a class="${cls('card-img')}" data-testid="card-img-${n}" href="${href}">${img(n, 0, `data-testid="card-pic-${n}"`)}</a>`,
    `<h3 class="${cls('card-title')}"><a data-testid="card-title-${n}" href="${href}">Runner ${n}</a></h3>`,
    `<p class="${cls('price')}">€${49 + n * 10}</p>`,
    `<div class="${cls('swatches')}">${swatches}</div>`,
    `<div class="${cls('card-actions')}">${actions}</div>`,
  ];
  return `<article class="${cls('card')}" data-testid="card-${n}">${wrap(parts.join(''))}</article>`;
}

export function render() {
  const count = num('cards', 8);
  const banner = `<a class="${cls('banner')}" data-testid="promo-banner" href="${link('/info.html', { p: 'promo' })}" style="display:block;grid-column:1/-1;padding:30px 16px;background:#fc3;color:#222;text-align:center">Winter sale: 40 % off</a>`;
  const cards = Array.from(
    { length: count },
    (_, i) => card(i + 1) + (i === 3 && knob('banner') === '1' ? banner : ''),
  ).join('');
  mount(`<h1 class="${cls('title')}">Running shoes</h1><div class="${cls('grid')}">${cards}</div>`);
  for (let n = 1; n <= count; n++) {
    $$(`swatch-${n}-`).forEach((s, k) =>
      s.addEventListener('click', () => {
        $(`card-pic-${n}`).src = `/img/p${n}-${k}.svg`;
      }),
    );
    const heart = $(`wish-${n}`);
    heart.addEventListener('click', () => {
      const on = heart.getAttribute('aria-pressed') !== 'true';
      heart.setAttribute('aria-pressed', String(on));
      heart.textContent = on ? '♥' : '♡';
    });
    bindAction($(`quick-${n}`), 'quick', () => {
      bumpCart();
      toast(`Runner ${n} added to cart`);
    });
  }
}
