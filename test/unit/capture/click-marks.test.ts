import { afterEach, describe, expect, it, vi } from 'vitest';
import { marked } from '../../../src/capture/click-marks.js';
import type { ClickFacts } from '../../../src/capture/click-facts.js';

afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

const facts = (hit: Element) =>
  ({ _ev: new MouseEvent('click'), _hit: hit, _el: null }) as unknown as ClickFacts;

describe('marked', () => {
  it('tells whether an ignore or aria-disabled mark is at or above the hit, once per click', () => {
    document.body.innerHTML = `
      <div data-parcours-ignore="misclick"><b id="ign">x</b></div>
      <div aria-disabled="true"><i id="dis">y</i></div>
      <div aria-disabled="false"><u id="plain">z</u></div>`;
    const $ = (id: string) => document.getElementById(id)!;
    expect(marked(facts($('ign')))).toBe(true);
    expect(marked(facts($('dis')))).toBe(true);
    expect(marked(facts($('plain')))).toBe(false);
    const spy = vi.spyOn(Element.prototype, 'closest');
    const f = facts($('plain'));
    marked(f);
    marked(f);
    expect(spy).toHaveBeenCalledTimes(1);
  });
});
