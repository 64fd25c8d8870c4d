// Receipt: "Download invoice" (a[download]) and "Print receipt" (window.print()).
import { $, cls, order } from '../dom.js';
import { mount } from '../layout.js';

export function render() {
  mount(
    `<h1 class="${cls('title')}">Receipt #1042</h1><p class="${cls('desc')}" data-testid="receipt-text">Two items, €158, paid by card.</p><div class="${cls('receipt-actions')}">${order(
      [
        `<a class="${cls('download')}" data-testid="download-invoice" href="/img/invoice.svg" download="invoice-1042.svg">Download invoice</a>`,
        `<button type="button" class="${cls('print')}" data-testid="print">Print receipt</button>`,
      ],
    )}</div>`,
  );
  $('print').addEventListener('click', () => window.print());
}
