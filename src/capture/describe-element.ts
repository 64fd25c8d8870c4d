import { redact } from '../core/privacy.js';
import type { Json } from '../core/types.js';
import { selectorOf, testIdOf } from './selector.js';

/** Longest `text` of an element description. */
export const MAX_TEXT_CHARS = 80;

/** How a click event names its target (DESIGN.md "Events": click.target). */
export interface ElementDescription {
  [k: string]: Json;
  selector: string;
  tag: string;
  text: string;
  role: string | null;
  href: string | null;
  testid: string | null;
}

const BUTTON_INPUTS = new Set(['button', 'submit', 'reset', 'image']);

/**
 * Describes an element without ever reading what a visitor typed: a text field is named by its
 * label attributes, never its value. With `mask` (`privacy.maskInputs`), text that looks like a
 * card number or an e-mail address is redacted too.
 * `stripUrl` sanitises `href` as page URLs are.
 */
export function describeElement(
  el: Element,
  stripUrl: (href: string) => string,
  mask = true,
): ElementDescription {
  const tag = el.localName;
  const href = (el as HTMLAnchorElement).href;
  const tid = testIdOf(el);
  return {
    selector: selectorOf(el),
    tag,
    text: textOf(el, tag, mask),
    role: el.getAttribute('role'),
    href: typeof href === 'string' && href ? stripUrl(href) : null,
    testid: tid ? tid.value : null,
  };
}

function textOf(el: Element, tag: string, mask: boolean): string {
  const input = el as HTMLInputElement;
  let t: string | null = el.getAttribute('aria-label');
  if (!t && tag === 'input') {
    // A button-like input shows its value as its label; any other value is visitor input.
    t = BUTTON_INPUTS.has(input.type) ? input.value || input.alt : input.placeholder;
  } else if (
    !t &&
    (tag === 'textarea' || tag === 'select' || (el as HTMLElement).isContentEditable)
  ) {
    t = el.getAttribute('placeholder') ?? el.getAttribute('title');
  } else if (!t) {
    t = boundedText(el);
    if (!t?.trim()) t = el.getAttribute('title') ?? el.getAttribute('alt');
  }
  if (!t) return '';
  const flat = t.replace(/\s+/g, ' ').trim();
  const clean = mask ? redact(flat) : flat;
  return clean.length > MAX_TEXT_CHARS ? clean.slice(0, MAX_TEXT_CHARS) : clean;
}

/**
 * The element's text, read node by node and stopped once there is enough: `textContent` of a
 * large container would build the whole subtree's text on the click path. (Not `innerText`,
 * which forces a layout.)
 */
function boundedText(el: Element): string {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let out = '';
  for (let n = walker.nextNode(); n && out.length < MAX_TEXT_CHARS * 2; n = walker.nextNode()) {
    out += n.nodeValue ?? '';
  }
  return out;
}
