import { describe, expect, it, vi } from 'vitest';
import { init } from '../../../../src/init.js';
import { harness, ofType, useTrackerSandbox } from '../../core/helpers.js';

useTrackerSandbox();

const start = () => harness({}, { now: () => Date.now() }, init);
const undos = async (h: ReturnType<typeof start>) =>
  ofType(await h.received(), 'frustration')
    .filter((e) => e.props.kind === 'cart_undo')
    .map((e) => e.props.evidence);

describe('cart undo', () => {
  it('reports a SKU removed soon after its add, likely a misclick within 5 s', async () => {
    const h = start();
    h.t.track('add_to_cart', { sku: 'A1' });
    await vi.advanceTimersByTimeAsync(3_000);
    h.t.track('remove_from_cart', { sku: 'A1' });
    h.t.track('add_to_cart', { items: [{ item_id: 'B2' }] });
    await vi.advanceTimersByTimeAsync(7_000);
    h.t.track('remove_from_cart', { items: [{ item_id: 'B2' }] });
    expect(await undos(h)).toEqual([
      { sku: 'A1', order: 'add_remove', gapMs: 3_000, likely_misclick: true },
      { sku: 'B2', order: 'add_remove', gapMs: 7_000, likely_misclick: false },
    ]);
  });

  it('reports a removal undone (added back), and nothing past the window or for other SKUs', async () => {
    const h = start();
    h.t.track('remove_from_cart', { sku: 'A1' });
    await vi.advanceTimersByTimeAsync(1_000);
    h.t.track('add_to_cart', { sku: 'A1' });
    h.t.track('add_to_cart', { sku: 'C3' });
    await vi.advanceTimersByTimeAsync(11_000);
    h.t.track('remove_from_cart', { sku: 'C3' });
    h.t.track('remove_from_cart', { sku: 'D4' });
    expect(await undos(h)).toEqual([
      { sku: 'A1', order: 'remove_add', gapMs: 1_000, likely_misclick: true },
    ]);
  });
});
