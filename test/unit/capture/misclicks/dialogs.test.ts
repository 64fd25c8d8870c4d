import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDialogs, watchDialogs } from '../../../../src/capture/misclicks/state.js';
import type { CaptureContext } from '../../../../src/core/capture-context.js';
import { createGuard } from '../../../../src/core/guard.js';

const ctx = { guard: createGuard(() => false) } as CaptureContext;

afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('watchDialogs', () => {
  it('gives what a document query gives, in document order, as dialogs come, change and go', () => {
    // happy-dom lays nothing out: every element showing has a box here.
    vi.spyOn(Element.prototype, 'getBoundingClientRect').mockReturnValue(new DOMRect(0, 0, 10, 10));
    document.body.innerHTML = '<main><div id="a" role="dialog"></div><p id="p"></p></main>';
    const w = watchDialogs(ctx);
    const ids = () => w._open().map((d) => d.id);
    const same = () => expect(ids()).toEqual(openDialogs().map((d) => d.id));
    expect(ids()).toEqual(['a']);
    // Added before the first, with a dialog inside; a role given; a popover attribute removed.
    document
      .querySelector('main')!
      .insertAdjacentHTML(
        'afterbegin',
        '<section id="s"><dialog id="d" open></dialog></section><div id="pop" popover></div>',
      );
    same();
    document.getElementById('p')!.setAttribute('role', 'alertdialog');
    same();
    document.getElementById('pop')!.removeAttribute('popover');
    same();
    document.getElementById('a')!.setAttribute('hidden', '');
    same();
    document.getElementById('s')!.remove();
    same();
    expect(ids()).toEqual(['p']);
    w._stop();
  });
});
