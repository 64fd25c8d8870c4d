/** What a control shows of its state: enough to see a choice made, moved or undone. */
export function stateOf(el: Element | null): string {
  if (!el || !el.isConnected) return '';
  const a = (n: string) => el.getAttribute(n) ?? '';
  const input = el as HTMLInputElement;
  return [
    a('aria-pressed'),
    a('aria-checked'),
    a('aria-selected'),
    a('aria-expanded'),
    a('aria-current'),
    typeof input.checked === 'boolean' ? String(input.checked) : '',
    el.getAttribute('class') ?? '',
  ].join('|');
}

const DIALOGS = 'dialog,[role=dialog],[role=alertdialog],[popover],[aria-modal=true]';

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
