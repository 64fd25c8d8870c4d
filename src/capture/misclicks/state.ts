import type { CaptureContext } from '../../core/capture-context.js';
import { watchDom } from '../dom-changes.js';
/** What a control shows of its state: enough to see a choice made, moved or undone. */
export function stateOf(el: Element | null): string {
  if (!el || !el.isConnected) return '';
  const a = (n: string) => el.getAttribute(n) ?? '';
  const checked = (el as HTMLInputElement).checked;
  // Concatenated, not an array joined: one string built per press, nothing else.
  return (
    a('aria-pressed') +
    '|' +
    a('aria-checked') +
    '|' +
    a('aria-selected') +
    '|' +
    a('aria-expanded') +
    '|' +
    a('aria-current') +
    '|' +
    (typeof checked === 'boolean' ? String(checked) : '') +
    '|' +
    a('class')
  );
}

const DIALOGS = 'dialog,[role=dialog],[role=alertdialog],[popover],[aria-modal=true]';
/** The attributes that make an element one of {@link DIALOGS}. */
const DIALOG_ATTRIBUTES = ['role', 'popover', 'aria-modal'];

/** The dialog or popover `el` sits in, or null. */
export const dialogOf = (el: Element | null): Element | null => el?.closest(DIALOGS) ?? null;

/** A dialog's identity across openings: its id, else its label, else its heading. */
export function dialogId(d: Element): string {
  const label = d.getAttribute('aria-labelledby');
  return (
    d.id ||
    d.getAttribute('aria-label') ||
    (label && document.getElementById(label)?.textContent) ||
    d.querySelector('h1,h2,h3,h4')?.textContent ||
    d.localName
  ).slice(0, 80);
}

/** Whether a dialog, drawer or popover is showing. */
export function isOpen(d: Element): boolean {
  if (!d.isConnected || d.hasAttribute('hidden') || d.getAttribute('aria-hidden') === 'true')
    return false;
  if (d.localName === 'dialog' && !(d as HTMLDialogElement).open) return false;
  if (d.hasAttribute('popover') && !safeMatches(d, ':popover-open')) return false;
  const r = d.getBoundingClientRect();
  return r.width > 0 && r.height > 0;
}

function safeMatches(el: Element, sel: string): boolean {
  try {
    return el.matches(sel);
  } catch {
    return true;
  }
}

/** The dialogs, drawers and popovers showing now. */
export const openDialogs = (): Element[] =>
  Array.from(document.querySelectorAll(DIALOGS)).filter(isOpen);

/**
 * {@link openDialogs} without a query of the whole document per call: the elements that may be
 * dialogs are found once, then kept up to date from a MutationObserver's records (nodes added,
 * the attributes that make a dialog), which are taken synchronously on each call so nothing
 * pending is missed. Same result, in document order.
 */
export function watchDialogs(ctx: CaptureContext): { _open: () => Element[]; _stop: () => void } {
  let known: Set<Element> | undefined; // undefined until first asked
  const note = (n: Node) => {
    if (n.nodeType !== 1) return;
    const e = n as Element;
    if (e.matches(DIALOGS)) known!.add(e);
    if (e.firstElementChild) for (const d of e.querySelectorAll(DIALOGS)) known!.add(d);
  };
  const dom = watchDom(ctx, 'misclicks:dialogs', { _attributes: DIALOG_ATTRIBUTES }, (r) => {
    if (!known) return;
    if (r.type === 'childList') r.addedNodes.forEach(note);
    else if ((r.target as Element).matches(DIALOGS)) known.add(r.target as Element);
    else known.delete(r.target as Element);
  });
  if (!dom) return { _open: openDialogs, _stop: () => {} };
  return {
    _open() {
      dom._take();
      known ??= new Set(document.querySelectorAll(DIALOGS));
      const out: Element[] = [];
      for (const d of known) {
        if (!d.isConnected)
          known.delete(d); // back in `known` if it is added again
        else if (isOpen(d)) out.push(d);
      }
      return out.length > 1
        ? out.sort((a, b) =>
            a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1,
          )
        : out;
    },
    _stop: dom._stop,
  };
}

/**
 * What a press opened: the target of the control's own `aria-expanded`, or a dialog showing now
 * that was not showing before (`before`).
 */
export function openedBy(el: Element, now: Element[], before: Element[]): Element | null {
  if (el.getAttribute('aria-expanded') === 'true') {
    const id = el.getAttribute('aria-controls');
    return (id && document.getElementById(id)) || el;
  }
  return now.find((d) => !d.contains(el) && !before.includes(d)) ?? null;
}
