// Runs inside the replayed page (passed to `page.evaluateHandle`): it must be self-contained,
// with no reference to this module's scope.

/** What the runner asks the page to find. */
export interface LocateQuery {
  selector: string;
  tag: string;
  text: string;
  /** Captured page coordinates of the click (absent for inputs). */
  x?: number;
  y?: number;
}

/** How an element was found: by its selector, by its tag and text, or at its captured position. */
export type FoundBy = 'selector' | 'text' | 'position';

/**
 * Finds the captured element: the selector's first visible match whose text still matches,
 * else a visible element of the same tag and text (the nearest to the captured point), else
 * the actionable element at the captured point if its tag matches (and its text, when one was
 * captured). Returns `[element, foundBy, atSamePlace, nowAtSelector]`, where `nowAtSelector`
 * describes what the selector finds when it is not the element.
 */
export function locateInPage(q: LocateQuery): [Element | null, FoundBy | '', boolean, string] {
  const norm = (s: string | null | undefined) =>
    (s ?? '').replace(/\s+/g, ' ').trim().slice(0, 80).toLowerCase();
  const shown = (el: Element): string => {
    const input = el as HTMLInputElement;
    let t: string | null = el.getAttribute('aria-label');
    if (!t && el.localName === 'input') {
      t = /^(button|submit|reset|image)$/.test(input.type)
        ? input.value || input.alt
        : input.placeholder;
    } else if (!t && /^(textarea|select)$/.test(el.localName)) {
      t = el.getAttribute('placeholder') ?? el.getAttribute('title');
    } else if (!t) {
      t = el.textContent;
      if (!t?.trim()) t = el.getAttribute('title') ?? el.getAttribute('alt');
    }
    return (t ?? '').replace(/\s+/g, ' ').trim().slice(0, 80);
  };
  const textOf = (el: Element) => norm(shown(el));
  const want = norm(q.text);
  // Redacted text ("[card]") cannot be compared.
  const textOk = (el: Element) => !want || /\[(card|email)\]/.test(want) || textOf(el) === want;
  const visible = (el: Element) =>
    el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const hasPoint = q.x !== undefined && q.y !== undefined;
  const near = (el: Element) => {
    if (!hasPoint) return true;
    const r = el.getBoundingClientRect();
    const px = q.x! - scrollX;
    const py = q.y! - scrollY;
    const slack = 24;
    return (
      px >= r.left - slack && px <= r.right + slack && py >= r.top - slack && py <= r.bottom + slack
    );
  };
  const distance = (el: Element) => {
    const r = el.getBoundingClientRect();
    return Math.hypot(
      r.left + r.width / 2 + scrollX - (q.x ?? 0),
      r.top + r.height / 2 + scrollY - (q.y ?? 0),
    );
  };
  let bySelector: Element[] = [];
  try {
    bySelector = q.selector
      ? Array.from(document.querySelectorAll(q.selector)).filter(visible)
      : [];
  } catch {
    // an invalid selector in a hostile or old file finds nothing
  }
  const first = bySelector[0];
  const now = first ? `<${first.localName}> “${shown(first)}”` : '';
  const hit = bySelector.find(textOk);
  if (hit) return [hit, 'selector', near(hit), ''];
  if (q.tag && want) {
    const same = Array.from(document.querySelectorAll(q.tag))
      .filter((el) => visible(el) && textOk(el))
      .sort((a, b) => distance(a) - distance(b));
    if (same[0]) return [same[0], 'text', near(same[0]), now];
  }
  if (hasPoint && q.tag) {
    const px = q.x! - scrollX;
    const py = q.y! - scrollY;
    const at =
      px >= 0 && py >= 0 && px < innerWidth && py < innerHeight
        ? document.elementFromPoint(px, py)
        : null;
    const el = at?.closest(q.tag);
    if (el && textOk(el)) return [el, 'position', true, now];
  }
  return [null, '', false, now];
}
