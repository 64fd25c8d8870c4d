// One function per route: each returns the view's elements and wires its buttons. Built with
// the DOM API (no innerHTML), so product names are text, never markup.
import { CATALOG, CURRENCY, cartTotal, money, readCart, writeCart } from './catalog.js';

const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
};
const link = (href, text, className = '') => {
  const a = el('a', { href, className, textContent: text });
  a.dataset.link = '';
  return a;
};

export function home() {
  const cards = Object.entries(CATALOG).map(([sku, p]) =>
    el('li', { className: 'card' }, link(`/product/${sku}`, `${p.name} · ${money(p.price)}`)),
  );
  return [el('h1', { textContent: 'New season' }), el('ul', { className: 'grid' }, ...cards)];
}

export function product({ sku }, { tracker, say }) {
  const p = CATALOG[sku];
  if (!p) return [el('p', { textContent: 'This product does not exist.' }), link('/', 'Home')];
  tracker.track('view_item', { sku, price: p.price, currency: CURRENCY });
  const add = el('button', {
    type: 'button',
    className: 'button primary',
    textContent: 'Add to cart',
  });
  add.addEventListener('click', () => {
    writeCart([...readCart(), sku]);
    tracker.track('add_to_cart', { sku, price: p.price, currency: CURRENCY });
    say(`${p.name} was added to your cart.`);
  });
  return [
    el('h1', { textContent: p.name }),
    el('p', { className: 'price', textContent: money(p.price) }),
    add,
    el('p', { className: 'reassurance', textContent: 'Free returns within 30 days' }),
  ];
}

export function cart(_, { navigate }) {
  const items = readCart();
  const lines = items.map((sku) =>
    el('li', { textContent: `${CATALOG[sku].name} · ${money(CATALOG[sku].price)}` }),
  );
  const go = el('button', { type: 'button', className: 'button primary', textContent: 'Checkout' });
  go.disabled = items.length === 0;
  go.addEventListener('click', () => navigate('/checkout'));
  return [
    el('h1', { textContent: 'Your cart' }),
    el('ul', { className: 'lines' }, ...lines),
    el('p', { textContent: `Total: ${money(cartTotal(items))}` }),
    go,
  ];
}

export function checkout(_, { navigate }) {
  const next = el('button', {
    type: 'button',
    className: 'button primary',
    textContent: 'Continue to payment',
  });
  next.addEventListener('click', () => navigate('/checkout/payment'));
  return [
    el('h1', { textContent: 'Delivery' }),
    el('p', { textContent: 'Alex Martin, 12 rue des Lilas, Lyon' }),
    next,
  ];
}

export function payment(_, { navigate, tracker }) {
  const pay = el('button', {
    type: 'button',
    className: 'button primary',
    textContent: `Pay ${money(cartTotal(readCart()))}`,
  });
  pay.addEventListener('click', () => {
    const items = readCart();
    if (items.length) {
      tracker.track('purchase', {
        value: cartTotal(items),
        currency: CURRENCY,
        items: items.length,
      });
    }
    writeCart([]);
    navigate('/order-confirmation');
  });
  return [
    el('h1', { textContent: 'Payment' }),
    el('p', {
      className: 'reassurance',
      textContent: '🔒 Secure checkout: card details are encrypted.',
    }),
    pay,
  ];
}

export const confirmation = () => [
  el('h1', { textContent: 'Thank you!' }),
  el('p', { textContent: 'Your order is confirmed (demo: nothing is charged).' }),
  link('/', 'Continue shopping'),
];
