import { describe, expect, it, vi } from 'vitest';
import { createTracker } from '../../../src/core/tracker.js';

describe('listeners', () => {
  it('share one native listener per target and type, in order, and skip one stopped meanwhile', async () => {
    const add = vi.spyOn(document, 'addEventListener');
    const heard: string[] = [];
    let stopB = () => {};
    const t = createTracker(
      { endpoint: 'https://collect.example.com/v1/batch' },
      {
        storage: null,
        capture: [
          (ctx) =>
            ctx.listen(document, 'pointerdown', () => {
              heard.push('a');
              stopB();
            }),
          (ctx) => (stopB = ctx.listen(document, 'pointerdown', () => heard.push('b'))),
          (ctx) => ctx.listen(document, 'pointerdown', () => heard.push('c')),
        ],
      },
    );
    expect(add.mock.calls.filter((c) => c[0] === 'pointerdown')).toHaveLength(1);
    document.dispatchEvent(new Event('pointerdown'));
    document.dispatchEvent(new Event('pointerdown'));
    expect(heard).toEqual(['a', 'c', 'a', 'c']);
    await t.shutdown(); // its last send and stop end inside the test, not after its teardown
  });
});
