import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/core/config-error.js';
import { resolveConfig } from '../../../src/core/config.js';
import { ECOMMERCE_FUNNEL } from '../../../src/core/ecommerce-funnel.js';
import { resolveFunnels } from '../../../src/core/resolve-funnels.js';

const ENDPOINT = 'https://collect.example.com/v1/batch';

function fieldOf(funnels: unknown): string {
  try {
    resolveConfig({ endpoint: ENDPOINT, funnels });
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as ConfigError).message).toContain(`config.${(e as ConfigError).field} `);
    return (e as ConfigError).field;
  }
  throw new Error(`no ConfigError for ${JSON.stringify(funnels)}`);
}

describe('resolveFunnels', () => {
  it('resolves the ecommerce preset to the GA4 e-commerce steps', () => {
    const [f] = resolveFunnels(['ecommerce']);
    expect(f).toBe(ECOMMERCE_FUNNEL);
    expect(f!.steps.map((s) => s.name)).toEqual([
      'view_item',
      'add_to_cart',
      'begin_checkout',
      'add_shipping_info',
      'add_payment_info',
      'purchase',
    ]);
  });

  it('turns every shorthand of a match into a list of matches with arrays', () => {
    const when = () => true;
    const [f] = resolveFunnels([
      {
        name: 'checkout',
        steps: [
          { name: 'product', match: { path: '/product/*' } },
          { name: 'cart', match: [{ event: 'add_to_cart' }, { path: ['/cart', '/basket'] }] },
          { name: 'checkout', match: { selector: '#checkout-form', path: '/checkout' } },
          { name: 'paid', match: when },
          { name: 'thanks' },
        ],
      },
    ]);
    expect(f!.steps).toEqual([
      { name: 'product', match: [{ path: ['/product/*'] }] },
      { name: 'cart', match: [{ event: ['add_to_cart'] }, { path: ['/cart', '/basket'] }] },
      { name: 'checkout', match: [{ selector: '#checkout-form', path: ['/checkout'] }] },
      { name: 'paid', match: [{ when }] },
      { name: 'thanks', match: [] },
    ]);
  });

  it('accepts no funnels', () => {
    expect(resolveFunnels(undefined)).toEqual([]);
    expect(resolveConfig({ endpoint: ENDPOINT, funnels: [] }).funnels).toEqual([]);
  });

  it.each([
    [{ checkout: [] }, 'funnels'],
    [['shopify'], 'funnels[0]'],
    [[42], 'funnels[0]'],
    [[{ name: 'a:b', steps: [{ name: 's' }] }], 'funnels[0].name'],
    [[{ name: '', steps: [{ name: 's' }] }], 'funnels[0].name'],
    [[{ name: 'f', steps: [] }], 'funnels[0].steps'],
    [[{ name: 'f', steps: [{ name: 's' }], stages: [] }], 'funnels[0].stages'],
    [[{ name: 'f', steps: ['s'] }], 'funnels[0].steps[0]'],
    [[{ name: 'f', steps: [{ name: 's' }, { name: 's' }] }], 'funnels[0].steps[1].name'],
    [[{ name: 'f', steps: [{ name: 's', at: '/x' }] }], 'funnels[0].steps[0].at'],
    [
      [{ name: 'f', steps: [{ name: 's' }, { name: 't', match: 'cart' }] }],
      'funnels[0].steps[1].match',
    ],
    [[{ name: 'f', steps: [{ name: 's', match: {} }] }], 'funnels[0].steps[0].match'],
    [
      [{ name: 'f', steps: [{ name: 's', match: { url: '/x' } }] }],
      'funnels[0].steps[0].match.url',
    ],
    [
      [{ name: 'f', steps: [{ name: 's', match: { path: 'cart' } }] }],
      'funnels[0].steps[0].match.path',
    ],
    [
      [{ name: 'f', steps: [{ name: 's', match: { path: [] } }] }],
      'funnels[0].steps[0].match.path',
    ],
    [
      [{ name: 'f', steps: [{ name: 's', match: { event: 3 } }] }],
      'funnels[0].steps[0].match.event',
    ],
    [
      [{ name: 'f', steps: [{ name: 's', match: { selector: '##' } }] }],
      'funnels[0].steps[0].match.selector',
    ],
    [
      [{ name: 'f', steps: [{ name: 's', match: { when: true } }] }],
      'funnels[0].steps[0].match.when',
    ],
    [
      [{ name: 'f', steps: [{ name: 's', match: [{ path: '/a' }, { path: 1 }] }] }],
      'funnels[0].steps[0].match[1].path',
    ],
    [['ecommerce', 'ecommerce'], 'funnels[1].name'],
  ])('rejects %j naming %s', (funnels, field) => {
    expect(fieldOf(funnels)).toBe(field);
  });
});
