import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchDom } from '../../../src/capture/dom-changes.js';
import type { CaptureContext } from '../../../src/core/capture-context.js';
import { createGuard } from '../../../src/core/guard.js';
import { init } from '../../../src/init.js';
import { harness, useTrackerSandbox } from '../core/helpers.js';

const fakeCtx = () => ({ guard: createGuard(() => false) }) as CaptureContext;
const flush = () => new Promise<void>((ok) => setTimeout(ok, 0));
/** Counts the MutationObservers made from now on. */
function countObservers(): { n: number } {
  const c = { n: 0 };
  const Real = globalThis.MutationObserver;
  vi.stubGlobal(
    'MutationObserver',
    class extends Real {
      constructor(cb: MutationCallback) {
        super(cb);
        c.n++;
      }
    },
  );
  return c;
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('watchDom', () => {
  it('shares one observer per tracker and hands each watcher only what it asked for', async () => {
    const made = countObservers();
    const ctx = fakeCtx();
    const seen: Record<string, string[]> = { log: [], marks: [] };
    const describe = (r: MutationRecord) =>
      r.type === 'attributes' ? `attr:${r.attributeName}` : r.type;
    const a = watchDom(ctx, 'log', { _attributes: ['class'], _text: true }, (r) =>
      seen.log!.push(describe(r)),
    )!;
    const b = watchDom(ctx, 'marks', { _attributes: ['data-step'] }, (r) =>
      seen.marks!.push(describe(r)),
    )!;
    expect(made.n).toBe(1);
    const p = document.body.appendChild(document.createElement('p'));
    p.className = 'x';
    p.setAttribute('data-step', 's');
    p.setAttribute('title', 'not watched');
    p.append('text');
    (p.firstChild as Text).data = 'changed';
    await flush();
    expect(seen.log).toEqual(['childList', 'attr:class', 'childList', 'characterData']);
    expect(seen.marks).toEqual(['childList', 'attr:data-step', 'childList']);
    // Another tracker has its own observer.
    watchDom(fakeCtx(), 'other', {}, () => {})!._stop();
    expect(made.n).toBe(2);
    a._stop();
    b._stop();
  });

  it('hands every watcher the pending records at once on _take, none twice, none from before it watched', async () => {
    const ctx = fakeCtx();
    const got: string[] = [];
    const a = watchDom(ctx, 'a', {}, () => got.push('a'))!;
    document.body.append(document.createElement('div')); // before b watches: a's only
    const b = watchDom(ctx, 'b', {}, () => got.push('b'))!;
    expect(got).toEqual(['a']);
    got.length = 0;
    document.body.append(document.createElement('div'));
    b._take(); // synchronously, in the task of the change
    expect(got).toEqual(['a', 'b']);
    await flush();
    expect(got).toEqual(['a', 'b']);
    a._stop();
    document.body.append(document.createElement('div'));
    await flush();
    expect(got).toEqual(['a', 'b', 'b']);
    b._stop();
    document.body.append(document.createElement('div'));
    await flush();
    expect(got).toEqual(['a', 'b', 'b']);
  });

  it('keeps a watcher that throws from the others and from the page', async () => {
    const ctx = fakeCtx();
    const got: string[] = [];
    const bad = watchDom(ctx, 'bad', {}, () => {
      throw new Error('boom');
    })!;
    const good = watchDom(ctx, 'good', {}, () => got.push('good'))!;
    document.body.append(document.createElement('div'));
    await flush();
    expect(got).toEqual(['good']);
    expect(ctx.guard.errors.get('bad')).toBe(1);
    bad._stop();
    good._stop();
  });
});

describe('init', () => {
  useTrackerSandbox();
  it('watches the document with one MutationObserver for all its default capture', () => {
    const made = countObservers();
    harness({}, {}, init);
    // Funnels' markup, the frustration page log and the misclick dialogs.
    expect(made.n).toBe(1);
  });
});
