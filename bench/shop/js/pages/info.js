// Footer pages: returns, shipping, contact; the promo page of the category banner.
import { cls } from '../dom.js';
import { knob } from '../knobs.js';
import { mount } from '../layout.js';

const TEXT = {
  returns: 'Return any item within 30 days, free of charge.',
  shipping: 'Free delivery in 2–4 working days; express next day for €6.',
  promo: 'Winter sale: 40 % off every trainer until Sunday.',
  contact: 'Write to help@bench.example or call 01 23 45 67 89.',
};

export function render() {
  const p = TEXT[knob('p')] ? knob('p') : 'returns';
  mount(
    `<h1 class="${cls('title')}">${p[0].toUpperCase()}${p.slice(1)}</h1><p class="${cls('desc')}" data-testid="info-text">${TEXT[p]}</p>`,
  );
}
