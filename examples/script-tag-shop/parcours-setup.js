// The shop's parcours set-up, loaded right after the stub on every page: the plugins through
// `parcours('use', name, options)`, queued until /parcours.iife.js loads. The plugin files load
// before the core (no `async`), so these plugins are set up with the tracker and see the first
// page view (its funnel step gets `reassuranceSeen`). `device` is named in the tag's data-plugins.
window.parcours('use', 'reassurance', {
  pageTypes: {
    home: ['/', '/index.html'],
    category: '/category.html',
    product: '/product.html',
    cart: '/cart.html',
    checkout: '/checkout/*',
    landing: '/landing/*',
  },
});
// What the winter-sale campaign promised. The landing page shows 20 % and WINTER20: the
// landing plugin scores the mismatch, and the report lists it under "Landing pages".
window.parcours('use', 'landing', {
  campaigns: {
    'winter-sale': {
      url: '/landing/winter-sale.html',
      headline: 'Winter sale: 30% off knitwear',
      offer: '-30 %',
      promoCode: 'WINTER30',
    },
  },
});
