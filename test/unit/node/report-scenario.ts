// A generated event set whose report figures are known by construction (see the comments),
// shared by the NDJSON unit tests and the ClickHouse e2e test.

/** An event as the collector stores it in NDJSON. */
export interface StoredEvent {
  id: string;
  type: string;
  ts: number;
  seq: number;
  sid: string;
  vid: string;
  url: string;
  path: string;
  props: Record<string, unknown>;
  device?: { class: string; browser: string; os: string };
  replay?: boolean;
  receivedAt: number;
  siteId: string;
}

/** 2026-11-02 00:00 UTC. */
export const DAY_MS = Date.UTC(2026, 10, 2);

const DEVICE = {
  mobile: { class: 'mobile', browser: 'Chrome', os: 'Android' },
  desktop: { class: 'desktop', browser: 'Firefox', os: 'Windows' },
} as const;

/** Builds events with increasing times, ids and seqs. */
export function eventMaker(start = DAY_MS) {
  let n = 0;
  const events: StoredEvent[] = [];
  return {
    events,
    add(
      type: string,
      sid: string,
      path: string,
      props: Record<string, unknown>,
      more: Partial<StoredEvent> & { on?: 'mobile' | 'desktop' } = {},
    ) {
      n++;
      const { on, ...rest } = more;
      const e: StoredEvent = {
        id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
        type,
        ts: start + n * 1000,
        seq: n,
        sid,
        vid: `v-${sid}`,
        url: `https://shop.example${path}`,
        path,
        props,
        ...(on ? { device: DEVICE[on] } : {}),
        receivedAt: start + n * 1000 + 50,
        siteId: 'test',
        ...rest,
      };
      events.push(e);
      return e;
    },
  };
}

const STEPS = ['a', 'b', 'c', 'd'];

/**
 * The known set. Funnel `checkout` (a → b → c → d):
 * - mobile m0–m9 reach a; m0–m5 b (gaps 1000…6000 ms); m0–m2 c; m0, m1 d; m3 reaches d skipping c;
 *   m0 reaches a again (a repeat, not counted). So mobile 10 / 6 / 3 / 3, median gap at b 4000 ms.
 * - desktop d0–d9 reach a; d0–d7 b (gap 10 000 ms); d0–d3 c and d. So 10 / 8 / 4 / 4.
 * - all: 20 / 14 / 7 / 7: conversion 70 %, 35 %, 35 %; drop-off 30 %, 50 %, 0 %.
 * - a QA replay session walks the whole funnel: excluded.
 * Reassurance at c: m0, m1, d0 had seen `returns` (all converted), m2, d1–d3 had not (3 of 4).
 * Navigation on /product: 20 clicks on #buy, 20 on #add (half mobile); 4 mobile misclicks on
 * #buy at confidence 0.9 meaning #add, one at 0.5 (not counted): #buy 20 %, /product 10 %.
 * Vitals: mobile LCP on /product, 8 ids each sent twice (first 1 ms, then 1000…8000 ms): p75 7000.
 * Desktop INP on /checkout 50, 100, 150, 600: p75 600. SPA /cart 100…400 ms: median 300, p75 400.
 * Landing `spring`: 4 landings scored 40, 50, 90, 100 (mean 70), two mismatched (both quick
 * exits: 100 %), two matched (one quick exit: 50 %).
 */
export function knownEvents(): StoredEvent[] {
  const m = eventMaker();
  const step = (
    sid: string,
    on: 'mobile' | 'desktop',
    index: number,
    extra: Record<string, unknown> = {},
    more: Partial<StoredEvent> = {},
  ) =>
    m.add(
      'funnel_step',
      sid,
      `/${STEPS[index]}`,
      {
        funnel: 'checkout',
        step: STEPS[index],
        index,
        fromStep: index ? STEPS[index - 1] : null,
        msSincePrevious: index ? 10_000 : null,
        skipped: [],
        repeat: false,
        ...extra,
      },
      { on, ...more },
    );
  for (let i = 0; i < 10; i++) {
    const sid = `m${i}`;
    step(sid, 'mobile', 0);
    if (i < 6) step(sid, 'mobile', 1, { msSincePrevious: (i + 1) * 1000 });
    if (i < 3)
      step(
        sid,
        'mobile',
        2,
        i < 2
          ? { reassuranceSeen: ['returns'], reassuranceUnseen: [] }
          : { reassuranceSeen: [], reassuranceUnseen: ['returns'] },
      );
    if (i < 2) step(sid, 'mobile', 3);
    if (i === 3) step(sid, 'mobile', 3, { fromStep: 'b', skipped: ['c'] });
    if (i === 0) step(sid, 'mobile', 0, { repeat: true, msSincePrevious: 1 });
  }
  for (let i = 0; i < 10; i++) {
    const sid = `d${i}`;
    step(sid, 'desktop', 0);
    if (i < 8) step(sid, 'desktop', 1);
    if (i < 4)
      step(
        sid,
        'desktop',
        2,
        i === 0 ? { reassuranceSeen: ['returns'] } : { reassuranceUnseen: ['returns'] },
      );
    if (i < 4) step(sid, 'desktop', 3);
  }
  for (let index = 0; index < 4; index++) step('r0', 'mobile', index, {}, { replay: true });

  const buy = {
    selector: '#buy',
    tag: 'button',
    text: 'Buy now',
    role: null,
    href: null,
    testid: null,
  };
  const add = {
    selector: '#add',
    tag: 'button',
    text: 'Add to cart',
    role: null,
    href: null,
    testid: 'add',
  };
  for (let i = 0; i < 20; i++) {
    const on = i < 10 ? 'mobile' : 'desktop';
    m.add('click', `m${i % 10}`, '/product', { target: buy, x: 10, y: 10 }, { on });
    m.add('click', `m${i % 10}`, '/product', { target: add, x: 10, y: 60 }, { on });
  }
  for (let i = 0; i < 5; i++) {
    m.add(
      'misclick',
      `m${i}`,
      '/product',
      {
        kind: 'wrong_control',
        pattern: 'undo',
        confidence: i < 4 ? 0.9 : 0.5,
        target: buy,
        related: add,
        evidence: {},
        clickSeq: 1,
        funnelStep: 'checkout:a',
      },
      { on: 'mobile' },
    );
  }
  for (let i = 0; i < 3; i++)
    m.add(
      'frustration',
      'd0',
      '/product',
      { kind: 'rage_click', target: add, evidence: {}, clickSeq: 1, funnelStep: 'checkout:b' },
      { on: 'desktop' },
    );
  for (let i = 0; i < 2; i++)
    m.add(
      'frustration',
      'd1',
      '/product',
      { kind: 'dead_click', target: buy, evidence: {}, clickSeq: 1 },
      { on: 'desktop' },
    );
  for (let i = 0; i < 2; i++)
    m.add(
      'frustration',
      'd2',
      '/cart',
      { kind: 'quick_back', target: null, evidence: {} },
      { on: 'desktop' },
    );

  const rating = (v: number) => (v <= 2500 ? 'good' : v > 4000 ? 'poor' : 'needs-improvement');
  for (let i = 0; i < 8; i++) {
    const value = (i + 1) * 1000;
    const props = (v: number) => ({
      name: 'LCP',
      value: v,
      rating: rating(v),
      delta: v,
      id: `v5-lcp-${i}`,
      attribution: { target: value >= 3000 ? 'main > img.hero' : 'h1' },
    });
    m.add('vital', `m${i}`, '/product', props(1), { on: 'mobile' });
    m.add('vital', `m${i}`, '/product', props(value), { on: 'mobile' });
  }
  [50, 100, 150, 600].forEach((value, i) =>
    m.add(
      'vital',
      `d${i}`,
      '/checkout',
      {
        name: 'INP',
        value,
        rating: value <= 200 ? 'good' : 'poor',
        delta: value,
        id: `v5-inp-${i}`,
        attribution: { target: value > 200 ? '#pay' : '#next' },
      },
      { on: 'desktop' },
    ),
  );
  [100, 200, 300, 400].forEach((duration, i) =>
    m.add(
      'timing',
      `d${i}`,
      '/cart',
      { spa: true, navigationType: 'route', duration, settled: true, mutations: 3 },
      { on: 'desktop' },
    ),
  );
  m.add(
    'timing',
    'd0',
    '/cart',
    { spa: false, navigationType: 'navigate', ttfb: 90, load: 900 },
    { on: 'desktop' },
  );

  for (let i = 0; i < 4; i++) {
    m.add(
      'reassurance',
      `d${i}`,
      '/c',
      {
        pageType: 'payment',
        kinds: {
          returns: { present: true, visible: i < 3, aboveFold: false, count: 1 },
          delivery: { present: i < 2, visible: false, aboveFold: false, count: 1 },
        },
      },
      { on: 'desktop' },
    );
  }
  const campaign = {
    source: 'google',
    medium: 'cpc',
    campaign: 'spring',
    term: null,
    content: null,
    clickIds: [],
  };
  [40, 50, 90, 100].forEach((score, i) => {
    m.add(
      'landing_check',
      `l${i}`,
      '/landing',
      {
        campaign,
        score,
        checks: [{ id: 'price', status: score < 60 ? 'fail' : 'pass', evidence: '' }],
        mismatches: score < 60 ? ['price'] : [],
      },
      { on: 'mobile' },
    );
  });
  m.add('landing_check', 'l9', '/landing', {
    campaign: { source: 'bing', medium: 'cpc' },
    score: 80,
    checks: [],
    mismatches: [],
  });
  for (const sid of ['l0', 'l1', 'l2'])
    m.add(
      'landing_exit',
      sid,
      '/landing',
      { campaign, score: 50, dwellMs: 2000, engaged: false, kind: 'quick_exit' },
      { on: 'mobile' },
    );
  m.add(
    'landing_exit',
    'l3',
    '/landing',
    { campaign, score: 100, dwellMs: 9000, engaged: false, kind: 'bounce' },
    { on: 'mobile' },
  );
  return m.events;
}
