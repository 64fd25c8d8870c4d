import type { ResolvedFunnel } from './funnel-types.js';

const paths = (...p: string[]) => ({ path: p });

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
        paths('/**/product/*', '/**/products/*', '/p/*', '/**/item/*'),
      ],
    },
    {
      name: 'add_to_cart',
      match: [
        { event: ['add_to_cart', 'view_cart'] },
        paths(
          '/**/cart',
          '/**/basket',
          '/**/bag',
          '/**/panier',
          '/**/warenkorb',
          '/**/checkout/cart',
        ),
      ],
    },
    {
      name: 'begin_checkout',
      match: [
        { event: ['begin_checkout'] },
        paths('/**/checkout', '/**/checkouts/*', '/**/commande'),
      ],
    },
    {
      name: 'add_shipping_info',
      match: [
        { event: ['add_shipping_info'] },
        paths(
          '/**/checkout/shipping',
          '/**/checkout/delivery',
          '/**/checkout/address',
          '/**/checkout/livraison',
        ),
      ],
    },
    {
      name: 'add_payment_info',
      match: [
        { event: ['add_payment_info'] },
        paths('/**/checkout/payment', '/**/checkout/billing', '/**/checkout/paiement'),
      ],
    },
    {
      name: 'purchase',
      match: [
        { event: ['purchase'] },
        paths(
          '/**/checkout/success',
          '/**/checkout/thank-you',
          '/**/checkout/order-received/**',
          '/**/checkouts/*/thank_you',
          '/**/order-confirmation',
          '/**/order/confirmation',
          '/**/thank-you',
          '/**/thankyou',
          '/**/confirmation',
        ),
      ],
    },
  ],
};
