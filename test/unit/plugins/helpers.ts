import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/plugins');

/** The HTML of a fixture page under test/fixtures/plugins/. */
export const fixtureHtml = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

/** A fixture page as its own Document (for the pure scanners). */
export const fixtureDoc = (name: string) =>
  new DOMParser().parseFromString(fixtureHtml(name), 'text/html');

/** Puts a fixture page in the test's `document` (head, body, its attributes, title). */
export function loadFixture(name: string): void {
  const d = fixtureDoc(name);
  document.head.innerHTML = d.head.innerHTML;
  document.body.innerHTML = d.body.innerHTML;
  for (const a of [...document.body.attributes]) document.body.removeAttribute(a.name);
  for (const a of [...d.body.attributes]) document.body.setAttribute(a.name, a.value);
  document.title = d.title;
}

/**
 * happy-dom has no layout: give every element a 100×20 box at the `data-y` of its nearest
 * marked ancestor (0 when none), and let `elementFromPoint` see nothing in the way.
 */
export function fakeLayout(): void {
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    const y = Number(this.closest('[data-y]')?.getAttribute('data-y') ?? 0);
    return {
      x: 0,
      y,
      left: 0,
      top: y,
      width: 100,
      height: 20,
      right: 100,
      bottom: y + 20,
      toJSON() {},
    } as DOMRect;
  });
  vi.spyOn(document, 'elementFromPoint').mockReturnValue(null);
}

/** A controllable IntersectionObserver: `show(el, ratio)` delivers an entry to its observer. */
export function fakeIntersection() {
  const observers: { cb: IntersectionObserverCallback; els: Set<Element> }[] = [];
  class FakeIO {
    private o: { cb: IntersectionObserverCallback; els: Set<Element> };
    constructor(cb: IntersectionObserverCallback) {
      this.o = { cb, els: new Set() };
      observers.push(this.o);
    }
    observe(el: Element) {
      this.o.els.add(el);
    }
    unobserve(el: Element) {
      this.o.els.delete(el);
    }
    disconnect() {
      this.o.els.clear();
    }
    takeRecords() {
      return [];
    }
  }
  vi.stubGlobal('IntersectionObserver', FakeIO);
  return {
    observed: () => observers.flatMap((o) => [...o.els]),
    show(el: Element, ratio: number) {
      for (const o of observers) {
        if (!o.els.has(el)) continue;
        const entry = {
          target: el,
          intersectionRatio: ratio,
          isIntersecting: ratio > 0,
        } as IntersectionObserverEntry;
        o.cb([entry], o as unknown as IntersectionObserver);
      }
    },
  };
}

/** The element whose own text contains `text`. */
export function byText(text: string): Element {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.nodeValue?.includes(text)) return n.parentElement!;
  }
  throw new Error(`no element with text ${text}`);
}
