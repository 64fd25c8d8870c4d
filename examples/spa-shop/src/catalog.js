/** The demo catalog, shared by the views. */
export const CATALOG = {
  A1: { name: 'Linen shirt', price: 29.9 },
  B2: { name: 'Canvas sneakers', price: 59 },
  C3: { name: 'Wool scarf', price: 24.5 },
  D4: { name: 'Leather belt', price: 35 },
};
export const CURRENCY = 'EUR';
export const money = (value) => `€${value.toFixed(2)}`;

const KEY = 'demo-spa:cart';
export function readCart() {
  try {
    const items = JSON.parse(localStorage.getItem(KEY) || '[]');
    return Array.isArray(items) ? items.filter((sku) => sku in CATALOG) : [];
  } catch {
    return [];
  }
}
export function writeCart(items) {
  try {
    localStorage.setItem(KEY, JSON.stringify(items));
  } catch {
    // Private mode: the cart lives for this page only.
  }
  for (const el of document.querySelectorAll('[data-cart-count]')) {
    el.textContent = String(items.length);
  }
}
export const cartTotal = (items) =>
  Math.round(items.reduce((sum, sku) => sum + CATALOG[sku].price, 0) * 100) / 100;
