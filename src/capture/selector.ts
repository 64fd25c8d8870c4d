/** Longest selector path, in elements (SIGNALS.md §4.2). */
export const MAX_SELECTOR_DEPTH = 10;
const TESTID_ATTRS = ['data-testid', 'data-test', 'data-cy'] as const;

/** `data-testid`, `data-test` or `data-cy`, whichever the element has. */
export function testIdOf(el: Element): { attr: string; value: string } | undefined {
  for (const attr of TESTID_ATTRS) {
    const value = el.getAttribute(attr);
    if (value) return { attr, value };
  }
  return undefined;
}

/** Ids that frameworks generate per render (`:r1:`, `«r0»`, long numbers) make poor anchors. */
const isStableId = (id: string) => /^[A-Za-z][\w-]*$/.test(id) && !/\d{4,}/.test(id);

/**
 * A CSS selector for `el`, at most {@link MAX_SELECTOR_DEPTH} levels: it stops at the nearest
 * ancestor-or-self with a unique stable `id`, then a unique test id, and otherwise uses tag
 * names with `:nth-of-type` where siblings share the tag.
 */
export function selectorOf(el: Element): string {
  const root = el.getRootNode() as Document | ShadowRoot;
  const parts: string[] = [];
  for (
    let n: Element | null = el, depth = 0;
    n && depth < MAX_SELECTOR_DEPTH;
    n = n.parentElement, depth++
  ) {
    if (n.id && isStableId(n.id) && root.getElementById?.(n.id) === n) {
      parts.unshift(`#${n.id}`);
      break;
    }
    const tid = testIdOf(n);
    if (tid && !/["\\]/.test(tid.value)) {
      const sel = `[${tid.attr}="${tid.value}"]`;
      if (root.querySelectorAll(sel).length === 1) {
        parts.unshift(sel);
        break;
      }
    }
    const tag = n.localName;
    if (tag === 'html' || tag === 'body') {
      parts.unshift(tag);
      break;
    }
    // :nth-of-type by walking siblings: no copy of the parent's children on the click path.
    let index = 1;
    for (let sib = n.previousElementSibling; sib; sib = sib.previousElementSibling) {
      if (sib.localName === tag) index++;
    }
    let alone = index === 1;
    for (let sib = n.nextElementSibling; alone && sib; sib = sib.nextElementSibling) {
      if (sib.localName === tag) alone = false;
    }
    const part = alone ? tag : `${tag}:nth-of-type(${index})`;
    parts.unshift(part);
  }
  return parts.join('>');
}
