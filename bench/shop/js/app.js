// Entry module: renders the page named by <body data-page>.
const pages = {
  home: () => import('./pages/home.js'),
  category: () => import('./pages/category.js'),
  pdp: () => import('./pages/pdp.js'),
  cart: () => import('./pages/cart.js'),
  checkout: () => import('./pages/checkout.js'),
  info: () => import('./pages/info.js'),
  receipt: () => import('./pages/receipt.js'),
};

const load = pages[document.body.dataset.page] ?? pages.home;
load().then((m) => {
  m.render();
  document.documentElement.dataset.ready = '1';
});
