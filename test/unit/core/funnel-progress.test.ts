import { describe, expect, it } from 'vitest';
import type { CaptureContext } from '../../../src/core/capture-context.js';
import type { TrackerConfig } from '../../../src/core/config.js';
import { createFunnelProgress } from '../../../src/core/funnel-progress.js';
import type { TrackEvent } from '../../../src/core/types.js';
import { harness, memoryStorage, ofType, useTrackerSandbox } from './helpers.js';

useTrackerSandbox();

const CHECKOUT: TrackerConfig['funnels'] = [
  {
    name: 'checkout',
    steps: [{ name: 'product' }, { name: 'cart' }, { name: 'checkout' }, { name: 'purchase' }],
  },
];
const steps = async (h: ReturnType<typeof harness>) =>
  ofType(await h.received(), 'funnel_step').map((e) => e.props);

describe('funnel progress', () => {
  it('numbers steps by their place in the funnel and links each to the previous one', async () => {
    const h = harness({ funnels: CHECKOUT });
    h.t.step('checkout', 'product');
    h.clock.now += 4_000;
    h.t.step('checkout', 'cart');
    h.clock.now += 2_500;
    h.t.step('checkout', 'checkout');
    expect(await steps(h)).toEqual([
      {
        funnel: 'checkout',
        step: 'product',
        index: 0,
        fromStep: null,
        msSincePrevious: null,
        skipped: [],
        repeat: false,
      },
      {
        funnel: 'checkout',
        step: 'cart',
        index: 1,
        fromStep: 'product',
        msSincePrevious: 4_000,
        skipped: [],
        repeat: false,
      },
      {
        funnel: 'checkout',
        step: 'checkout',
        index: 2,
        fromStep: 'cart',
        msSincePrevious: 2_500,
        skipped: [],
        repeat: false,
      },
    ]);
  });

  it('lists the steps jumped over as skipped', async () => {
    const h = harness({ funnels: CHECKOUT });
    h.t.step('checkout', 'product');
    h.t.step('checkout', 'checkout');
    h.t.step('checkout', 'purchase');
    const s = await steps(h);
    expect(s.map((p) => [p.step, p.skipped])).toEqual([
      ['product', []],
      ['checkout', ['cart']],
      ['purchase', []],
    ]);
  });

  it('counts the steps before a first step reached mid-funnel as skipped', async () => {
    const h = harness({ funnels: CHECKOUT });
    h.t.step('checkout', 'checkout');
    expect((await steps(h))[0]).toMatchObject({ index: 2, skipped: ['product', 'cart'] });
  });

  it('marks a step reached again as a repeat and skips nothing going back', async () => {
    const h = harness({ funnels: CHECKOUT });
    for (const s of ['product', 'cart', 'product', 'checkout', 'cart']) h.t.step('checkout', s);
    const s = await steps(h);
    expect(s.map((p) => [p.step, p.fromStep, p.repeat, p.skipped])).toEqual([
      ['product', null, false, []],
      ['cart', 'product', false, []],
      ['product', 'cart', true, []],
      ['checkout', 'product', false, []],
      ['cart', 'checkout', true, []],
    ]);
  });

  it('drops a step the configured funnel does not define, and counts it', async () => {
    const h = harness({ funnels: CHECKOUT, consent: 'pending' });
    h.t.step('checkout', 'payment');
    expect(await h.queue.dropped()).toEqual({ invalid: 1 });
    expect(await h.queue.count()).toBe(0);
  });

  it('numbers the steps of an unconfigured funnel in the order first reached', async () => {
    const h = harness();
    for (const s of ['form', 'confirm', 'form', 'done']) h.t.step('signup', s);
    const s = await steps(h);
    expect(s.map((p) => [p.step, p.index, p.repeat])).toEqual([
      ['form', 0, false],
      ['confirm', 1, false],
      ['form', 0, true],
      ['done', 2, false],
    ]);
  });

  it('keeps progress across page loads of the session (a new tracker on the same storage)', async () => {
    const storage = memoryStorage();
    const first = harness({ funnels: CHECKOUT }, { storage });
    first.t.step('checkout', 'product');
    first.t.step('checkout', 'cart');
    const before = await first.received();
    await first.t.shutdown();
    expect(storage.data.get('parcours:v1:funnels')).toContain('"checkout:cart"');

    first.clock.now += 60_000;
    const second = harness({ funnels: CHECKOUT }, { storage, now: () => first.clock.now });
    second.t.step('checkout', 'purchase');
    const [after] = ofType(await second.received(), 'funnel_step');
    expect(after!.sid).toBe(before[0]!.sid);
    expect(after!.props).toMatchObject({
      index: 3,
      fromStep: 'cart',
      msSincePrevious: 60_000,
      skipped: ['checkout'],
      repeat: false,
    });
  });

  it('starts over in a new session', async () => {
    const storage = memoryStorage();
    const first = harness({ funnels: CHECKOUT }, { storage });
    first.t.step('checkout', 'product');
    await first.received();
    await first.t.shutdown();

    const clock = { now: first.clock.now + 31 * 60_000 }; // past the session timeout
    const second = harness({ funnels: CHECKOUT }, { storage, now: () => clock.now });
    second.t.step('checkout', 'product');
    const [e] = ofType(await second.received(), 'funnel_step');
    expect(e!.props).toMatchObject({ fromStep: null, msSincePrevious: null, repeat: false });
  });

  it('keeps progress in memory where storage is unusable', async () => {
    const broken = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('blocked');
      },
      removeItem: () => {},
    };
    const h = harness({ funnels: CHECKOUT }, { storage: broken });
    h.t.step('checkout', 'product');
    h.t.step('checkout', 'cart');
    expect((await steps(h)).map((p) => p.fromStep)).toEqual([null, 'product']);
  });

  it('forgets progress when consent is denied', async () => {
    const storage = memoryStorage();
    const h = harness({ funnels: CHECKOUT }, { storage });
    h.t.step('checkout', 'product');
    expect(storage.data.has('parcours:v1:funnels')).toBe(true);
    h.t.setConsent('denied');
    expect(storage.data.has('parcours:v1:funnels')).toBe(false);
  });

  it('stamps signal events with the step the visitor was at', async () => {
    let ctx: CaptureContext | undefined;
    const h = harness(
      { funnels: CHECKOUT },
      {
        capture: [
          (c) => {
            ctx = c;
            return () => {};
          },
        ],
      },
    );
    ctx!.emit('vital', { name: 'INP', value: 80 });
    h.t.step('checkout', 'cart');
    for (const type of ['vital', 'misclick', 'frustration', 'click']) ctx!.emit(type, { n: 1 });
    const events = await h.received();
    const stamped = (e: TrackEvent) => [e.type, e.props.funnelStep ?? null];
    expect(events.filter((e) => e.type !== 'funnel_step').map(stamped)).toEqual([
      ['vital', null],
      ['vital', 'checkout:cart'],
      ['misclick', 'checkout:cart'],
      ['frustration', 'checkout:cart'],
      ['click', null],
    ]);
  });

  it('lets capture modules hear hooks and reach steps', async () => {
    const heard: string[] = [];
    const h = harness(
      { funnels: CHECKOUT },
      {
        capture: [
          (c) => {
            const off = c.on('funnel_step', (e) => heard.push(String(e?.props.step)));
            c.step('checkout', 'product');
            off();
            c.step('checkout', 'cart');
            return () => {};
          },
        ],
      },
    );
    expect((await steps(h)).map((p) => p.step)).toEqual(['product', 'cart']);
    expect(heard).toEqual(['product']);
  });
});

describe('createFunnelProgress', () => {
  it('reads a record of another session as no progress', () => {
    const storage = memoryStorage();
    const p = createFunnelProgress({
      key: 'k',
      funnels: [],
      storage,
      onStorageError: () => {},
    });
    p.reach('f', 'a')!('s1', 5);
    expect(p.at('s1')).toBe('f:a');
    expect(p.at('s2')).toBeUndefined();
    storage.data.set('k', '{not json');
    expect(p.at('s1')).toBe('f:a'); // unreadable storage: the memory copy
  });
});
