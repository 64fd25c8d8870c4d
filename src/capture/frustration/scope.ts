/**
 * Causal scope of a click (SIGNALS.md §4.2): which DOM changes may be its reaction. Carousels,
 * tickers, ads and chat widgets mutate all the time; counting any mutation as a reaction would
 * call every broken button alive on such pages.
 */

/** Containers whose changes belong to a click inside them. */
const CONTAINERS =
  'form,dialog,[role=dialog],[role=alertdialog],[role=listbox],[role=menu],[role=tablist],' +
  '[role=group],[role=radiogroup],[role=region],section,article,li,tr,fieldset,details,figure';
/** Regions whose changes belong to any click: status messages, toasts, the top layer. */
const GLOBAL_FEEDBACK =
  '[role=status],[role=alert],[aria-live],output,dialog,[popover],[role=dialog],title';
/** A new node this large (share of the viewport) is a reaction wherever it is (overlays). */
const LARGE_SHARE = 0.05;

/** A fallback scope may cover at most this share of the viewport. */
const MAX_FALLBACK_SHARE = 0.3;

/**
 * The element a click's reactions are looked for in: its semantic container (form, dialog,
 * card, list item…), else the largest of its parent and grandparent that stays small (a page
 * wrapper would put every change of the page in scope).
 */
export function scopeRoot(el: Element): Element {
  const top = document.body;
  const c = el.closest(CONTAINERS);
  if (c && c !== top && c !== document.documentElement) return c;
  let root = el;
  const limit = MAX_FALLBACK_SHARE * innerWidth * innerHeight;
  for (let n = el.parentElement, i = 0; n && n !== top && i < 2; n = n.parentElement, i++) {
    const b = n.getBoundingClientRect();
    if (b.width * b.height > limit) break;
    root = n;
  }
  return root;
}

/** Elements the clicked control says it controls (`aria-controls`, `href="#id"`, …). */
export function controlled(el: Element): Element[] {
  const out: Element[] = [];
  // A loop over the names, not a list of values split each: most controls have none of them.
  for (const name of CONTROLS) {
    let list = el.getAttribute(name);
    if (name === 'href') list = list?.startsWith('#') ? list.slice(1) : null;
    if (!list) continue;
    for (const id of list.split(/\s+/)) {
      const t = id && document.getElementById(id);
      if (t) out.push(t);
    }
  }
  return out;
}

/** The attributes naming what a control controls (`href` only as `#id`). */
const CONTROLS = ['aria-controls', 'aria-owns', 'popovertarget', 'commandfor', 'for', 'href'];

/**
 * Whether a mutation of `node` (adding `added`) may be the reaction to a click on `el`. `roots` is
 * `[scopeRoot(el), ...controlled(el)]`, computed once per click; `feedback` the configured
 * selectors of page-wide feedback regions.
 */
export function inScope(
  node: Node,
  added: Node | undefined,
  el: Element,
  roots: Element[],
  feedback: string,
): boolean {
  const n = node.nodeType === 1 ? (node as Element) : node.parentElement;
  if (n?.isConnected) {
    if (el.contains(n)) return true;
    for (const r of roots) if (r.contains(n)) return true;
    if (n.closest(feedback ? `${GLOBAL_FEEDBACK},${feedback}` : GLOBAL_FEEDBACK)) return true;
  }
  // A large new node (an overlay, a drawer) answers any click; its parent (often body) does not.
  if (added?.nodeType !== 1 || !added.isConnected) return false;
  return isLarge(added as Element);
}

/** Whether `el` covers at least {@link LARGE_SHARE} of the viewport (an overlay, a drawer). */
export function isLarge(el: Element): boolean {
  const box = el.getBoundingClientRect();
  return box.width * box.height >= LARGE_SHARE * innerWidth * innerHeight;
}
