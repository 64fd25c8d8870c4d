// Header (logo, navigation, optional countdown ticker, cart badge), footer links and the toast
// region. `ticker=1` updates a countdown every second, `ticker=fast` every 100 ms: mutation
// noise outside any control's scope.
import { cls, order, wrap } from './dom.js';
import { knob, link, theme } from './knobs.js';

const ticker = () =>
  knob('ticker')
    ? `<div class="${cls('ticker')}" data-testid="ticker">Sale ends in <b data-testid="ticker-time">02:00:00</b></div>`
    : '';

function header() {
  const nav = order([
    `<a class="${cls('nav-link')}" data-testid="nav-category" href="${link('/category.html')}">Shoes</a>`,
    `<a class="${cls('nav-link')}" data-testid="nav-pdp" href="${link('/pdp.html')}">Best seller</a>`,
  ]);
  const cart = `<a class="${cls('cart-link')}" data-testid="nav-cart" href="${link('/cart.html')}">Cart <span class="${cls('badge')}" data-testid="cart-badge" aria-live="polite">0</span></a>`;
  const logo = `<a class="${cls('logo')}" data-testid="logo" href="${link('/index.html')}">Bench Shop</a>`;
  return theme === 'a'
    ? `<header class="c-header">${logo}<nav class="c-nav">${nav}</nav>${ticker()}${cart}</header>`
    : `<div class="shop__topx" role="banner">${wrap(cart)}${ticker()}${wrap(`<nav>${nav}</nav>`)}${wrap(logo, 2)}</div>`;
}

function footer() {
  const links = ['returns', 'shipping', 'contact']
    .map(
      (p) =>
        `<a class="${cls('foot-link')}" data-testid="foot-${p}" href="${link('/info.html', { p })}">${p[0].toUpperCase()}${p.slice(1)}</a>`,
    )
    .join(theme === 'a' ? '' : ' · ');
  return `<footer class="${cls('footer')}">${wrap(links)}<p class="${cls('legal')}">© Bench Shop, a test storefront.</p></footer>`;
}

function startTicker() {
  const el = document.querySelector('[data-testid="ticker-time"]');
  if (!el) return;
  let left = 7200;
  const every = knob('ticker') === 'fast' ? 100 : 1000;
  setInterval(() => {
    left = (left - 1 + 7200) % 7200;
    const p = (n) => String(n).padStart(2, '0');
    el.textContent = `${p(Math.floor(left / 3600))}:${p(Math.floor(left / 60) % 60)}:${p(left % 60)}`;
  }, every);
}

/** Renders the page chrome around `main` and starts the ticker. */
export function mount(main) {
  document.body.className = cls('body');
  document.body.innerHTML = `${header()}<main class="${cls('main')}">${main}</main>${footer()}<div class="${cls('toast')}" data-testid="toast" role="status" hidden></div>`;
  startTicker();
}
