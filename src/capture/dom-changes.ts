import type { CaptureContext } from '../core/capture-context.js';
import type { Stop } from '../core/stop.js';

/** What a module hears of the document's changes, besides child lists (always). */
export interface DomInterest {
  /** The attributes whose changes it hears. */
  _attributes?: readonly string[];
  /** Changes of text nodes' data. */
  _text?: boolean;
}

interface Watcher {
  _fn: (r: MutationRecord) => void;
  _attributes: ReadonlySet<string>;
  _text: boolean;
}

interface Shared {
  _mo: MutationObserver;
  _all: Watcher[];
  _deliver: (records: MutationRecord[]) => void;
}

const shared = new WeakMap<CaptureContext, Shared>();

/**
 * Hands `fn` each record of the document's changes it asked for, from one MutationObserver per
 * tracker shared by every module that watches the document (the frustration page log, the
 * misclick dialogs, the funnels' markup): the browser builds each record once, not once per
 * module, and calls into script once per batch. `fn` runs under the guard (as `kind`). `_take()` hands every
 * watcher the records pending now, synchronously (for a module that must not miss a change
 * made in the same task); `_stop()` stops this watcher, and the observer with the last one.
 * Returns undefined where MutationObserver is missing.
 */
export function watchDom(
  ctx: CaptureContext,
  kind: string,
  interest: DomInterest,
  fn: (r: MutationRecord) => void,
): { _take(): void; _stop: Stop } | undefined {
  if (typeof MutationObserver !== 'function') return undefined;
  let s = shared.get(ctx);
  if (!s) {
    const all: Watcher[] = [];
    const deliver = (records: MutationRecord[]) => {
      const list = s!._all; // replaced, never changed in place: a stop meanwhile is seen next time
      for (const r of records) {
        const type = r.type;
        for (const w of list) {
          if (
            type === 'childList' ||
            (type === 'attributes' ? w._attributes.has(r.attributeName!) : w._text)
          )
            w._fn(r);
        }
      }
    };
    s = { _mo: new MutationObserver(deliver), _all: all, _deliver: deliver };
    shared.set(ctx, s);
  }
  const w: Watcher = {
    _fn: ctx.guard.wrap(kind, fn),
    _attributes: new Set(interest._attributes),
    _text: !!interest._text,
  };
  // What changed before this watcher came is for the others only.
  const before = s._mo.takeRecords();
  if (before.length) s._deliver(before);
  s._all = [...s._all, w];
  observe(s);
  const own = s;
  return {
    _take: () => own._deliver(own._mo.takeRecords()),
    _stop() {
      if (!own._all.includes(w)) return;
      own._all = own._all.filter((x) => x !== w);
      if (own._all.length) return;
      own._mo.disconnect();
      if (shared.get(ctx) === own) shared.delete(ctx);
    },
  };
}

// The document, observed for the union of what the watchers ask. Observing it again should
// replace the options (DOM standard), but not every implementation does (happy-dom keeps the
// first): the observer starts over, and what was pending is handed out first.
function observe(s: Shared): void {
  const attributes = new Set<string>();
  let text = false;
  for (const w of s._all) {
    w._attributes.forEach((a) => attributes.add(a));
    text ||= w._text;
  }
  const pending = s._mo.takeRecords();
  s._mo.disconnect();
  if (pending.length) s._deliver(pending);
  s._mo.observe(document, {
    subtree: true,
    childList: true,
    characterData: text,
    ...(attributes.size ? { attributeFilter: [...attributes] } : {}),
  });
}
