import { afterEach, describe, expect, it } from 'vitest';
import { describeElement, MAX_TEXT_CHARS } from '../../../src/capture/describe-element.js';
import { stripParams } from '../../../src/core/url.js';

const strip = (href: string) => stripParams(href, ['token', 'email']);
const $ = (sel: string) => document.querySelector(sel)!;
const describeFirst = (html: string, sel: string, mask = true) => {
  document.body.innerHTML = html;
  return describeElement($(sel), strip, mask);
};

afterEach(() => {
  document.body.innerHTML = '';
});

describe('describeElement', () => {
  it('describes a button', () => {
    expect(
      describeFirst(
        '<button id="buy" role="button" data-testid="buy-now">Buy now</button>',
        'button',
      ),
    ).toEqual({
      selector: '#buy',
      tag: 'button',
      text: 'Buy now',
      role: 'button',
      href: null,
      testid: 'buy-now',
    });
  });

  it('collapses whitespace in the text and keeps at most 80 characters', () => {
    const d = describeFirst(
      `<button>  Add \n\t to   <b>cart</b>  </button><p>${'word '.repeat(100)}</p>`,
      'button',
    );
    expect(d.text).toBe('Add to cart');
    const long = describeElement($('p'), strip);
    expect(long.text).toHaveLength(MAX_TEXT_CHARS);
    expect(MAX_TEXT_CHARS).toBe(80);
    expect(long.text).not.toMatch(/\s{2}/);
  });

  it('prefers aria-label, then falls back to title or alt for an element without text', () => {
    expect(describeFirst('<button aria-label="Close">×</button>', 'button').text).toBe('Close');
    expect(describeFirst('<a href="/" title="Home"><img alt="logo"></a>', 'a').text).toBe('Home');
  });

  it.each([
    ['text', '<input type="text" placeholder="Your name">'],
    ['email', '<input type="email" placeholder="E-mail">'],
    ['search', '<input type="search">'],
    ['password', '<input type="password" placeholder="Password">'],
    ['tel', '<input type="tel" name="phone">'],
    ['textarea', '<textarea placeholder="Message"></textarea>'],
    ['select', '<select><option value="secret">secret</option></select>'],
  ])('never reads the value of a %s field', (_kind, html) => {
    document.body.innerHTML = html;
    const field = document.body.firstElementChild as HTMLInputElement;
    field.value = 'secret';
    const d = describeElement(field, strip);
    expect(JSON.stringify(d)).not.toContain('secret');
  });

  it('names a text field by its placeholder or label', () => {
    document.body.innerHTML =
      '<input type="text" placeholder="Your name"><textarea aria-label="Notes"></textarea>';
    ($('input') as HTMLInputElement).value = 'Jane Doe';
    ($('textarea') as HTMLTextAreaElement).value = 'Leave at the door';
    expect(describeElement($('input'), strip).text).toBe('Your name');
    expect(describeElement($('textarea'), strip).text).toBe('Notes');
  });

  it('never reads the text typed into a contenteditable region', () => {
    document.body.innerHTML =
      '<div contenteditable="true" title="Gift message">Happy birthday Jane</div>';
    const d = describeElement($('div'), strip);
    expect(d.text).toBe('Gift message');
    expect(JSON.stringify(d)).not.toContain('Jane');
  });

  it('uses the value of submit and button inputs as their label', () => {
    expect(describeFirst('<input type="submit" value="Pay now">', 'input').text).toBe('Pay now');
    expect(describeFirst('<input type="button" value="Apply">', 'input').text).toBe('Apply');
    expect(describeFirst('<input type="image" alt="Search">', 'input').text).toBe('Search');
  });

  it('redacts card numbers and e-mail addresses in text', () => {
    const d = describeFirst(
      '<button>Pay with 4111 1111 1111 1111 as jane.doe@example.com</button>',
      'button',
    );
    expect(d.text).toBe('Pay with [card] as [email]');
  });

  it('redacts a card number split across elements', () => {
    const d = describeFirst('<a href="#"><span>4111 1111</span>\n<span>1111 1111</span></a>', 'a');
    expect(d.text).not.toMatch(/\d{4}/);
  });

  it('redacts in aria-label, title and placeholder too', () => {
    expect(
      describeFirst('<button aria-label="Mail jane@example.com">x</button>', 'button').text,
    ).toBe('Mail [email]');
    expect(describeFirst('<input type="email" placeholder="jane@example.com">', 'input').text).toBe(
      '[email]',
    );
  });

  it('keeps text as it is with masking off', () => {
    expect(describeFirst('<button>jane@example.com</button>', 'button', false).text).toBe(
      'jane@example.com',
    );
  });

  it('strips the listed parameters from href', () => {
    const d = describeFirst('<a href="/checkout?token=abc&step=2&email=a%40b.c">Checkout</a>', 'a');
    expect(d.href).toBe('http://localhost:3000/checkout?step=2');
  });

  it('has no href for an element that is not a link', () => {
    expect(describeFirst('<button>x</button>', 'button').href).toBeNull();
  });

  it.each(['data-testid', 'data-test', 'data-cy'])('reads the test id from %s', (attr) => {
    expect(describeFirst(`<button ${attr}="pay">Pay</button>`, 'button').testid).toBe('pay');
  });

  it('reads the role attribute', () => {
    expect(describeFirst('<div role="tab" tabindex="0">Reviews</div>', 'div').role).toBe('tab');
    expect(describeFirst('<div>Reviews</div>', 'div').role).toBeNull();
  });
});
