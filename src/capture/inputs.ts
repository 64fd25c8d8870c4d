import type { CaptureContext } from '../core/capture-context.js';
import { redact } from '../core/privacy.js';
import type { Json } from '../core/types.js';
import type { Stop } from '../core/stop.js';
import { describeElement } from './describe-element.js';

/** Longest value kept for an allow-listed field. */
export const MAX_VALUE_CHARS = 200;
/** Scroll positions are sampled: at most one `scroll` event per this many ms of scrolling. */
export const SCROLL_SAMPLE_MS = 500;

// Types whose state a click already records (replay clicks them again) or that hold no text.
const NOT_TYPED = /^(checkbox|radio|button|submit|reset|image|file|hidden|range|color)$/;
// Never kept, even when allow-listed: passwords, one-time codes, card and bank fields.
const SECRET = /pass|pwd|secret|otp|one-time|cc-|card|cvc|cvv|iban|ssn/i;

/**
 * `input` events for QA replay: one per field edit, when the value is committed (`change`, a form
 * `submit`, or the page's last flush), with the field's description and the typed length. The
 * value itself is kept only for fields matching `capture.inputs.allow`, never for secret-looking
 * fields, and is redacted like click text. Keystrokes only note the field (O(1)). Also samples
 * the scroll position (`scroll` events, x/y in CSS pixels) while the page scrolls.
 */
export function startInputs(ctx: CaptureContext): Stop {
  const allow = ctx.cfg.capture.inputs ? ctx.cfg.capture.inputs.allow : [];
  const edited = new Set<HTMLInputElement>();
  const record = (el: HTMLInputElement) => {
    edited.delete(el);
    const kind = el.localName === 'input' ? el.type : el.localName;
    if (
      NOT_TYPED.test(kind) ||
      el.closest('[data-parcours-ignore=""],[data-parcours-ignore~="input"]')
    )
      return;
    const value = String(el.value ?? '');
    const props: { [k: string]: Json } = {
      target: describeElement(el, ctx.url, ctx.cfg.privacy.maskInputs),
      kind,
      length: value.length,
    };
    const secret = SECRET.test(`${kind} ${el.name} ${el.id} ${el.autocomplete}`);
    if (!secret && allow.some((sel) => matches(el, sel)))
      props.value = redact(value).slice(0, MAX_VALUE_CHARS);
    ctx.emit('input', props);
  };
  const field = (e: Event) => {
    const el = e.target as HTMLInputElement | null;
    return el && /^(input|textarea|select)$/.test(el.localName) ? el : undefined;
  };
  const all = () => edited.forEach(record);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = '';
  const sample = ctx.guard.wrap('scroll', () => {
    timer = undefined;
    const at = { x: Math.round(scrollX), y: Math.round(scrollY) };
    if (`${at.x},${at.y}` === last) return;
    last = `${at.x},${at.y}`;
    ctx.emit('scroll', at);
  });
  const stops = [
    ctx.listen(document, 'input', (e) => {
      const el = field(e);
      if (el) edited.add(el);
    }),
    ctx.listen(document, 'change', (e) => {
      const el = field(e);
      if (el) record(el);
    }),
    ctx.listen(document, 'submit', all),
    ctx.on('flush', all),
    ctx.listen(window, 'scroll', () => {
      timer ??= setTimeout(sample, SCROLL_SAMPLE_MS);
    }),
  ];
  return () => {
    stops.forEach((s) => s());
    if (timer) clearTimeout(timer);
  };
}

/** `el.matches(sel)`; an invalid selector matches nothing. */
function matches(el: Element, sel: string): boolean {
  try {
    return el.matches(sel);
  } catch {
    return false;
  }
}
