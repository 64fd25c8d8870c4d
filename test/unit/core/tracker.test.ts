import fc from 'fast-check';
import { SEQ_BLOCK } from '../../../src/core/session.js';
import { describe, expect, it, vi } from 'vitest';
import type { Outbox } from '../../../src/core/queue.js';
import { MAX_EVENT_BYTES, utf8Bytes } from '../../../src/core/tracker.js';
import { T0, UUID_V4, harness, memoryStorage, ofType, useTrackerSandbox } from './helpers.js';

useTrackerSandbox();

describe('tracker stamping', () => {
  it('stamps id, type, ts, seq, sid, vid, url, path and props on every event', async () => {
    history.replaceState(null, '', '/product/1?email=a%40b.c&Token=x&color=red#reviews');
    const { t, clock, received } = harness({ privacy: { stripParams: ['email', 'token'] } });
    clock.now = T0 + 10;
    t.track('add_to_cart', { sku: 'A1' });
    clock.now = T0 + 20;
    t.page();
    clock.now = T0 + 30;
    t.step('checkout', 'payment');
    const events = await received();
    expect(events.map((e) => e.type)).toEqual(['custom', 'pageview', 'funnel_step']);
    expect(events.map((e) => e.ts)).toEqual([T0 + 10, T0 + 20, T0 + 30]);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(new Set(events.map((e) => e.id)).size).toBe(3);
    for (const e of events) {
      expect(e.id).toMatch(UUID_V4);
      expect(e.sid).toMatch(UUID_V4);
      expect(e.vid).toMatch(UUID_V4);
      expect(e.sid).toBe(events[0]!.sid);
      expect(e.vid).toBe(events[0]!.vid);
      expect(e.url).toBe('http://localhost:3000/product/1?color=red#reviews');
      expect(e.path).toBe('/product/1');
      expect(e).not.toHaveProperty('uid');
    }
    expect(events[0]!.props).toEqual({ sku: 'A1', name: 'add_to_cart' });
  });

  it('keeps the URL as it is when no parameter is listed', async () => {
    history.replaceState(null, '', '/search?q=shoes&email=x');
    const { t, received } = harness();
    t.track('a');
    const [e] = await received();
    expect(e!.url).toBe('http://localhost:3000/search?q=shoes&email=x');
  });

  it('stamps uid only after identify, and records an identify event', async () => {
    const { t, received } = harness();
    t.track('anonymous');
    t.identify('user-42', { plan: 'gold' });
    t.track('known');
    const [anon, identify, known] = await received();
    expect(anon).not.toHaveProperty('uid');
    expect(identify!.type).toBe('identify');
    expect(identify!.uid).toBe('user-42');
    expect(identify!.props).toEqual({ uid: 'user-42', traits: { plan: 'gold' } });
    expect(known!.uid).toBe('user-42');
    expect(known!.sid).toBe(anon!.sid);
  });

  it('accepts a numeric user id as a string', async () => {
    const { t, received } = harness();
    t.identify(42 as unknown as string);
    t.track('a');
    expect((await received()).map((e) => e.uid)).toEqual(['42', '42']);
  });
});

describe('tracker sessions', () => {
  it('continues seq across a page load on the same storage', async () => {
    const storage = memoryStorage();
    const first = harness({}, { storage });
    first.t.track('a');
    first.t.track('b');
    const before = await first.received();
    await first.t.shutdown();
    const second = harness({}, { storage });
    second.t.track('c');
    const [after] = await second.received();
    expect(after!.sid).toBe(before[1]!.sid);
    expect(after!.vid).toBe(before[1]!.vid);
    // Never repeated: the next page starts above the block the first page reserved.
    expect(after!.seq).toBe(SEQ_BLOCK + 1);
  });

  it('starts a new session after timeoutMs of inactivity, keeping the visitor', async () => {
    const { t, clock, received } = harness(
      { session: { timeoutMs: 60_000 } },
      { storage: memoryStorage() },
    );
    t.track('a');
    t.track('b');
    clock.now += 60_001;
    t.track('c');
    const [a, b, c] = await received();
    expect(b!.sid).toBe(a!.sid);
    expect(c!.sid).not.toBe(a!.sid);
    expect(c!.seq).toBe(1);
    expect(c!.vid).toBe(a!.vid);
  });

  it('starts a new session when a different campaign arrives, not when it disappears', async () => {
    const { t, received } = harness({}, { storage: memoryStorage() });
    history.replaceState(null, '', '/?utm_source=mail&utm_campaign=spring');
    t.track('spring');
    history.replaceState(null, '', '/product/1');
    t.track('browse');
    history.replaceState(null, '', '/?utm_source=mail&utm_campaign=summer');
    t.track('summer');
    history.replaceState(null, '', '/?gclid=abc123');
    t.track('ad');
    const byName = new Map((await received()).map((e) => [e.props.name, e]));
    const [spring, browse, summer, ad] = ['spring', 'browse', 'summer', 'ad'].map((n) =>
      byName.get(n),
    );
    expect(browse!.sid).toBe(spring!.sid);
    expect(browse!.seq).toBe(2);
    expect(summer!.sid).not.toBe(spring!.sid);
    expect(summer!.seq).toBe(1);
    expect(ad!.sid).not.toBe(summer!.sid);
    expect(new Set([spring, browse, summer, ad].map((e) => e!.vid)).size).toBe(1);
  });

  it('keeps the visitor and user id across sessions and page loads', async () => {
    const storage = memoryStorage();
    const first = harness({}, { storage });
    first.t.identify('user-42');
    const [a] = await first.received();
    await first.t.shutdown();
    const second = harness({ session: { timeoutMs: 1_000 } }, { storage });
    second.clock.now += 10_000;
    second.t.track('b');
    const [b] = await second.received();
    expect(b!.sid).not.toBe(a!.sid);
    expect(b!.vid).toBe(a!.vid);
    expect(b!.uid).toBe('user-42');
  });

  it('keeps working in memory when storage throws a SecurityError', async () => {
    const denied = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { t, received } = harness(
      { debug: true },
      { storage: { getItem: denied, setItem: denied, removeItem: denied } },
    );
    expect(() => {
      t.track('a');
      t.identify('u');
      t.track('b');
    }).not.toThrow();
    const events = await received();
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(new Set(events.map((e) => e.sid)).size).toBe(1);
    expect(events[2]!.uid).toBe('u');
    const storageWarnings = warn.mock.calls.filter((c) => String(c[0]).includes('localStorage'));
    expect(storageWarnings).toHaveLength(1);
  });

  it('keeps working when reading window.localStorage throws', async () => {
    vi.spyOn(window, 'localStorage', 'get').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    const { t, received } = harness({}, { storage: undefined });
    t.track('a');
    t.track('b');
    expect((await received()).map((e) => e.seq)).toEqual([1, 2]);
  });
});

describe('tracker.track', () => {
  it('records custom events with the name and the caller props', async () => {
    const { t, received } = harness();
    t.track('add_to_cart', { sku: 'A1', price: 29.9, currency: 'EUR' });
    t.track('no_props');
    const [a, b] = await received();
    expect(a!.type).toBe('custom');
    expect(a!.props).toEqual({ sku: 'A1', price: 29.9, currency: 'EUR', name: 'add_to_cart' });
    expect(b!.props).toEqual({ name: 'no_props' });
  });

  it('keeps the event name over a caller prop called name', async () => {
    const { t, received } = harness();
    t.track('real', { name: 'fake' });
    expect((await received())[0]!.props.name).toBe('real');
  });

  it('drops and counts events with an invalid name', async () => {
    const { t, queue, post, received } = harness();
    for (const bad of ['', 42, undefined, null, 'x'.repeat(101), 'tab\there', { name: 'a' }]) {
      expect(() => t.track(bad as string)).not.toThrow();
    }
    t.track('x'.repeat(100));
    const events = await received();
    expect(events.map((e) => e.props.name)).toEqual(['x'.repeat(100)]);
    expect(post).toHaveBeenCalledTimes(1);
    expect(await queue.dropped()).toEqual({});
    // The drop counters travel with the next batch, then reset.
    expect(JSON.parse(post.mock.calls[0]![1]).sdk_dropped).toEqual({ invalid: 7 });
  });

  it('counts invalid names in queue.dropped() until they are reported', async () => {
    const { t, queue } = harness({ consent: 'pending' });
    t.track('');
    t.track('x'.repeat(101));
    expect(await queue.dropped()).toEqual({ invalid: 2 });
  });

  it('makes props JSON-safe instead of throwing', async () => {
    const cyclic: Record<string, unknown> = { sku: 'A1' };
    cyclic.self = cyclic;
    const { t, received } = harness();
    expect(() =>
      t.track('weird', {
        cyclic,
        long: 'x'.repeat(1_000_000),
        fn: () => 1,
        big: 10n,
        when: new Date(0),
        nan: Number.NaN,
      }),
    ).not.toThrow();
    const [e] = await received();
    expect(e!.props).toEqual({
      name: 'weird',
      cyclic: { sku: 'A1', self: '[Circular]' },
      long: 'x'.repeat(1000),
      big: '10',
      when: '1970-01-01T00:00:00.000Z',
      nan: null,
    });
  });

  it(`drops and counts an event over ${MAX_EVENT_BYTES} bytes`, async () => {
    const { t, queue } = harness({ consent: 'pending' });
    const props = Object.fromEntries(
      Array.from({ length: 40 }, (_, i) => [`k${i}`, 'x'.repeat(999)]),
    );
    t.track('huge', props);
    t.track('small');
    expect(await t.flush()).toMatchObject({ pending: 1 });
    expect(await queue.dropped()).toEqual({ invalid: 1 });
  });

  it(`drops an event over ${MAX_EVENT_BYTES} bytes of UTF-8, not only of characters`, async () => {
    const { t, queue } = harness({ consent: 'pending' });
    // 20 × 1000 '€' = 20 000 characters, 60 000 bytes on the wire.
    const props = Object.fromEntries(
      Array.from({ length: 20 }, (_, i) => [`k${i}`, '€'.repeat(1000)]),
    );
    t.track('huge', props);
    expect(await t.flush()).toMatchObject({ pending: 0 });
    expect(await queue.dropped()).toEqual({ invalid: 1 });
  });

  it('counts UTF-8 bytes as the encoder does', () => {
    const enc = new TextEncoder();
    for (const s of ['', 'plain ascii', 'é', 'ab€cd', '𝄞x', 'x'.repeat(50) + 'ü€𝄞' + 'y'.repeat(9)])
      expect(utf8Bytes(s)).toBe(enc.encode(s).length);
  });

  it('warns about truncated props once, only in debug', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const quiet = harness();
    quiet.t.track('a', { s: 'x'.repeat(2000) });
    expect(warn).not.toHaveBeenCalled();
    const loud = harness({ debug: true });
    loud.t.track('a', { s: 'x'.repeat(2000) });
    loud.t.track('b', { s: 'y'.repeat(2000) });
    const truncations = warn.mock.calls.filter((c) => String(c[0]).includes('string truncated'));
    expect(truncations).toHaveLength(1);
  });
});

describe('tracker.identify and tracker.step', () => {
  it('drops and counts an invalid user id', async () => {
    const { t, queue, received } = harness({ consent: 'pending' });
    t.identify('');
    t.identify({} as unknown as string);
    expect(await queue.dropped()).toEqual({ invalid: 2 });
    t.setConsent('granted');
    t.track('a');
    expect((await received()).map((e) => e.type)).toEqual(['custom']);
  });

  it('records a funnel step of an unconfigured funnel as its first step', async () => {
    const { t, received } = harness();
    t.step('checkout', 'payment');
    const [e] = await received();
    expect(e!.type).toBe('funnel_step');
    expect(e!.props).toEqual({
      funnel: 'checkout',
      step: 'payment',
      index: 0,
      fromStep: null,
      msSincePrevious: null,
      skipped: [],
      repeat: false,
    });
  });

  it('drops a funnel step with an invalid funnel or step name', async () => {
    const { t, queue } = harness({ consent: 'pending' });
    t.step('', 'payment');
    t.step('checkout', 'x'.repeat(101));
    expect(await t.flush()).toMatchObject({ pending: 0 });
    expect(await queue.dropped()).toEqual({ invalid: 2 });
  });
});

describe('tracker.page', () => {
  it('records one page view per URL, with the previous one as referrer', async () => {
    history.replaceState(null, '', '/a');
    document.title = 'Page A';
    const { t, received } = harness();
    t.page();
    t.page();
    history.replaceState(null, '', '/b');
    document.title = 'Page B';
    t.page();
    t.page();
    const views = ofType(await received(), 'pageview');
    expect(views).toHaveLength(2);
    expect(views[0]!.props).toMatchObject({
      title: 'Page A',
      referrer: '',
      spa: false,
      utm: {},
      viewport: { w: innerWidth, h: innerHeight },
    });
    expect(views[1]!.props).toMatchObject({
      title: 'Page B',
      referrer: 'http://localhost:3000/a',
      spa: true,
    });
    expect(views[1]!.url).toBe('http://localhost:3000/b');
  });
});

describe('tracker consent', () => {
  it('records while pending, sends nothing, then sends everything once granted', async () => {
    const { t, post, queue, received } = harness({ consent: 'pending' });
    expect(t.consent).toBe('pending');
    t.track('a');
    t.track('b');
    expect(await t.flush()).toEqual({ sent: 0, failed: 0, pending: 2 });
    await vi.advanceTimersByTimeAsync(60_000);
    window.dispatchEvent(new Event('pagehide'));
    expect(post).not.toHaveBeenCalled();
    expect(await queue.count()).toBe(2);
    t.setConsent('granted');
    expect(t.consent).toBe('granted');
    expect((await received()).map((e) => e.props.name)).toEqual(['a', 'b']);
    expect(await queue.count()).toBe(0);
  });

  it('records nothing when denied', async () => {
    const { t, post, queue } = harness({ consent: 'denied' });
    t.track('a');
    t.page();
    t.identify('u');
    t.step('f', 's');
    expect(await t.flush()).toEqual({ sent: 0, failed: 0, pending: 0 });
    expect(await queue.count()).toBe(0);
    expect(post).not.toHaveBeenCalled();
  });

  it('records from the moment consent is granted after a denial', async () => {
    const { t, received } = harness({ consent: 'denied' });
    t.track('before');
    t.setConsent('granted');
    t.track('after');
    expect((await received()).map((e) => e.props.name)).toEqual(['after']);
  });

  it('empties the queue and forgets the visitor when consent is withdrawn', async () => {
    const storage = memoryStorage();
    const { t, queue, post, received } = harness({ consent: 'pending' }, { storage });
    t.identify('user-42');
    t.track('a');
    await t.flush();
    expect(await queue.count()).toBe(2);
    t.setConsent('denied');
    expect(t.consent).toBe('denied');
    await vi.waitFor(async () => expect(await queue.count()).toBe(0));
    expect(storage.data.size).toBe(0);
    t.track('b');
    expect(await t.flush()).toEqual({ sent: 0, failed: 0, pending: 0 });
    expect(await queue.count()).toBe(0);
    expect(post).not.toHaveBeenCalled();
    t.setConsent('granted');
    t.track('c');
    const [c] = await received();
    expect(c!.props.name).toBe('c');
    expect(c).not.toHaveProperty('uid');
    expect(c!.seq).toBe(1);
  });

  it('ignores an unknown consent value', () => {
    const { t } = harness({ consent: 'pending' });
    expect(() => t.setConsent('maybe' as 'granted')).not.toThrow();
    expect(t.consent).toBe('pending');
  });

  describe('Do Not Track', () => {
    it('denies consent when navigator.doNotTrack is "1", and granting does not override it', async () => {
      vi.spyOn(navigator, 'doNotTrack', 'get').mockReturnValue('1');
      const { t, post, queue } = harness();
      expect(t.consent).toBe('denied');
      t.track('a');
      t.setConsent('granted');
      expect(t.consent).toBe('denied');
      t.track('b');
      expect(await t.flush()).toEqual({ sent: 0, failed: 0, pending: 0 });
      expect(await queue.count()).toBe(0);
      expect(post).not.toHaveBeenCalled();
    });

    it('denies consent when Global Privacy Control is on', () => {
      Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true });
      try {
        expect(harness({ consent: 'pending' }).t.consent).toBe('denied');
      } finally {
        delete (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl;
      }
    });

    it('is ignored with respectDoNotTrack: false', async () => {
      vi.spyOn(navigator, 'doNotTrack', 'get').mockReturnValue('1');
      const { t, received } = harness({ privacy: { respectDoNotTrack: false } });
      expect(t.consent).toBe('granted');
      t.track('a');
      expect(await received()).toHaveLength(1);
    });

    it('records when Do Not Track is unset', () => {
      vi.spyOn(navigator, 'doNotTrack', 'get').mockReturnValue('0');
      expect(harness().t.consent).toBe('granted');
    });
  });
});

describe('tracker.flush', () => {
  it('resolves with what was sent', async () => {
    const { t } = harness();
    t.track('a');
    t.track('b');
    t.track('c');
    expect(await t.flush()).toEqual({ sent: 3, failed: 0, pending: 0 });
    expect(await t.flush()).toEqual({ sent: 0, failed: 0, pending: 0 });
  });

  it('resolves with what the endpoint rejected for good', async () => {
    const { t, queue } = harness({}, {}, undefined, () => 400);
    t.track('a');
    t.track('b');
    expect(await t.flush()).toEqual({ sent: 0, failed: 2, pending: 0 });
    expect(await queue.dropped()).toEqual({ rejected: 2 });
  });

  it('resolves with what waits for a retry', async () => {
    const { t } = harness({}, {}, undefined, () => 503);
    t.track('a');
    t.track('b');
    expect(await t.flush()).toEqual({ sent: 0, failed: 0, pending: 2 });
  });

  it('posts the wire format to the endpoint', async () => {
    const { t, post, bodies } = harness({ siteId: 'shop-fr' });
    t.track('a');
    await t.flush();
    expect(post.mock.calls[0]![0]).toBe('https://collect.test/v1/batch');
    expect(bodies[0]).toMatchObject({
      v: 1,
      siteId: 'shop-fr',
      sdk: { name: 'parcours', version: expect.any(String) },
      events: [expect.objectContaining({ type: 'custom' })],
    });
    expect(bodies[0]!.batchId).toMatch(UUID_V4);
  });

  it('resolves when shutdown() and setConsent() overlap a flush in flight', async () => {
    const { t } = harness({ consent: 'pending' });
    t.track('a');
    const flushed = t.flush();
    const shut = t.shutdown();
    t.setConsent('granted');
    const outcome = (p: Promise<unknown>) =>
      p.then(
        () => 'resolved',
        (e: unknown) => `rejected: ${String(e)}`,
      );
    expect(await outcome(flushed)).toBe('resolved');
    expect(await outcome(shut)).toBe('resolved');
  });
});

describe('tracker.shutdown', () => {
  it('sends what waits, then makes every method a no-op', async () => {
    let outbox: Outbox | undefined;
    const { t, post, queue } = harness({}, { onOutbox: (o) => (outbox = o) });
    const plugin = { name: 'late', setup: vi.fn() };
    t.track('before');
    await t.shutdown();
    expect(post).toHaveBeenCalledTimes(1);
    expect(outbox!.size).toBe(0);
    const count = await queue.count();
    const dropped = await queue.dropped();
    expect(() => {
      t.track('after');
      t.track('');
      t.page();
      t.identify('u');
      t.step('f', 's');
      t.use(plugin);
      t.setConsent('denied');
      t.setConsent('granted');
    }).not.toThrow();
    expect(await t.flush()).toEqual({ sent: 0, failed: 0, pending: 0 });
    await expect(t.shutdown()).resolves.toBeUndefined();
    expect(plugin.setup).not.toHaveBeenCalled();
    expect(post).toHaveBeenCalledTimes(1);
    expect(outbox!.size).toBe(0);
    expect(await queue.count()).toBe(count);
    expect(await queue.dropped()).toEqual(dropped);
  });

  it('stops the tracker even when its last send fails unexpectedly', async () => {
    let outbox: Outbox | undefined;
    const post = () => Promise.reject(new TypeError('not a fetch the sender expects'));
    const { t } = harness({}, { post, onOutbox: (o) => (outbox = o) });
    t.track('a');
    await t.shutdown().catch(() => {});
    const waiting = outbox!.size;
    t.track('after shutdown');
    expect(outbox!.size).toBe(waiting);
  });

  it('keeps events written while consent is pending', async () => {
    const { t, queue, post } = harness({ consent: 'pending' });
    t.track('a');
    t.track('b');
    await t.shutdown();
    expect(await queue.count()).toBe(2);
    expect(post).not.toHaveBeenCalled();
  });
});

/** A hostile argument, shown by its label in fast-check counterexamples (not 1 MB of "x"). */
class Hostile {
  constructor(
    readonly label: string,
    readonly value: unknown,
  ) {}
  [fc.toStringMethod]() {
    return this.label;
  }
}

describe('tracker API under random calls', () => {
  const cyclic: Record<string, unknown> = { sku: 'A1' };
  cyclic.self = cyclic;
  const MB = 'x'.repeat(1_000_000);
  const trap = () => {
    throw new Error('trap');
  };
  const hostile = fc.constantFrom(
    new Hostile('cyclic', cyclic),
    new Hostile('[cyclic, cyclic]', [cyclic, cyclic]),
    new Hostile('1 MB string', MB),
    new Hostile('{ blob: 1 MB }', { blob: MB }),
    new Hostile('symbol', Symbol('s')),
    new Hostile('symbols inside', { [Symbol('k')]: 1, s: Symbol('v') }),
    new Hostile('undefined', undefined),
    new Hostile('function', () => 'fn'),
    new Hostile('bigint', 10n),
    new Hostile('NaN', Number.NaN),
    new Hostile('invalid Date', new Date(Number.NaN)),
    new Hostile('null prototype', Object.create(null)),
    new Hostile(
      'throwing Proxy',
      new Proxy({}, { ownKeys: trap, get: trap, getPrototypeOf: trap }),
    ),
    new Hostile('throwing getter', {
      get boom(): never {
        throw new Error('getter');
      },
    }),
    new Hostile('101 chars', 'x'.repeat(101)),
    new Hostile('plugin-like', { name: 'plugin-like', setup: 'not a function' }),
  );
  const arg = fc.oneof(
    fc.anything({ withBigInt: true, withDate: true, withNullPrototype: true, withMap: true }),
    fc.constantFrom('granted', 'pending', 'denied', '', 'add_to_cart'),
    hostile,
  );
  const method = fc.constantFrom(
    'track',
    'page',
    'identify',
    'step',
    'setConsent',
    'flush',
    'use',
    'shutdown',
  );
  const call = fc.tuple(method, arg, arg);
  const unwrap = (v: unknown) => (v instanceof Hostile ? v.value : v);

  it('never throws synchronously and never rejects over 10 000 calls', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    let calls = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(call, { minLength: 100, maxLength: 100 }),
        fc.constantFrom('granted', 'pending', 'denied'),
        fc.boolean(),
        fc.constantFrom(200, 400, 503, 0),
        async (script, consent, debug, status) => {
          const { t } = harness({ consent, debug }, {}, undefined, () => status);
          const api = t as unknown as Record<string, (...args: unknown[]) => unknown>;
          const promises: Promise<unknown>[] = [];
          for (const [m, a, b] of script) {
            calls++;
            const r = api[m]!(unwrap(a), unwrap(b));
            if (r instanceof Promise) promises.push(r);
          }
          promises.push(t.flush(), t.shutdown());
          const rejected = (await Promise.allSettled(promises)).flatMap((s) =>
            s.status === 'rejected' ? [String(s.reason)] : [],
          );
          expect(rejected).toEqual([]);
        },
      ),
      { numRuns: 100 },
    );
    expect(calls).toBeGreaterThanOrEqual(10_000);
  });
});
