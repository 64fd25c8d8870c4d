// Home: hero carousel (autoplay knob), category tiles, a call to action.
import { carouselHtml, startCarousel } from '../carousel.js';
import { cls, img, order, wrap } from '../dom.js';
import { link } from '../knobs.js';
import { mount } from '../layout.js';

export function render() {
  const tiles = ['Running', 'Trail', 'Casual', 'Kids']
    .map(
      (name, i) =>
        `<a class="${cls('tile')}" data-testid="tile-${i}" href="${link('/category.html', { c: name.toLowerCase() })}">${wrap(img(i + 2, 1))}<span>${name}</span></a>`,
    )
    .join('');
  const hero = `<div class="${cls('hero')}"><h1>Winter sale</h1><p class="${cls('lead')}" data-testid="hero-text">Up to 40 % off running shoes this week.</p><a class="${cls('cta')}" data-testid="hero-cta" href="${link('/category.html')}">Shop the sale</a></div>`;
  mount(
    order([hero, carouselHtml('hero-carousel')]) +
      `<section class="${cls('tiles')}"><h2>Categories</h2>${wrap(tiles)}</section>`,
  );
  startCarousel('hero-carousel');
}
