// A generator of realistic collected events for `npm run bench:report` and the report's e2e
// test: sessions on three device classes that land from campaigns, browse, misclick, get
// frustrated, walk the e-commerce funnel with drop-off, and send vitals (some re-sent with a
// newer value), SPA route timings, reassurance and landing checks. Seeded: same input, same file.
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STEPS = ['view_item', 'add_to_cart', 'begin_checkout', 'add_payment_info', 'purchase'];
const STEP_PATHS = ['/product/mug', '/cart', '/checkout', '/checkout/payment', '/checkout/success'];
const DEVICES = [
  { class: 'mobile', browser: 'Chrome', os: 'Android' },
  { class: 'desktop', browser: 'Firefox', os: 'Windows' },
  { class: 'tablet', browser: 'Safari', os: 'iOS' },
];
const CAMPAIGNS = [
  { source: 'google', medium: 'cpc', campaign: 'mugs-sale' },
  { source: 'facebook', medium: 'paid_social', campaign: 'winter-teapots' },
  { source: 'newsletter', medium: 'email', campaign: 'november' },
];
const BUTTONS = [
  { selector: '#add', tag: 'button', text: 'Add to cart', role: null, href: null, testid: 'add' },
  { selector: '#buy', tag: 'button', text: 'Buy now', role: null, href: null, testid: null },
  {
    selector: 'nav > a:nth-of-type(2)',
    tag: 'a',
    text: 'Teapots',
    role: null,
    href: '/c/teapots',
    testid: null,
  },
  { selector: '#coupon-apply', tag: 'button', text: 'Apply', role: null, href: null, testid: null },
  { selector: '#pay', tag: 'button', text: 'Pay now', role: null, href: null, testid: 'pay' },
];
const KINDS = ['returns', 'delivery', 'secure_payment', 'reviews'];
const FRUSTRATIONS = [
  'rage_click',
  'dead_click',
  'slow_click',
  'error_click',
  'u_turn',
  'quick_back',
];

/**
 * Calls `onEvent` with about `count` events (whole sessions), in time order per session.
 *
 * @param {{ count: number, seed?: number, start?: number, onEvent: (event: object) => void }} options
 * @returns {number} how many events were made
 */
export function generateEvents({ count, seed = 1, start = Date.UTC(2026, 10, 2), onEvent }) {
  const random = seeded(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  let made = 0;
  let n = 0;
  for (let session = 0; made < count; session++) {
    const sid = `s${session}`;
    const vid = `v${session % 7919}`;
    const device = DEVICES[session % 3];
    const replay = session % 50 === 49;
    let ts = start + session * 2_000 + Math.floor(random() * 1000);
    let seq = 0;
    let step = null;
    const emit = (type, path, props) => {
      ts += 500 + Math.floor(random() * 4000);
      n++;
      const event = {
        id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
        type,
        ts,
        seq: ++seq,
        sid,
        vid,
        url: `https://shop.example${path}`,
        path,
        props,
        device,
        receivedAt: ts + 40,
        siteId: 'bench',
      };
      if (replay) event.replay = true;
      onEvent(event);
      made++;
    };
    const campaign = random() < 0.6 ? pick(CAMPAIGNS) : null;
    if (campaign) {
      const mismatched = campaign.campaign === 'winter-teapots' ? random() < 0.8 : random() < 0.15;
      const mismatches = mismatched
        ? ['product_in_ad_missing', 'price_differs'].slice(0, 1 + Math.floor(random() * 2))
        : [];
      emit('landing_check', STEP_PATHS[0], {
        campaign: { ...campaign, term: null, content: null, clickIds: [] },
        score: mismatched ? 40 + Math.floor(random() * 20) : 80 + Math.floor(random() * 20),
        checks: [{ id: 'product_in_ad', status: mismatched ? 'fail' : 'pass', evidence: 'h1' }],
        mismatches,
      });
      if (random() < (mismatched ? 0.45 : 0.15)) {
        emit('landing_exit', STEP_PATHS[0], {
          campaign,
          score: 50,
          dwellMs: 3000,
          engaged: false,
          kind: 'quick_exit',
        });
        continue;
      }
    }
    const sawReturns = random() < 0.5;
    for (let i = 0; i < STEPS.length; i++) {
      const path = STEP_PATHS[i];
      const mobile = device.class === 'mobile';
      emit('pageview', path, {
        title: STEPS[i],
        referrer: null,
        utm: campaign ?? {},
        viewport: { w: mobile ? 390 : 1280, h: 800 },
        spa: i > 0,
      });
      if (i > 0)
        emit('timing', path, {
          spa: true,
          navigationType: 'route',
          duration: 80 + Math.floor(random() * (mobile ? 600 : 250)),
          settled: true,
          mutations: 12,
        });
      if (i === 0 || i === 3) {
        emit('reassurance', path, {
          pageType: i === 0 ? 'product' : 'payment',
          kinds: Object.fromEntries(
            KINDS.map((k) => [
              k,
              {
                present: k !== 'reviews' || i === 0,
                visible: k !== 'returns' || sawReturns,
                aboveFold: k === 'delivery',
                count: 1,
              },
            ]),
          ),
        });
      }
      const skip = i === 2 && random() < 0.1;
      if (!skip) {
        const seen =
          i >= 2 ? (sawReturns ? ['returns', 'secure_payment'] : ['secure_payment']) : undefined;
        emit('funnel_step', path, {
          funnel: 'ecommerce',
          step: STEPS[i],
          index: i,
          fromStep: step,
          msSincePrevious: step === null ? null : 5_000 + Math.floor(random() * 40_000),
          skipped: i === 3 && step === STEPS[1] ? [STEPS[2]] : [],
          repeat: false,
          ...(seen
            ? { reassuranceSeen: seen, reassuranceUnseen: sawReturns ? [] : ['returns'] }
            : {}),
        });
        step = STEPS[i];
      }
      const funnelStep = step ? `ecommerce:${step}` : undefined;
      const clicks = 2 + Math.floor(random() * 4);
      for (let c = 0; c < clicks; c++) {
        const target = pick(BUTTONS);
        emit('click', path, {
          target,
          x: 100,
          y: 200,
          elementX: 4,
          elementY: 5,
          elementWidth: 120,
          elementHeight: 40,
          button: 0,
          pointer: mobile ? 'touch' : 'mouse',
        });
        if (random() < (mobile && target.selector === '#buy' ? 0.3 : 0.04)) {
          emit('misclick', path, {
            kind: pick(['near_miss', 'wrong_control', 'accidental_activation']),
            pattern: 'undo',
            confidence: 0.6 + random() * 0.4,
            target,
            related: BUTTONS[0],
            evidence: {},
            clickSeq: seq,
            funnelStep,
          });
        }
        if (random() < 0.03)
          emit('frustration', path, {
            kind: pick(FRUSTRATIONS),
            target,
            evidence: {},
            clickSeq: seq,
            funnelStep,
          });
      }
      const slow = mobile && i === 0;
      const lcpId = `v5-lcp-${n}`;
      const lcp = (slow ? 2600 : 1200) + Math.floor(random() * 1800);
      const rating = (v, good, poor) =>
        v <= good ? 'good' : v > poor ? 'poor' : 'needs-improvement';
      emit('vital', path, {
        name: 'LCP',
        value: lcp * 0.7,
        rating: rating(lcp * 0.7, 2500, 4000),
        delta: lcp * 0.7,
        id: lcpId,
        attribution: { target: i === 0 ? 'main > img.hero' : 'h1' },
        funnelStep,
      });
      emit('vital', path, {
        name: 'LCP',
        value: lcp,
        rating: rating(lcp, 2500, 4000),
        delta: lcp * 0.3,
        id: lcpId,
        attribution: { target: i === 0 ? 'main > img.hero' : 'h1' },
        funnelStep,
      });
      const inp = 40 + Math.floor(random() * (i === 3 ? 600 : 200));
      emit('vital', path, {
        name: 'INP',
        value: inp,
        rating: rating(inp, 200, 500),
        delta: inp,
        id: `v5-inp-${n}`,
        attribution: { target: i === 3 ? '#pay' : '#add', type: 'pointerup' },
        funnelStep,
      });
      const cls = Math.round(random() * 0.3 * 1000) / 1000;
      emit('vital', path, {
        name: 'CLS',
        value: cls,
        rating: rating(cls, 0.1, 0.25),
        delta: cls,
        id: `v5-cls-${n}`,
        attribution: { target: 'div.banner' },
        funnelStep,
      });
      emit('vital', path, {
        name: 'TTFB',
        value: 100 + Math.floor(random() * 700),
        rating: 'good',
        delta: 0,
        id: `v5-ttfb-${n}`,
        attribution: {},
        funnelStep,
      });
      if (random() < [0.35, 0.3, 0.25, 0.2, 1][i]) break;
    }
  }
  return made;
}

/**
 * Writes about `count` generated events as a collector data directory: one rotated file
 * (`events.2026-11-02.000.ndjson`, the first half) and the live `events.ndjson`. Written
 * synchronously in chunks, so memory stays flat however many events.
 *
 * @returns {number} how many events were written
 */
export function writeDataDir(dir, count, seed = 1) {
  const files = [
    openSync(join(dir, 'events.2026-11-02.000.ndjson'), 'w'),
    openSync(join(dir, 'events.ndjson'), 'w'),
  ];
  let chunk = [];
  let written = 0;
  const flush = () => {
    if (!chunk.length) return;
    writeSync(files[written < count / 2 ? 0 : 1], `${chunk.join('\n')}\n`);
    written += chunk.length;
    chunk = [];
  };
  const made = generateEvents({
    count,
    seed,
    onEvent: (event) => {
      chunk.push(JSON.stringify(event));
      if (chunk.length >= 5000) flush();
    },
  });
  flush();
  for (const fd of files) closeSync(fd);
  return made;
}
