// A slide carousel: prev/next arrows change the slide index (in the carousel's own section, so
// the change is in scope of the arrows); `autoplay=1` advances every 3 s (mutation noise).
import { cls, img, wrap } from './dom.js';
import { knob } from './knobs.js';

/** The carousel markup for `n` slides; `id` prefixes the testids. */
export function carouselHtml(id, n = 5) {
  const slides = Array.from(
    { length: n },
    (_, i) =>
      `<figure class="${cls('slide')}" data-slide="${i}" ${i ? 'hidden' : ''}>${img(i + 1, 0)}<figcaption>Look ${i + 1}</figcaption></figure>`,
  ).join('');
  const arrow = (dir, text) =>
    `<button type="button" class="${cls('arrow')}" data-testid="${id}-${dir}" aria-label="${dir === 'next' ? 'Next slide' : 'Previous slide'}">${text}</button>`;
  return `<section class="${cls('carousel')}" data-testid="${id}" aria-roledescription="carousel">${wrap(slides)}${arrow('prev', '‹')}${arrow('next', '›')}<p class="${cls('dots')}" data-testid="${id}-index">1 / ${n}</p></section>`;
}

/** Wires the arrows and autoplay of the carousel `id`. */
export function startCarousel(id) {
  const root = document.querySelector(`[data-testid="${id}"]`);
  if (!root) return;
  const slides = [...root.querySelectorAll('[data-slide]')];
  let at = 0;
  const show = (i) => {
    at = (i + slides.length) % slides.length;
    slides.forEach((s, k) => (s.hidden = k !== at));
    root.querySelector(`[data-testid="${id}-index"]`).textContent = `${at + 1} / ${slides.length}`;
  };
  root.querySelector(`[data-testid="${id}-next"]`).addEventListener('click', () => show(at + 1));
  root.querySelector(`[data-testid="${id}-prev"]`).addEventListener('click', () => show(at - 1));
  if (knob('autoplay') === '1') setInterval(() => show(at + 1), 3000);
}
