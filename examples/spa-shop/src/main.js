// The SPA shop: parcours from npm (`import { init } from 'parcours'`), History API routes.
// Each pushState is a page view with `spa: true` and a route timing; the 'ecommerce' funnel
// preset recognises the routes (/product/*, /cart, /checkout, /checkout/payment,
// /order-confirmation), so the funnel needs no code.
import { init } from 'parcours';
import { device } from 'parcours/plugins/device';
import { reassurance } from 'parcours/plugins/reassurance';
import { readCart, writeCart } from './catalog.js';
import * as views from './views.js';

const tracker = init({
  endpoint: import.meta.env.VITE_PARCOURS_ENDPOINT ?? 'http://127.0.0.1:8787/v1/batch',
  siteId: 'demo-spa',
  funnels: ['ecommerce'],
  plugins: [device(), reassurance()],
});

const ROUTES = [
  [/^\/$/, views.home],
  [/^\/product\/(?<sku>[A-Z0-9]+)$/, views.product],
  [/^\/cart$/, views.cart],
  [/^\/checkout$/, views.checkout],
  [/^\/checkout\/payment$/, views.payment],
  [/^\/order-confirmation$/, views.confirmation],
];

const app = document.getElementById('app');
const status = Object.assign(document.createElement('p'), { className: 'status' });
status.setAttribute('role', 'status');
const say = (text) => (status.textContent = text);

function render() {
  const path = location.pathname.replace(/\/+$/, '') || '/';
  const route = ROUTES.find(([re]) => re.test(path));
  const params = route ? (path.match(route[0]).groups ?? {}) : {};
  const view = route
    ? route[1]
    : () => [Object.assign(document.createElement('h1'), { textContent: 'Not found' })];
  say('');
  app.replaceChildren(...view(params, { tracker, navigate, say }), status);
  writeCart(readCart());
}

function navigate(to) {
  if (to === location.pathname) return;
  history.pushState(null, '', to);
  render();
}

document.addEventListener('click', (event) => {
  const a = event.target instanceof Element ? event.target.closest('a[data-link]') : null;
  if (!a || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey) return;
  event.preventDefault();
  navigate(a.getAttribute('href'));
});
addEventListener('popstate', render);
render();
