// Demo storefront behaviour. Tracking goes through the `parcours` stub defined in each
// page's <head>, so calls made before /parcours.iife.js has loaded are queued, not lost.
(() => {
  const CURRENCY = 'EUR';
  const CART_KEY = 'demo-shop:cart';
  const CATALOG = {
    A1: { name: 'Linen shirt', price: 29.9, description: 'Breathable linen, relaxed fit.' },
    B2: { name: 'Canvas sneakers', price: 59, description: 'Low-top canvas with a rubber sole.' },
    C3: { name: 'Wool scarf', price: 24.5, description: 'Soft merino wool, 180 cm long.' },
    D4: { name: 'Leather belt', price: 35, description: 'Full-grain leather, brass buckle.' },
    E5: { name: 'Denim jacket', price: 89, description: 'Rigid denim that softens with wear.' },
    F6: {
      name: 'Cotton socks (3 pairs)',
      price: 12.9,
      description: 'Combed cotton, reinforced heel.',
    },
  };

  const track = (name, props) => window.parcours('track', name, props);
  const money = (value) => `€${value.toFixed(2)}`;
  const all = (selector) => document.querySelectorAll(selector);
  const one = (selector) => document.querySelector(selector);

  function readCart() {
    try {
      const items = JSON.parse(localStorage.getItem(CART_KEY) || '[]');
      return Array.isArray(items) ? items.filter((sku) => sku in CATALOG) : [];
    } catch {
      return [];
    }
  }

  function writeCart(items) {
    try {
      localStorage.setItem(CART_KEY, JSON.stringify(items));
    } catch {
      // Private mode or storage full: the cart just does not survive this page.
    }
    for (const el of all('[data-cart-count]')) el.textContent = String(items.length);
  }

  function say(text) {
    const status = one('[data-status]');
    if (status) status.textContent = text;
  }

  function setUpProduct() {
    const sku = new URLSearchParams(location.search).get('sku') || '';
    const product = CATALOG[sku];
    if (!product) {
      one('[data-not-found]').hidden = false;
      one('.product-layout').hidden = true;
      return;
    }
    document.title = `${product.name} · Parcours Demo Shop`;
    for (const el of all('[data-product-name]')) el.textContent = product.name;
    one('[data-product-price]').textContent = money(product.price);
    one('[data-product-description]').textContent = product.description;
    one('[data-product-swatch]').classList.add(`swatch-${sku.toLowerCase()}`);

    one('[data-add-to-cart]').addEventListener('click', () => {
      writeCart([...readCart(), sku]);
      track('add_to_cart', { sku, price: product.price, currency: CURRENCY });
      say(`${product.name} was added to your cart.`);
    });

    for (const chip of all('.chip')) {
      chip.addEventListener('click', () => {
        for (const other of all('.chip'))
          other.setAttribute('aria-checked', String(other === chip));
        say(`Size ${chip.textContent} selected.`);
      });
    }

    const wishlist = one('[data-wishlist]');
    wishlist.addEventListener('click', () => {
      const saved = wishlist.getAttribute('aria-pressed') !== 'true';
      wishlist.setAttribute('aria-pressed', String(saved));
      wishlist.textContent = saved ? 'In your wishlist' : 'Add to wishlist';
      track(saved ? 'add_to_wishlist' : 'remove_from_wishlist', { sku });
      say(saved ? 'Saved to your wishlist.' : 'Removed from your wishlist.');
    });
  }

  function renderCart() {
    const items = readCart();
    const list = one('[data-cart-lines]');
    list.replaceChildren(
      ...items.map((sku, index) => {
        const line = document.createElement('li');
        line.className = 'cart-line';
        const label = document.createElement('span');
        label.textContent = `${CATALOG[sku].name} · ${money(CATALOG[sku].price)}`;
        const remove = document.createElement('button');
        remove.type = 'button';
        remove.className = 'button';
        remove.textContent = 'Remove';
        remove.addEventListener('click', () => {
          writeCart(items.filter((_, i) => i !== index));
          track('remove_from_cart', { sku, price: CATALOG[sku].price, currency: CURRENCY });
          renderCart();
        });
        line.append(label, remove);
        return line;
      }),
    );
    const total = items.reduce((sum, sku) => sum + CATALOG[sku].price, 0);
    one('[data-cart-total]').textContent = money(total);
    one('[data-cart-empty]').hidden = items.length > 0;
    one('[data-checkout]').disabled = items.length === 0;
    return { items, total };
  }

  function setUpCart() {
    renderCart();
    one('[data-checkout]').addEventListener('click', () => {
      if (!renderCart().items.length) return;
      track('begin_checkout', { currency: CURRENCY });
      location.assign('/checkout/');
    });
  }

  function setUpCategory() {
    one('[data-category-grid]').replaceChildren(
      ...Object.entries(CATALOG).map(([sku, product]) => {
        const card = document.createElement('li');
        card.className = 'card';
        const link = document.createElement('a');
        link.className = 'card-link';
        link.href = `/product.html?sku=${sku}`;
        const swatch = document.createElement('span');
        swatch.className = `swatch swatch-${sku.toLowerCase()}`;
        const name = document.createElement('span');
        name.className = 'card-name';
        name.textContent = product.name;
        const price = document.createElement('span');
        price.className = 'card-price';
        price.textContent = money(product.price);
        link.append(swatch, name, price);
        card.append(link);
        return card;
      }),
    );
  }

  // The order is placed when the confirmation page shows: one purchase per cart, so a reload
  // of the confirmation page does not count it twice.
  function confirmOrder() {
    const items = readCart();
    if (!items.length) return;
    const value = Math.round(items.reduce((sum, sku) => sum + CATALOG[sku].price, 0) * 100) / 100;
    track('purchase', { value, currency: CURRENCY, items: items.length, skus: items });
    writeCart([]);
  }

  // Checkout forms go to their next page without the fields in the URL (a GET form would put
  // the address there); the promo form has no action, and its Apply button no handler.
  for (const form of all('form')) {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const next = form.getAttribute('action');
      if (next) location.assign(next);
    });
  }

  writeCart(readCart());
  const total = readCart().reduce((sum, sku) => sum + CATALOG[sku].price, 0);
  for (const el of all('[data-cart-total]')) el.textContent = money(total);
  if (one('[data-product]')) setUpProduct();
  if (one('[data-cart-lines]')) setUpCart();
  if (one('[data-category-grid]')) setUpCategory();
  if (one('[data-confirmation]')) confirmOrder();
})();
