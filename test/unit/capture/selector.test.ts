import { afterEach, describe, expect, it } from 'vitest';
import { MAX_SELECTOR_DEPTH, selectorOf, testIdOf } from '../../../src/capture/selector.js';

const $ = (sel: string) => document.querySelector(sel)!;

afterEach(() => {
  document.body.innerHTML = '';
});

/** The selector finds the element it was made for. */
function expectResolves(el: Element): string {
  const sel = selectorOf(el);
  expect(document.querySelector(sel)).toBe(el);
  return sel;
}

describe('selectorOf', () => {
  it('uses a unique id on the element itself', () => {
    document.body.innerHTML = '<main><button id="buy">Buy</button></main>';
    expect(expectResolves($('button'))).toBe('#buy');
  });

  it('stops at the nearest ancestor with a unique id', () => {
    document.body.innerHTML =
      '<div id="cart"><ul><li>a</li><li><button>Remove</button></li></ul></div>';
    expect(expectResolves($('button'))).toBe('#cart>ul>li:nth-of-type(2)>button');
  });

  it.each([':r1:', 'a123456', '«r0»', '12', 'ember1234', 'id with space'])(
    'skips the generated or unusable id %s',
    (id) => {
      document.body.innerHTML = '<section><button>Buy</button></section>';
      $('button').id = id;
      const sel = expectResolves($('button'));
      expect(sel).not.toContain('#');
      expect(sel).toBe('body>section>button');
    },
  );

  it('skips an id that another element claims first', () => {
    document.body.innerHTML = '<p id="dup">one</p><p id="dup">two</p>';
    const second = document.querySelectorAll('p')[1]!;
    expect(expectResolves(second)).toBe('body>p:nth-of-type(2)');
  });

  it.each(['data-testid', 'data-test', 'data-cy'])('uses a unique %s', (attr) => {
    document.body.innerHTML = `<div><div><button ${attr}="add-to-cart">Add</button></div></div>`;
    expect(expectResolves($('button'))).toBe(`[${attr}="add-to-cart"]`);
  });

  it('prefers data-testid over data-test and data-cy', () => {
    document.body.innerHTML = '<button data-cy="c" data-test="b" data-testid="a">x</button>';
    expect(selectorOf($('button'))).toBe('[data-testid="a"]');
  });

  it('does not use a test id shared by several elements', () => {
    document.body.innerHTML =
      '<ul><li><button data-testid="remove">x</button></li><li><button data-testid="remove">x</button></li></ul>';
    const second = document.querySelectorAll('button')[1]!;
    expect(expectResolves(second)).toBe('body>ul>li:nth-of-type(2)>button');
  });

  it('uses an ancestor test id when it is unique', () => {
    document.body.innerHTML =
      '<div data-testid="product-card"><span>x</span><span><a href="#">more</a></span></div>';
    expect(expectResolves($('a'))).toBe('[data-testid="product-card"]>span:nth-of-type(2)>a');
  });

  it('adds :nth-of-type only where siblings share the tag', () => {
    document.body.innerHTML = '<nav><a href="#">Home</a><span>|</span><a href="#">Shop</a></nav>';
    const [home, shop] = Array.from(document.querySelectorAll('a'));
    expect(expectResolves(home!)).toBe('body>nav>a:nth-of-type(1)');
    expect(expectResolves(shop!)).toBe('body>nav>a:nth-of-type(2)');
    expect(expectResolves($('span'))).toBe('body>nav>span');
  });

  it(`keeps at most ${MAX_SELECTOR_DEPTH} levels`, () => {
    document.body.innerHTML = `${'<div>'.repeat(15)}<button>deep</button>${'</div>'.repeat(15)}`;
    const sel = selectorOf($('button'));
    expect(sel.split('>')).toHaveLength(MAX_SELECTOR_DEPTH);
    expect(sel.endsWith('button')).toBe(true);
    expect(document.querySelector(sel)).toBe($('button'));
  });

  it('describes html and body themselves', () => {
    expect(selectorOf(document.body)).toBe('body');
    expect(selectorOf(document.documentElement)).toBe('html');
  });
});

describe('testIdOf', () => {
  it('returns the attribute and value, or undefined', () => {
    document.body.innerHTML = '<i data-cy="x"></i><b data-testid=""></b><u></u>';
    expect(testIdOf($('i'))).toEqual({ attr: 'data-cy', value: 'x' });
    expect(testIdOf($('b'))).toBeUndefined();
    expect(testIdOf($('u'))).toBeUndefined();
  });
});
