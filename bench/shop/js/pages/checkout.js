// Checkout: address form with inline validation; Place order stays disabled until the form is
// valid (a press on it while disabled shows the messages, caught on its wrapper since a disabled
// button gets no click); payment fields; `prefill=1` starts with a valid form. A successful
// order replaces the form with a confirmation in place. `terms=1` adds a 14×14 "I accept the
// terms" checkbox whose text is not its label (a press on the text does nothing).
import { bindAction } from '../actions.js';
import { $, cls, order, wrap } from '../dom.js';
import { knob, link } from '../knobs.js';
import { mount } from '../layout.js';

const FIELDS = [
  ['name', 'Full name', 'Ada Lovelace'],
  ['street', 'Street', '12 Analytical Row'],
  ['zip', 'Postcode', '75011'],
  ['city', 'City', 'Paris'],
];

const field = ([id, label, value]) =>
  `<label class="${cls('field')}">${label}<input data-testid="f-${id}" name="${id}" required value="${knob('prefill') === '1' ? value : ''}"><span class="${cls('err')}" data-testid="err-${id}"></span></label>`;

const terms = () =>
  knob('terms') === '1'
    ? `<div class="${cls('terms')}" style="margin:10px 0"><input type="checkbox" data-testid="terms" name="terms" style="width:14px;height:14px;margin:0;vertical-align:middle"><span data-testid="terms-text" style="margin-left:4px">I accept the terms and conditions</span></div>`
    : '';

export function render() {
  const address = `<fieldset class="${cls('address')}"><legend>Address</legend>${FIELDS.map(field).join('')}<label class="${cls('field')}">Delivery notes<textarea data-testid="f-notes" name="notes" rows="3">Ring twice at the blue door, second floor on the left</textarea></label></fieldset>`;
  const payment = `<fieldset class="${cls('payment')}"><legend>Payment</legend><label class="${cls('field')}">Card number<input data-testid="f-card" name="card" autocomplete="off" value="4242 4242 4242 4242"></label></fieldset>`;
  const submit = `<div class="${cls('submit')}" data-testid="place-wrap"><button type="button" class="${cls('place')}" data-testid="place-order" disabled>Place order</button></div>`;
  mount(
    `<h1 class="${cls('title')}">Checkout</h1><form class="${cls('form')}" data-testid="checkout-form" novalidate onsubmit="return false">${order([address, payment])}${terms()}${wrap(submit)}</form><p><a data-testid="to-receipt" href="${link('/receipt.html')}">Last receipt</a></p>`,
  );
  const form = $('checkout-form');
  const place = $('place-order');
  const valid = () => FIELDS.every(([id]) => $(`f-${id}`).value.trim() !== '');
  const sync = () => (place.disabled = !valid());
  form.addEventListener('input', sync);
  sync();
  $('place-wrap').addEventListener('pointerdown', () => {
    if (!place.disabled) return;
    for (const [id, label] of FIELDS) {
      $(`err-${id}`).textContent = $(`f-${id}`).value.trim() ? '' : `${label} is required`;
    }
  });
  bindAction(place, 'place', () => {
    if (!form.isConnected) return; // a repeated order answered after the first one
    form.outerHTML = `<section class="${cls('done')}" data-testid="order-done"><h2>Thank you!</h2><p>Order #1042 is confirmed.</p></section>`;
  });
}
