import { redact } from '../core/privacy.js';
import type { Stop } from '../core/stop.js';
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

/** The attributes a description reads (selector, text, role, test id): a change to one renews it. */
const DESCRIBED_ATTRS = [
  'id',
  'data-testid',
  'data-test',
  'data-cy',
  'role',
  'aria-label',
  'title',
  'alt',
  'placeholder',
  'value',
  'type',
  'contenteditable',
];
/** Attributes whose change can move any element's selector (they anchor one, and must be unique). */
const ANCHOR_ATTRS = new Set(['id', 'data-testid', 'data-test', 'data-cy']);
/** Nodes changed locally remembered; past this, every description is renewed. */
const MAX_DIRTY = 64;

interface Kept {
  /** {@link describeCache}'s epoch and change count when described. */
  _epoch: number;
  _seq: number;
  _mask: boolean;
  _editable: boolean;
  _d: ElementDescription;
}

/**
 * {@link describeElement} with each element's description kept until a change could alter it:
 * elements added, removed or moved, or an anchoring attribute (id, test id) changed anywhere,
 * renews every description (selectors count siblings and test uniqueness); a text edit or
 * another described attribute renews only the descriptions of elements that contain it. A
 * click on the same button again then walks neither its ancestors nor its text. Changes not yet
 * delivered to the observer are taken at each call, so a description is never stale; `href` is
 * read each time (a route change moves what a relative link resolves to). Elements in a shadow
 * root, which the observer does not see, are described afresh. `guard` wraps the observer's
 * callback (the tracker's guard).
 */
export function describeCache(
  guard: (fn: (records: MutationRecord[]) => void) => (records: MutationRecord[]) => void = (f) =>
    f,
): {
  _describe: (
    el: Element,
    stripUrl: (href: string) => string,
    mask?: boolean,
  ) => ElementDescription;
  _stop: Stop;
} {
  if (typeof MutationObserver !== 'function')
    return { _describe: describeElement, _stop: () => {} };
  let epoch = 0;
  let seq = 0;
  // Each node changed since the last renewal of all, with the count at its latest change (a
  // counter the page updates on every click stays one entry).
  const dirty = new Map<Node, number>();
  const kept = new WeakMap<Element, Kept>();
  const hasElement = (nodes: NodeList) => {
    for (let i = 0; i < nodes.length; i++) if (nodes[i]!.nodeType === 1) return true;
    return false;
  };
  const take = (records: MutationRecord[]) => {
    for (const r of records) {
      if (
        r.type === 'attributes'
          ? ANCHOR_ATTRS.has(r.attributeName!)
          : r.type === 'childList' && (hasElement(r.addedNodes) || hasElement(r.removedNodes))
      ) {
        epoch++;
        dirty.clear();
      } else {
        dirty.delete(r.target);
        if (dirty.set(r.target, ++seq).size > MAX_DIRTY) {
          epoch++;
          dirty.clear();
        }
      }
    }
  };
  const fresh = (el: Element, k: Kept) => {
    if (k._epoch !== epoch) return false;
    for (const [n, at] of dirty) if (at > k._seq && el.contains(n)) return false;
    return true;
  };
  const mo = new MutationObserver(guard(take));
  mo.observe(document, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: DESCRIBED_ATTRS,
  });
  return {
    _describe(el, stripUrl, mask = true) {
      take(mo.takeRecords());
      // Not an attribute of the element alone (an ancestor's, or `designMode`): compared.
      const editable = (el as HTMLElement).isContentEditable === true;
      const k = kept.get(el);
      if (!k || k._mask !== mask || k._editable !== editable || !fresh(el, k)) {
        if (el.getRootNode() !== document) return describeElement(el, stripUrl, mask);
        const d = describeElement(el, stripUrl, mask);
        kept.set(el, { _epoch: epoch, _seq: seq, _mask: mask, _editable: editable, _d: d });
        return { ...d };
      }
      const d = k._d;
      const href = (el as HTMLAnchorElement).href;
      return {
        selector: d.selector,
        tag: d.tag,
        text: d.text,
        role: d.role,
        href: typeof href === 'string' && href ? stripUrl(href) : null,
        testid: d.testid,
      };
    },
    _stop: () => mo.disconnect(),
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
