import { afterEach, describe, expect, it } from 'vitest';
import { actionable } from '../../../../src/capture/interactive.js';
import { downOf } from '../../../../src/capture/misclicks/start-misclicks.js';
import { stateOf } from '../../../../src/capture/misclicks/state.js';

afterEach(() => void (document.body.innerHTML = ''));

/** The definition `downOf` keeps: the control pressed down on, by a walk to the top. */
const reference = (down: Element | null, el: Element | null) => {
  if (!down || el?.contains(down)) return null;
  const d = actionable(down);
  return d && (!el || !el.contains(d)) ? d : null;
};

describe('downOf', () => {
  it('finds the control a press went down on, as a walk to the top would', () => {
    document.body.innerHTML = `
      <div id="card" role="button"><span id="in-card"><b id="deep">x</b></span></div>
      <ul id="list"><li id="li"><span id="sw">s</span><button id="btn"><i id="icon">i</i></button></li></ul>
      <p id="text"><em id="em">t</em></p>`;
    const $ = (id: string) => document.getElementById(id)!;
    const all = Array.from(document.body.querySelectorAll('*'));
    for (const hit of all) {
      const el = actionable(hit);
      for (const down of [null, ...all]) expect(downOf(down, hit, el)).toBe(reference(down, el));
    }
    expect(downOf($('icon'), $('sw'), null)).toBe($('btn')); // a slip off the button
    expect(downOf($('sw'), $('sw'), null)).toBe(null); // down and up on the same non-control
    expect(downOf($('deep'), $('text'), null)).toBe($('card'));
  });
});

describe('stateOf', () => {
  it('shows the pressed, checked, selected, expanded and current states and the class', () => {
    document.body.innerHTML = `<button id="b" aria-pressed="true" aria-expanded="false" class="on big">b</button><input id="c" type="checkbox" checked aria-current="page">`;
    expect(stateOf(document.getElementById('b'))).toBe('true|||false|||on big');
    expect(stateOf(document.getElementById('c'))).toBe('||||page|true|');
    expect(stateOf(null)).toBe('');
    expect(stateOf(document.createElement('div'))).toBe(''); // not in the page
  });
});
