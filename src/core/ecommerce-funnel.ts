import type { ResolvedFunnel } from './funnel-types.js';

/** The `'ecommerce'` preset's step names, all the core needs of it (`step()`). */
export const ECOMMERCE_STEPS = [
  'view_item',
  'add_to_cart',
  'begin_checkout',
  'add_shipping_info',
  'add_payment_info',
  'purchase',
];

/**
 * The `'ecommerce'` funnel preset: the GA4 e-commerce event names as steps, each reached by the
 * GA4 event of that name (`track('add_to_cart')`) or by a common URL shape (Shopify,
 * WooCommerce, Magento, PrestaShop and hand-made shops, optionally under a locale prefix).
 */
export const ECOMMERCE_FUNNEL: ResolvedFunnel = {
  name: 'ecommerce',
  steps: [
    {
      name: 'view_item',
      match: [
        { event: ['view_item'] },
        { path: ['/**/product/*', '/**/products/*', '/p/*', '/**/item/*'] },
      ],
    },
    {
      name: 'add_to_cart',
      match: [
        { event: ['add_to_cart', 'view_cart'] },
        {
          path: [
            '/**/cart',
            '/**/basket',
            '/**/bag',
            '/**/panier',
            '/**/warenkorb',
            '/**/checkout/cart',
          ],
        },
      ],
    },
    {
      name: 'begin_checkout',
      match: [
        { event: ['begin_checkout'] },
        { path: ['/**/checkout', '/**/checkouts/*', '/**/commande'] },
      ],
    },
    {
      name: 'add_shipping_info',
      match: [
        { event: ['add_shipping_info'] },
        {
          path: [
            '/**/checkout/shipping',
            '/**/checkout/delivery',
            '/**/checkout/address',
            '/**/checkout/livraison',
          ],
        },
      ],
    },
    {
      name: 'add_payment_info',
      match: [
        { event: ['add_payment_info'] },
        { path: ['/**/checkout/payment', '/**/checkout/billing', '/**/checkout/paiement'] },
      ],
    },
    {
      name: 'purchase',
      match: [
        { event: ['purchase'] },
        {
          path: [
            '/**/checkout/success',
            '/**/checkout/thank-you',
            '/**/checkout/order-received/**',
            '/**/checkouts/*/thank_you',
            '/**/order-confirmation',
            '/**/order/confirmation',
            '/**/thank-you',
            '/**/thankyou',
            '/**/confirmation',
          ],
        },
      ],
    },
  ],
};
