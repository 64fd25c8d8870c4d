// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { TrackEvent } from '../../../src/core/types.js';
import {
  describeStep,
  mapUrl,
  MAX_WAIT_MS,
  planSteps,
  sameUrl,
} from '../../../src/node/replay/plan.js';
import { placeholderFor } from '../../../src/node/replay/run-step.js';

let seq = 0;
function ev(
  type: string,
  atMs: number,
  props: Record<string, unknown> = {},
  path = '/',
): TrackEvent {
  seq++;
  return {
    id: String(seq),
    type,
    ts: 1_000_000 + atMs,
    seq,
    sid: 's',
    vid: 'v',
    url: `https://shop.example${path}`,
    path: path.split('?')[0]!,
    props: props as TrackEvent['props'],
  };
}
const click = (at: number, text: string) =>
  ev('click', at, { target: { selector: '#b', tag: 'button', text } });

describe('planSteps', () => {
  it('turns page views, clicks, inputs and scrolls into steps and skips the rest', () => {
    const steps = planSteps([
      ev('pageview', 0, { spa: false }),
      ev('vital', 100),
      ev('scroll', 200, { x: 0, y: 300 }),
      ev('input', 300, { target: { selector: '#q', tag: 'input', text: 'Search' } }),
      click(400, 'Go'),
      ev('pageview', 900, { spa: true }, '/results?q=1'),
    ]);
    expect(steps.map((s) => [s.n, s.kind])).toEqual([
      [1, 'visit'],
      [2, 'scroll'],
      [3, 'input'],
      [4, 'click'],
      [5, 'route'],
    ]);
    expect(steps.map(describeStep)).toEqual([
      'visit /',
      'scroll to 0, 300',
      'type into <input> “Search”',
      'click <button> “Go”',
      'route to /results?q=1',
    ]);
  });

  it('knows which page views a click led to and which clicks had an effect', () => {
    const steps = planSteps([
      ev('pageview', 0),
      click(1_000, 'Add'),
      ev('custom', 1_100, { name: 'add_to_cart' }),
      click(2_000, 'Nothing'),
      click(8_000, 'Next'),
      ev('pageview', 8_500, {}, '/next'),
      ev('pageview', 30_000, {}, '/typed'),
    ]);
    expect(steps.map((s) => [s.kind, s.hadEffect, s.afterClick])).toEqual([
      ['visit', false, false],
      ['click', true, false],
      ['click', false, false],
      ['click', true, false],
      ['visit', false, true],
      ['visit', false, false],
    ]);
    expect(steps.map((s) => s.gapMs)).toEqual([0, 1_000, 1_000, MAX_WAIT_MS, 500, MAX_WAIT_MS]);
  });
});

describe('URLs', () => {
  it('maps a captured URL onto the site under test', () => {
    expect(mapUrl('https://shop.example/product.html?sku=A1#top', 'http://127.0.0.1:3000/x')).toBe(
      'http://127.0.0.1:3000/product.html?sku=A1#top',
    );
  });

  it('never leaves the site under test, whatever the captured URL says', () => {
    for (const url of [
      'javascript:alert(1)',
      '//evil.example/x',
      'https://evil.example/x',
      'data:text/html,x',
    ]) {
      expect(new URL(mapUrl(url, 'http://127.0.0.1:3000/')).origin).toBe('http://127.0.0.1:3000');
    }
  });

  it('compares path, captured parameters and hash', () => {
    const at = 'http://h/p?sku=A1';
    expect(sameUrl('http://h/p?sku=A1&utm_source=x', at)).toBe(true);
    expect(sameUrl('http://h/p?sku=B2', at)).toBe(false);
    expect(sameUrl('http://h/q?sku=A1', at)).toBe(false);
    expect(sameUrl('http://h/p#a', 'http://h/p#b')).toBe(false);
    expect(sameUrl('about:blank', at)).toBe(false);
    expect(sameUrl('not a url', at)).toBe(false);
  });
});

describe('placeholders', () => {
  it('types something of the captured kind and length, never a captured value', () => {
    expect(placeholderFor('text', 5)).toBe('xxxxx');
    expect(placeholderFor('email', 20)).toMatch(/@example\.test$/);
    expect(placeholderFor('number', 3)).toBe('1');
    expect(placeholderFor('text', 10_000)).toHaveLength(100);
    expect(placeholderFor('textarea', 0)).toBe('x');
  });
});
