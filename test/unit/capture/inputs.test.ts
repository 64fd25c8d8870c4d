import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SCROLL_SAMPLE_MS } from '../../../src/capture/inputs.js';
import { init } from '../../../src/init.js';
import { harness, ofType, useTrackerSandbox } from '../core/helpers.js';

useTrackerSandbox();
afterEach(() => sessionStorage.clear());

const $ = <T extends Element = HTMLInputElement>(sel: string) => document.querySelector<T>(sel)!;
function type(el: HTMLInputElement | HTMLTextAreaElement, value: string, commit = true) {
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
  if (commit) el.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('input capture', () => {
  it('records the field and the typed length, never the value of a field not allow-listed', async () => {
    document.body.innerHTML = '<input id="email" type="email" placeholder="Your e-mail">';
    const h = harness({ capture: { inputs: true } }, {}, init);
    type($('#email'), 'ada@example.com');
    const [e] = ofType(await h.received(), 'input');
    expect(e!.props).toEqual({
      target: expect.objectContaining({ selector: '#email', tag: 'input', text: 'Your e-mail' }),
      kind: 'email',
      length: 15,
    });
    expect(JSON.stringify(e)).not.toContain('ada@');
  });

  it('keeps the value of allow-listed fields only, and never of a password or card field', async () => {
    document.body.innerHTML = `<input id="qty" value=""><input id="note">
      <input id="pw" type="password" class="keep"><input id="cc" autocomplete="cc-number" class="keep">`;
    const h = harness({ capture: { inputs: { allow: ['#qty', '.keep', '[['] } } }, {}, init);
    type($('#qty'), '3');
    type($('#note'), 'gift');
    type($('#pw'), 'hunter2');
    type($('#cc'), '4111 1111 1111 1111');
    const inputs = ofType(await h.received(), 'input');
    expect(
      inputs.map((e) => [(e.props.target as { selector: string }).selector, e.props.value]),
    ).toEqual([
      ['#qty', '3'],
      ['#note', undefined],
      ['#pw', undefined],
      ['#cc', undefined],
    ]);
    expect(inputs.map((e) => e.props.length)).toEqual([1, 4, 7, 19]);
  });

  it('records a field typed into but not committed when its form is submitted', async () => {
    document.body.innerHTML = '<form><textarea name="msg"></textarea></form>';
    const h = harness({ capture: { inputs: true } }, {}, init);
    type($<HTMLTextAreaElement>('textarea'), 'hello', false);
    $<HTMLFormElement>('form').dispatchEvent(new Event('submit', { bubbles: true }));
    const inputs = ofType(await h.received(), 'input');
    expect(inputs.map((e) => [e.props.kind, e.props.length])).toEqual([['textarea', 5]]);
  });

  it('leaves checkboxes (clicks record them) and ignored fields out', async () => {
    document.body.innerHTML = `<input id="c" type="checkbox"><div data-parcours-ignore="input"><input id="s"></div>`;
    const h = harness({ capture: { inputs: true } }, {}, init);
    $('#c').dispatchEvent(new Event('change', { bubbles: true }));
    type($('#s'), 'secret');
    expect(ofType(await h.received(), 'input')).toEqual([]);
  });

  it('samples scroll positions: one event per burst, none when the position did not change', async () => {
    const h = harness({ capture: { inputs: true } }, {}, init);
    const scrollTo = (y: number) => {
      Object.defineProperty(window, 'scrollY', { value: y, configurable: true });
      window.dispatchEvent(new Event('scroll'));
    };
    for (const y of [10, 50, 120, 400]) scrollTo(y);
    vi.advanceTimersByTime(SCROLL_SAMPLE_MS);
    scrollTo(400);
    vi.advanceTimersByTime(SCROLL_SAMPLE_MS);
    scrollTo(800);
    vi.advanceTimersByTime(SCROLL_SAMPLE_MS);
    const scrolls = ofType(await h.received(), 'scroll');
    expect(scrolls.map((e) => e.props)).toEqual([
      { x: 0, y: 400 },
      { x: 0, y: 800 },
    ]);
  });

  it('is off by default', async () => {
    document.body.innerHTML = '<input id="q">';
    const h = harness({}, {}, init);
    type($('#q'), 'x');
    window.dispatchEvent(new Event('scroll'));
    vi.advanceTimersByTime(SCROLL_SAMPLE_MS);
    const types = (await h.received()).map((e) => e.type);
    expect(types).not.toContain('input');
    expect(types).not.toContain('scroll');
  });
});
