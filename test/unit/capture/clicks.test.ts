import { describe, expect, it, vi } from 'vitest';
import { init } from '../../../src/init.js';
import { harness, ofType, useTrackerSandbox } from '../core/helpers.js';

useTrackerSandbox();

const $ = (sel: string) => document.querySelector(sel)!;

/** A click as a browser dispatches it, with page coordinates (happy-dom leaves pageX/Y at 0). */
function click(
  el: Element,
  o: MouseEventInit & { pageX?: number; pageY?: number; pointerType?: string } = {},
): void {
  const { pageX, pageY, pointerType, ...init } = o;
  const ev = pointerType
    ? new PointerEvent('click', {
        bubbles: true,
        cancelable: true,
        detail: 1,
        pointerType,
        ...init,
      })
    : new MouseEvent('click', { bubbles: true, cancelable: true, detail: 1, ...init });
  if (pageX !== undefined) Object.defineProperty(ev, 'pageX', { value: pageX });
  if (pageY !== undefined) Object.defineProperty(ev, 'pageY', { value: pageY });
  el.dispatchEvent(ev);
}

const clicksOf = async (h: ReturnType<typeof harness>) => ofType(await h.received(), 'click');

describe('click capture', () => {
  it('describes the button when a span inside it is clicked', async () => {
    document.body.innerHTML =
      '<main><button id="add" data-testid="add-to-cart"><span>Add to <b>cart</b></span></button></main>';
    const h = harness({}, {}, init);
    click($('b'));
    const [c] = await clicksOf(h);
    expect(c!.props.target).toEqual({
      selector: '#add',
      tag: 'button',
      text: 'Add to cart',
      role: null,
      href: null,
      testid: 'add-to-cart',
    });
  });

  it('records page coordinates, the offset inside the element and its size', async () => {
    document.body.innerHTML = '<button>Buy</button>';
    vi.spyOn($('button'), 'getBoundingClientRect').mockReturnValue(new DOMRect(10, 20, 200, 50));
    const h = harness({}, {}, init);
    click($('button'), { clientX: 30, clientY: 45, pageX: 30, pageY: 1045, button: 0 });
    const [c] = await clicksOf(h);
    expect(c!.props).toMatchObject({
      x: 30,
      y: 1045,
      elementX: 20,
      elementY: 25,
      elementWidth: 200,
      elementHeight: 50,
      button: 0,
      pointer: 'mouse',
    });
  });

  it('marks a keyboard activation (detail 0) as pointer "keyboard"', async () => {
    document.body.innerHTML = '<button>Buy</button>';
    const h = harness({}, {}, init);
    click($('button'), { detail: 0 });
    click($('button'), { detail: 1, pointerType: 'touch' });
    const clicks = await clicksOf(h);
    expect(clicks.map((c) => c.props.pointer)).toEqual(['keyboard', 'touch']);
  });

  it('strips the listed parameters from a link href', async () => {
    document.body.innerHTML = '<a href="/checkout?token=abc&step=2">Checkout</a>';
    const h = harness({ privacy: { stripParams: ['token'] } }, {}, init);
    click($('a'));
    const [c] = await clicksOf(h);
    expect((c!.props.target as { href: string }).href).toBe(
      'http://localhost:3000/checkout?step=2',
    );
  });

  it('never records what was typed in the clicked field', async () => {
    document.body.innerHTML =
      '<form><input type="text" placeholder="Card holder"><input type="password"><textarea></textarea></form>';
    const h = harness({}, {}, init);
    for (const field of Array.from(document.querySelectorAll('input, textarea'))) {
      (field as HTMLInputElement).value = 'secret-value';
      click(field);
    }
    const events = await h.received();
    expect(ofType(events, 'click')).toHaveLength(3);
    expect(JSON.stringify(events)).not.toContain('secret-value');
  });

  it('skips elements inside data-parcours-ignore', async () => {
    document.body.innerHTML = `
      <div data-parcours-ignore><button id="a">a</button></div>
      <div data-parcours-ignore="click input"><button id="b">b</button></div>
      <div data-parcours-ignore="input"><button id="c">c</button></div>`;
    const h = harness({}, {}, init);
    click($('#a'));
    click($('#b'));
    click($('#c'));
    const clicks = await clicksOf(h);
    expect(clicks.map((c) => (c.props.target as { selector: string }).selector)).toEqual(['#c']);
  });

  it("walks up once per unmarked click for the ignore mark and the detectors' marks", async () => {
    document.body.innerHTML = '<div><button id="buy">Buy</button></div>';
    const h = harness({}, {}, init);
    const spy = vi.spyOn(Element.prototype, 'closest');
    click($('#buy'));
    const marks = spy.mock.calls.filter(([sel]) => /data-parcours-ignore/.test(sel));
    spy.mockRestore();
    expect(marks).toHaveLength(1);
    expect(await clicksOf(h)).toHaveLength(1);
  });

  it('records a click on plain content as that element', async () => {
    document.body.innerHTML = '<p class="note">Free returns</p>';
    const h = harness({}, {}, init);
    click($('p'));
    const [c] = await clicksOf(h);
    expect(c!.props.target).toMatchObject({ tag: 'p', text: 'Free returns' });
  });

  it('records nothing with capture.clicks off, or after shutdown', async () => {
    document.body.innerHTML = '<button>Buy</button>';
    const off = harness({ capture: { clicks: false } }, {}, init);
    click($('button'));
    expect(await clicksOf(off)).toHaveLength(0);
    await off.t.shutdown();
    const on = harness({}, {}, init);
    await on.t.shutdown();
    click($('button'));
    expect(
      ofType(
        on.bodies.flatMap((b) => b.events),
        'click',
      ),
    ).toHaveLength(0);
  });

  it('leaves the click to the page: nothing is prevented or stopped', () => {
    document.body.innerHTML = '<a href="#next">Next</a>';
    harness({}, {}, init);
    const pageHandler = vi.fn();
    document.body.addEventListener('click', pageHandler);
    const ev = new MouseEvent('click', { bubbles: true, cancelable: true, detail: 1 });
    const spies = (['preventDefault', 'stopPropagation', 'stopImmediatePropagation'] as const).map(
      (m) => vi.spyOn(ev, m),
    );
    expect($('a').dispatchEvent(ev)).toBe(true);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    expect(ev.defaultPrevented).toBe(false);
    expect(pageHandler).toHaveBeenCalledTimes(1);
    document.body.removeEventListener('click', pageHandler);
  });
});
