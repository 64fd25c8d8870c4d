// Cart: line items with −/+ and Remove (which asks "Remove item?" in a dialog with Cancel and
// Confirm), a promo code field with Apply, "Continue shopping" next to "Checkout".
// Misclick knobs: `line=touch` makes −/+/Remove 36 px touch targets 4 px apart; `remove=direct`
// removes at once and offers Undo in the toast (tracked as remove_from_cart / add_to_cart);
// `dlg.gap` sets the px between Cancel and Confirm (8 by default).
import { bindAction, toast } from '../actions.js';
import { $, cls, img, order, wrap } from '../dom.js';
import { knob, link, num } from '../knobs.js';

const TOUCH = 'min-width:36px;height:36px;margin:0;';
const lineStyle = () => (knob('line') === 'touch' ? ' style="gap:4px"' : '');
const btnStyle = () => (knob('line') === 'touch' ? ` style="${TOUCH}"` : '');
import { mount } from '../layout.js';

function line(n, qty) {
  const controls = order([
    `<button type="button" data-testid="minus-${n}" aria-label="−"${btnStyle()}>−</button><span class="${cls('qty')}" data-testid="qty-${n}">${qty}</span><button type="button" data-testid="plus-${n}" aria-label="+"${btnStyle()}>+</button>`,
    `<button type="button" class="${cls('remove')}" data-testid="remove-${n}"${btnStyle()}>Remove</button>`,
  ]);
  return `<li class="${cls('line')}" data-testid="line-${n}">${img(n, 0, '', 80, 60)}${wrap(`<span class="${cls('name')}">Runner ${n}</span>`)}<div class="${cls('line-controls')}"${lineStyle()}>${controls}</div></li>`;
}

export function render() {
  const promo = `<form class="${cls('promo')}" data-testid="promo-form" onsubmit="return false"><label>Promo code <input data-testid="promo" name="promo" value="WINTER"></label><button type="button" class="${cls('apply')}" data-testid="apply">Apply</button><p data-testid="promo-msg" class="${cls('msg')}"></p></form>`;
  const nav = order([
    `<a class="${cls('continue')}" data-testid="continue" href="${link('/category.html')}">Continue shopping</a>`,
    `<a class="${cls('checkout')}" data-testid="checkout" href="${link('/checkout.html')}">Checkout</a>`,
  ]);
  const dialog = `<dialog class="${cls('dialog')}" data-testid="dlg"><p>Remove item?</p><div class="${cls('dlg-buttons')}" style="display:flex;gap:${num('dlg.gap', 8)}px"><button type="button" data-testid="dlg-cancel" style="margin:0">Cancel</button><button type="button" data-testid="dlg-confirm" style="margin:0">Confirm</button></div></dialog>`;
  mount(
    `<h1 class="${cls('title')}">Your cart</h1><ul class="${cls('lines')}">${line(1, 1)}${line(2, 2)}</ul>${wrap(promo)}<div class="${cls('cart-nav')}">${nav}</div>${dialog}`,
  );
  for (const n of [1, 2]) {
    const q = $(`qty-${n}`);
    $(`plus-${n}`).addEventListener(
      'click',
      () => (q.textContent = String(Number(q.textContent) + 1)),
    );
    $(`minus-${n}`).addEventListener(
      'click',
      () => (q.textContent = String(Math.max(1, Number(q.textContent) - 1))),
    );
    $(`remove-${n}`).addEventListener('click', () => {
      if (knob('remove') === 'direct') return removeNow(n);
      const d = $('dlg');
      d.dataset.line = String(n);
      d.showModal();
    });
  }
  $('dlg-cancel').addEventListener('click', () => $('dlg').close());
  $('dlg-confirm').addEventListener('click', () => {
    const d = $('dlg');
    $(`line-${d.dataset.line}`)?.remove();
    d.close();
    toast('Item removed');
  });
  bindAction($('apply'), 'apply', () => {
    $('promo-msg').textContent = 'WINTER applied: −10 %';
  });
}

// `remove=direct`: the line goes at once; the toast's Undo puts it back and tracks the re-add.
function removeNow(n) {
  const el = $(`line-${n}`);
  if (!el) return;
  const at = el.nextSibling;
  const parent = el.parentNode;
  el.remove();
  const sku = `runner-${n}`;
  window.parcours('track', 'remove_from_cart', { sku });
  toast('Item removed');
  const t = $('toast');
  const undo = document.createElement('button');
  undo.type = 'button';
  undo.dataset.testid = 'undo';
  undo.textContent = 'Undo';
  undo.style.marginLeft = '10px';
  undo.addEventListener('click', () => {
    parent.insertBefore(el, at);
    t.hidden = true;
    window.parcours('track', 'add_to_cart', { sku });
  });
  t.append(undo);
}
