// Header (logo, navigation, optional countdown ticker, cart badge), footer links and the toast
// region. `ticker=1` updates a countdown every second, `ticker=fast` every 100 ms: mutation
// noise outside any control's scope. `icons=1` adds a 20×20 hamburger next to a 20×20 cart
// icon (4 px apart), each opening a drawer; `foot=stack` stacks the footer links 20 px apart.
import { cls, order, wrap } from './dom.js';
import { knob, link, theme } from './knobs.js';

const ticker = () =>
  knob('ticker')
    ? `<div class="${cls('ticker')}" data-testid="ticker">Sale ends in <b data-testid="ticker-time">02:00:00</b></div>`
    : '';

const ICON =
  'width:20px;height:20px;padding:0;margin:0;border:1px solid #888;font-size:12px;line-height:1';

function icons() {
  if (knob('icons') !== '1') return '';
  const drawer = (id, title, body) =>
    `<div class="${cls('drawer')}" data-testid="${id}" id="${id}" role="dialog" aria-label="${title}" hidden style="position:fixed;top:60px;right:10px;width:240px;background:#fff;border:1px solid #999;padding:10px;z-index:5"><p>${title}</p>${body}<button type="button" data-testid="${id}-close">Close</button></div>`;
  return `<div class="${cls('icons')}" role="toolbar" aria-label="Shortcuts" style="display:flex;gap:4px"><button type="button" data-testid="hamburger" aria-label="Menu" aria-expanded="false" aria-controls="menu-drawer" style="${ICON}">☰</button><button type="button" data-testid="cart-icon" aria-label="Cart" aria-expanded="false" aria-controls="cart-drawer" style="${ICON}">🛒</button></div>${drawer('menu-drawer', 'Menu', `<a data-testid="menu-shoes" href="${link('/category.html')}">Shoes</a>`)}${drawer('cart-drawer', 'Your cart', '<p>2 items</p>')}`;
}

function bindIcons() {
  for (const [btn, id] of [
    ['hamburger', 'menu-drawer'],
    ['cart-icon', 'cart-drawer'],
  ]) {
    const b = document.querySelector(`[data-testid="${btn}"]`);
    const d = document.getElementById(id);
    if (!b || !d) continue;
    const set = (open) => {
      d.hidden = !open;
      b.setAttribute('aria-expanded', String(open));
    };
    b.addEventListener('click', () => set(d.hidden));
    d.querySelector(`[data-testid="${id}-close"]`).addEventListener('click', () => set(false));
  }
}

function header() {
  const nav = order([
    `<a class="${cls('nav-link')}" data-testid="nav-category" href="${link('/category.html')}">Shoes</a>`,
    `<a class="${cls('nav-link')}" data-testid="nav-pdp" href="${link('/pdp.html')}">Best seller</a>`,
  ]);
  const cart = `<a class="${cls('cart-link')}" data-testid="nav-cart" href="${link('/cart.html')}">Cart <span class="${cls('badge')}" data-testid="cart-badge" aria-live="polite">0</span></a>`;
  const logo = `<a class="${cls('logo')}" data-testid="logo" href="${link('/index.html')}">Bench Shop</a>`;
  return theme === 'a'
    ? `<header class="c-header">${logo}<nav class="c-nav">${nav}</nav>${ticker()}${icons()}${cart}</header>`
    : `<div class="shop__topx" role="banner">${wrap(cart)}${wrap(icons())}${ticker()}${wrap(`<nav>${nav}</nav>`)}${wrap(logo, 2)}</div>`;
}

function footer() {
  const stack =
    knob('foot') === 'stack' ? ' style="display:block;width:max-content;margin:0 0 20px"' : '';
  const links = ['returns', 'shipping', 'contact']
    .map(
      (p) =>
        `<a class="${cls('foot-link')}" data-testid="foot-${p}" href="${link('/info.html', { p })}"${stack}>${p[0].toUpperCase()}${p.slice(1)}</a>`,
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
  bindIcons();
}
