import { describe, expect, it } from 'vitest';
import { eventName, globToRegExp, matchesStep } from '../../../src/capture/funnel-match.js';
import type { ResolvedMatch } from '../../../src/core/funnel-types.js';
import type { TrackEvent } from '../../../src/core/types.js';

const event = (type: string, props: TrackEvent['props'] = {}, path = '/'): TrackEvent => ({
  id: 'x',
  type,
  ts: 0,
  seq: 1,
  sid: 's',
  vid: 'v',
  url: `https://shop.test${path}`,
  path,
  props,
});
const input = (e: TrackEvent | undefined, path = '/', present: string[] = []) => ({
  event: e,
  path,
  has: (s: string) => present.includes(s),
});

describe('globToRegExp', () => {
  it.each([
    ['/product/*', '/product/blue-shirt', true],
    ['/product/*', '/product/a/b', false],
    ['/product/**', '/product/a/b', true],
    ['/**/products/*', '/products/a', true],
    ['/**/products/*', '/collections/shirts/products/a', true],
    ['/**/products/*', '/xproducts/a', false],
    ['/checkout', '/Checkout', true],
    ['/checkout/', '/checkout', true],
    ['/checkout', '/checkout/payment', false],
    ['/p/*.html', '/p/a.html', true],
    ['/p/*.html', '/p/aXhtml', false],
  ])('%s on %s: %s', (glob, path, hit) => {
    expect(globToRegExp(glob).test(path)).toBe(hit);
  });
});

describe('matchesStep', () => {
  it('matches a path on page views and DOM checks, never on other events', () => {
    const m: ResolvedMatch[] = [{ path: ['/cart'] }];
    expect(matchesStep(m, input(event('pageview', {}, '/cart/')))).toBe(true);
    expect(matchesStep(m, input(undefined, '/cart'))).toBe(true);
    expect(matchesStep(m, input(event('click', {}, '/cart')))).toBe(false);
    expect(matchesStep(m, input(event('pageview', {}, '/checkout')))).toBe(false);
  });

  it('matches an event by custom name or by type', () => {
    const m: ResolvedMatch[] = [{ event: ['add_to_cart', 'identify'] }];
    expect(matchesStep(m, input(event('custom', { name: 'add_to_cart' })))).toBe(true);
    expect(matchesStep(m, input(event('identify')))).toBe(true);
    expect(matchesStep(m, input(event('custom', { name: 'purchase' })))).toBe(false);
    expect(matchesStep(m, input(undefined))).toBe(false);
    expect(eventName(event('custom', { name: 3 }))).toBe('custom');
  });

  it('requires every field of a match and any one of the matches', () => {
    const m: ResolvedMatch[] = [
      { path: ['/checkout'], selector: '#pay' },
      { event: ['purchase'], path: ['/thanks'] },
    ];
    expect(matchesStep(m, input(undefined, '/checkout'))).toBe(false);
    expect(matchesStep(m, input(undefined, '/checkout', ['#pay']))).toBe(true);
    expect(matchesStep(m, input(undefined, '/other', ['#pay']))).toBe(false);
    expect(matchesStep(m, input(event('custom', { name: 'purchase' }, '/thanks')))).toBe(true);
    expect(matchesStep(m, input(event('custom', { name: 'purchase' }, '/cart')))).toBe(false);
  });

  it('calls a predicate with each event and wants exactly true', () => {
    const m: ResolvedMatch[] = [{ when: (e) => e.props.total === 10 }];
    expect(matchesStep(m, input(event('custom', { total: 10 })))).toBe(true);
    expect(matchesStep(m, input(event('custom', { total: 9 })))).toBe(false);
    expect(matchesStep(m, input(undefined))).toBe(false);
    const truthy: ResolvedMatch[] = [{ when: () => 1 as unknown as boolean }];
    expect(matchesStep(truthy, input(event('click')))).toBe(false);
  });
});
