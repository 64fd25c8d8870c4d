import type { CaptureContext } from '../../core/capture-context.js';
import type { ResolvedMisclicks } from '../../core/misclick-config.js';
import type { Stop } from '../../core/stop.js';
import type { Json, TrackEvent } from '../../core/types.js';

/** Cart event names: GA4's ecommerce names and the common short forms. */
const ADD = /^(add_to_cart|addtocart|cart_add|product_added)$/i;
const REMOVE = /^(remove_from_cart|removefromcart|cart_remove|product_removed)$/i;

interface CartMove {
  _t: number;
  _add: boolean;
  _click: TrackEvent | undefined;
}

/**
 * `cart_undo` (SIGNALS.md §4.8): a SKU removed within `cartUndoMs` of its add, or added back
 * within `cartUndoMs` of its removal (an Undo toast), from the cart events the site tracks
 * (`track('add_to_cart', { sku })`; `sku`, `item_id` or `id`, or the first of `items`).
 * `likely_misclick` when the two came within `cartMisclickMs`.
 */
export function startCartUndo(ctx: CaptureContext, c: ResolvedMisclicks): Stop {
  const last = new Map<string, CartMove>();
  let lastClick: TrackEvent | undefined;
  const stops = [
    ctx.on('click', (e) => void (lastClick = e)),
    ctx.on('event', (e) => {
      if (!e || e.type !== 'custom') return;
      const name = String(e.props.name);
      const add = ADD.test(name);
      if (!add && !REMOVE.test(name)) return;
      const sku = skuOf(e.props);
      if (!sku) return;
      const prev = last.get(sku);
      const t = ctx.now();
      last.set(sku, { _t: t, _add: add, _click: lastClick });
      if (!prev || prev._add === add || t - prev._t > c.cartUndoMs) return;
      last.delete(sku);
      const first = prev._click;
      ctx.emit('frustration', {
        kind: 'cart_undo',
        target: first?.props.target ?? null,
        evidence: {
          sku,
          order: prev._add ? 'add_remove' : 'remove_add',
          gapMs: Math.round(t - prev._t),
          likely_misclick: t - prev._t <= c.cartMisclickMs,
        },
        clickSeq: first?.seq ?? null,
      });
    }),
  ];
  return () => stops.forEach((s) => s());
}

function skuOf(p: { [k: string]: Json }): string | undefined {
  const items = p.items;
  const item =
    Array.isArray(items) && items[0] && typeof items[0] === 'object'
      ? (items[0] as { [k: string]: Json })
      : p;
  const v = item.sku ?? item.item_id ?? item.id ?? p.sku;
  return typeof v === 'string' || typeof v === 'number' ? String(v).slice(0, 100) : undefined;
}
