/**
 * What a visitor can activate (SIGNALS.md §4.2 "Target resolution"). `[onclick]` covers inline
 * handlers; handlers set as properties are checked by {@link actionable}.
 */
export const INTERACTIVE =
  'a[href],button,input:not([type=hidden]),select,textarea,summary,label,' +
  '[role=button],[role=link],[role=menuitem],[role=menuitemcheckbox],[role=menuitemradio],' +
  '[role=option],[role=tab],[role=checkbox],[role=radio],[role=switch],[role=treeitem],' +
  '[role=combobox],[role=slider],[role=spinbutton],[tabindex]:not([tabindex="-1"]),' +
  '[contenteditable]:not([contenteditable=false]),[onclick]';

/** The nearest activatable element at or above `el`, or null. */
export function actionable(el: Element | null): Element | null {
  for (let n = el; n; n = n.parentElement) {
    if (n.matches(INTERACTIVE) || typeof (n as HTMLElement).onclick === 'function') return n;
  }
  return null;
}

/** The element an event happened on, through open shadow roots; text nodes resolve to their parent. */
export function eventElement(e: Event): Element | null {
  // Retargeted only where the target hosts an open shadow root (a closed one hides its inside
  // from composedPath too): no path array built for every other event.
  let t = e.target as Node | null;
  if ((t as Element | null)?.shadowRoot) t = (e.composedPath?.()[0] ?? t) as Node;
  if (!t) return null;
  return t.nodeType === 1 ? (t as Element) : t.parentElement;
}
