import { afterEach, describe, expect, it } from 'vitest';
import { actionable, eventElement } from '../../../src/capture/interactive.js';

const $ = (sel: string) => document.querySelector(sel)!;

afterEach(() => {
  document.body.innerHTML = '';
});

describe('actionable', () => {
  it('finds the nearest control at or above the element', () => {
    document.body.innerHTML =
      '<a href="/p"><div><span id="in-link">x</span></div></a><button><i>x</i></button><div role="tab"><b>t</b></div>';
    expect(actionable($('#in-link'))).toBe($('a'));
    expect(actionable($('i'))).toBe($('button'));
    expect(actionable($('b'))).toBe($('[role=tab]'));
  });

  it('counts a handler set as a property', () => {
    document.body.innerHTML = '<div class="card"><span>x</span></div>';
    ($('.card') as HTMLElement).onclick = () => {};
    expect(actionable($('span'))).toBe($('.card'));
  });

  it('returns null for plain content, an anchor without href and tabindex -1', () => {
    document.body.innerHTML =
      '<p>text</p><a>no href</a><div tabindex="-1">x</div><input type="hidden">';
    expect(actionable($('p'))).toBeNull();
    expect(actionable($('a'))).toBeNull();
    expect(actionable($('div'))).toBeNull();
    expect(actionable($('input'))).toBeNull();
    expect(actionable(null)).toBeNull();
  });
});

describe('eventElement', () => {
  it('resolves a text node target to its parent element', () => {
    document.body.innerHTML = '<p>hello</p>';
    const text = $('p').firstChild!;
    let el: Element | null = null;
    document.addEventListener('x', (e) => (el = eventElement(e)), { once: true });
    text.dispatchEvent(new Event('x', { bubbles: true }));
    expect(el).toBe($('p'));
  });

  it('sees through an open shadow root', () => {
    document.body.innerHTML = '<div id="host"></div>';
    const root = $('#host').attachShadow({ mode: 'open' });
    root.innerHTML = '<button>inner</button>';
    let el: Element | null = null;
    document.addEventListener('x', (e) => (el = eventElement(e)), { once: true });
    root.querySelector('button')!.dispatchEvent(new Event('x', { bubbles: true, composed: true }));
    expect(el).toBe(root.querySelector('button'));
  });
});
