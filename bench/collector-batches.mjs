// Realistic wire-format v1 batches for the collector benchmark: what a shop page sends
// (page view, navigation timing, vitals, clicks with their targets, cart events, a funnel
// step), 50 events per batch like the SDK's default batch.maxEvents, gzip-encoded like the
// SDK sends any body over 1 kB. Every event id is unique, so dedupe drops nothing.
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';

const PAGES = ['/', '/category/shoes', '/product/a1', '/product/b7', '/cart', '/checkout'];
const CONTROLS = [
  { selector: '#add', tag: 'button', text: 'Add to cart', role: 'button', testid: 'add' },
  { selector: 'nav > a:nth-of-type(3)', tag: 'a', text: 'Women', href: '/category/women' },
  { selector: '#size-42', tag: 'button', text: '42', role: 'radio' },
  { selector: '.gallery > img:nth-of-type(2)', tag: 'img', text: '' },
];

const HOLE = '\u0000id\u0000';
const SID = '\u0000sid\u0000';
const VID = '\u0000vid\u0000';
const HOLES = /"\\u0000(id|sid|vid)\\u0000"/;

function event(type, props, page, seq, ts) {
  return {
    id: HOLE,
    type,
    ts,
    seq,
    sid: SID,
    vid: VID,
    url: `https://shop.example${page}?utm_source=newsletter`,
    path: page,
    props,
  };
}

/** A batch of `size` events as JSON text cut at each event id (filled in by {@link makeBody}). */
export function makeTemplate(size = 50) {
  const page = PAGES[Math.floor(Math.random() * PAGES.length)];
  const t0 = Date.now();
  const events = [];
  for (let i = 0; i < size; i++) {
    const seq = i + 1;
    const ts = t0 + i * 700;
    const k = i % 10;
    if (i === 0) {
      events.push(
        event(
          'pageview',
          {
            title: 'Running shoes — Shop',
            referrer: 'https://www.google.com/',
            utm: { source: 'newsletter', medium: 'email', campaign: 'spring' },
            viewport: { w: 390, h: 844 },
            spa: false,
          },
          page,
          seq,
          ts,
        ),
      );
    } else if (k === 1) {
      const timing = { dns: 12, connect: 30, ttfb: 180, domInteractive: 900, domComplete: 1500 };
      events.push(event('timing', { ...timing, load: 1600, transferSize: 48213 }, page, seq, ts));
    } else if (k === 2) {
      const attribution = { element: 'img.hero', phase: 'render' };
      const vital = { name: 'LCP', value: 2140.5, rating: 'good', attribution };
      events.push(event('vital', vital, page, seq, ts));
    } else if (k === 3) {
      const cart = { name: 'add_to_cart', sku: `A${i}`, price: 29.9, currency: 'EUR' };
      events.push(event('custom', cart, page, seq, ts));
    } else if (k === 4) {
      const step = { funnel: 'checkout', step: 'cart', index: 1 };
      events.push(event('funnel_step', step, page, seq, ts));
    } else {
      const target = CONTROLS[i % CONTROLS.length];
      const where = { x: 120 + i, y: 480, elementX: 14, elementY: 9, elementWidth: 160 };
      const click = { target, ...where, elementHeight: 44, button: 0, pointer: 'touch' };
      events.push(event('click', click, page, seq, ts));
    }
  }
  const json = JSON.stringify({
    v: 1,
    batchId: HOLE,
    sentAt: t0,
    siteId: 'bench',
    sdk: { name: 'parcours', version: '0.1.0' },
    events,
  });
  // split() with a capturing group: text, hole kind, text, hole kind, …
  return { parts: json.split(HOLES), events: size };
}

/**
 * One batch body from `template`: fresh ids, the session ids of one visitor, gzip (the
 * default level, as `CompressionStream` uses).
 */
export function makeBody(template) {
  const { parts } = template;
  const session = { sid: randomUUID(), vid: randomUUID() };
  let json = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    json += `"${parts[i] === 'id' ? randomUUID() : session[parts[i]]}"${parts[i + 1]}`;
  }
  return { body: gzipSync(json), rawBytes: Buffer.byteLength(json), events: template.events };
}
