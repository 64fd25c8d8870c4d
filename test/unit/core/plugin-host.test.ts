import { describe, expect, it, vi } from 'vitest';
import { startClicks } from '../../../src/capture/clicks.js';
import { createPluginHost } from '../../../src/core/plugin-host.js';
import type { Plugin, PluginContext } from '../../../src/core/plugin-types.js';
import type { TrackEvent } from '../../../src/core/types.js';
import { harness, ofType, useTrackerSandbox } from './helpers.js';

useTrackerSandbox();

const boom = (message = 'boom') => {
  throw new Error(message);
};

/** A plugin that keeps its context for the test to use. */
function spyPlugin(name = 'acme/spy@1', extra: Partial<Plugin> = {}) {
  const box: { ctx?: PluginContext } = {};
  const plugin: Plugin = {
    name,
    setup: vi.fn((ctx: PluginContext) => {
      box.ctx = ctx;
    }),
    ...extra,
  };
  return { plugin, ctx: () => box.ctx! };
}

describe('plugins', () => {
  it('sets up each plugin once with track, emit, on, config, page and debug', async () => {
    history.replaceState(null, '', '/product/1?token=abc&color=red');
    document.title = 'Sneakers';
    const { plugin, ctx } = spyPlugin();
    const { received } = harness({
      siteId: 'shop-fr',
      privacy: { stripParams: ['token'] },
      plugins: [plugin],
    });
    expect(plugin.setup).toHaveBeenCalledTimes(1);
    const c = ctx();
    expect(Object.keys(c).sort()).toEqual(['config', 'debug', 'emit', 'on', 'page', 'track']);
    expect(c.config.siteId).toBe('shop-fr');
    expect(c.config.privacy.stripParams).toEqual(['token']);
    expect(c.page()).toEqual({
      url: 'http://localhost:3000/product/1?color=red',
      path: '/product/1',
      title: 'Sneakers',
    });
    c.track('from_plugin', { a: 1 });
    c.emit('reassurance', { kind: 'returns', seen: true });
    const events = await received();
    expect(events.map((e) => [e.type, e.props])).toEqual([
      ['custom', { a: 1, name: 'from_plugin' }],
      ['reassurance', { kind: 'returns', seen: true }],
    ]);
  });

  it('sanitises what a plugin emits and drops an invalid type', async () => {
    const { plugin, ctx } = spyPlugin();
    const { queue, received } = harness({ plugins: [plugin] });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => ctx().emit('landing_check', { cyclic, f: () => 1 })).not.toThrow();
    expect(() => ctx().emit('', {})).not.toThrow();
    const events = await received();
    expect(events).toHaveLength(1);
    expect(events[0]!.props).toEqual({ cyclic: { self: '[Circular]' } });
    expect(JSON.parse(JSON.stringify(await queue.dropped()))).toEqual({});
  });

  it('logs plugin debug messages only when debug is on', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const quiet = spyPlugin('quiet');
    harness({ plugins: [quiet.plugin] });
    quiet.ctx().debug('hello');
    expect(warn).not.toHaveBeenCalled();
    const loud = spyPlugin('loud');
    harness({ debug: true, plugins: [loud.plugin] });
    loud.ctx().debug('hello', { n: 1 });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toContain('loud: hello');
  });

  it('lets beforeEvent change events, in the order the plugins are given', async () => {
    const first: Plugin = {
      name: 'first',
      setup() {},
      beforeEvent: (e) => ({ ...e, props: { ...e.props, shop: 'fr' } }),
    };
    const second: Plugin = {
      name: 'second',
      setup() {},
      beforeEvent: (e) => ({ ...e, props: { ...e.props, saw: e.props.shop ?? 'nothing' } }),
    };
    const { t, received } = harness({ plugins: [first, second] });
    t.track('a');
    expect((await received())[0]!.props).toEqual({ name: 'a', shop: 'fr', saw: 'fr' });
  });

  it('lets beforeEvent drop an event by returning null', async () => {
    const later = vi.fn((e: TrackEvent) => e);
    const dropper: Plugin = {
      name: 'dropper',
      setup() {},
      beforeEvent: (e) => (e.props.name === 'secret' ? null : e),
    };
    const { t, received } = harness({
      plugins: [dropper, { name: 'later', setup() {}, beforeEvent: later }],
    });
    t.track('secret');
    t.track('public');
    expect((await received()).map((e) => e.props.name)).toEqual(['public']);
    expect(later).toHaveBeenCalledTimes(1);
  });

  it('disables a plugin whose setup throws and records one sdk_error', async () => {
    const before = vi.fn((e: TrackEvent) => e);
    const broken: Plugin = {
      name: 'broken@1',
      setup: () => boom('setup failed'),
      beforeEvent: before,
    };
    const healthy = spyPlugin('healthy', {
      beforeEvent: (e) => ({ ...e, props: { ...e.props, healthy: true } }),
    });
    const { t, received } = harness({ plugins: [broken, healthy.plugin] });
    t.track('a');
    t.track('b');
    const events = await received();
    const errors = ofType(events, 'sdk_error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.props).toMatchObject({
      scope: 'plugin',
      plugin: 'broken@1',
      phase: 'setup',
      message: 'setup failed',
    });
    expect(before).not.toHaveBeenCalled();
    expect(ofType(events, 'custom').map((e) => e.props)).toEqual([
      { name: 'a', healthy: true },
      { name: 'b', healthy: true },
    ]);
  });

  it('disables a plugin whose async setup rejects', async () => {
    const before = vi.fn((e: TrackEvent) => e);
    const broken = {
      name: 'async@1',
      setup: () => Promise.reject(new Error('late failure')),
      beforeEvent: before,
    } as unknown as Plugin;
    const { t, received } = harness({ plugins: [broken] });
    await Promise.resolve();
    t.track('a');
    const events = await received();
    expect(ofType(events, 'sdk_error').map((e) => e.props.phase)).toEqual(['setup']);
    expect(before).not.toHaveBeenCalled();
  });

  it('disables a plugin whose beforeEvent throws; the event goes through and later events skip it', async () => {
    const before = vi.fn(() => boom('enrich failed'));
    const { t, received } = harness({
      plugins: [{ name: 'flaky', setup() {}, beforeEvent: before as Plugin['beforeEvent'] }],
    });
    t.track('a');
    t.track('b');
    const events = await received();
    expect(ofType(events, 'custom').map((e) => e.props.name)).toEqual(['a', 'b']);
    expect(before).toHaveBeenCalledTimes(1);
    const errors = ofType(events, 'sdk_error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.props).toMatchObject({
      scope: 'plugin',
      plugin: 'flaky',
      phase: 'beforeEvent',
      message: 'enrich failed',
    });
  });

  it('stops calling the hooks of a disabled plugin', async () => {
    const halfSetUp = vi.fn();
    const flakyHook = vi.fn();
    const { t } = harness({
      plugins: [
        {
          name: 'half-set-up',
          setup(ctx) {
            ctx.on('event', halfSetUp);
            boom('setup failed after subscribing');
          },
        },
        {
          name: 'flaky',
          setup: (ctx) => void ctx.on('event', flakyHook),
          beforeEvent: () => boom(),
        },
      ],
    });
    t.track('disables flaky');
    flakyHook.mockClear();
    t.track('later');
    t.page();
    await t.flush();
    expect(halfSetUp).not.toHaveBeenCalled();
    expect(flakyHook).not.toHaveBeenCalled();
  });

  it('never lets a plugin break the tracker, whatever it throws', async () => {
    const nasty = Object.create(null) as object; // no toString: String(nasty) throws
    const plugins: Plugin[] = [
      {
        name: 'throws-null-proto',
        setup: () => {
          throw nasty;
        },
      },
      {
        name: 'throws-string',
        setup() {},
        beforeEvent: () => {
          throw 'plain string';
        },
      },
    ];
    let h: ReturnType<typeof harness> | undefined;
    expect(() => (h = harness({ plugins }))).not.toThrow();
    expect(() => h!.t.track('a')).not.toThrow();
    const events = await h!.received();
    expect(ofType(events, 'custom').map((e) => e.props.name)).toEqual(['a']);
    expect(ofType(events, 'sdk_error').map((e) => e.props.plugin)).toEqual([
      'throws-null-proto',
      'throws-string',
    ]);
  });

  it('fires the pageview, click, funnel_step, event and flush hooks', async () => {
    document.body.innerHTML = '<button id="buy">Buy</button>';
    const seen: string[] = [];
    const plugin: Plugin = {
      name: 'hooks',
      setup(ctx) {
        ctx.on('pageview', (e) => seen.push(`pageview:${e.type}`));
        ctx.on('click', (e) => seen.push(`click:${e.type}`));
        ctx.on('funnel_step', (e) => seen.push(`funnel_step:${e.type}`));
        ctx.on('event', (e) => seen.push(`event:${e.type}`));
        ctx.on('flush', () => seen.push('flush'));
      },
    };
    const { t } = harness({ plugins: [plugin] }, { capture: [startClicks] });
    t.page();
    document.getElementById('buy')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    t.step('checkout', 'cart');
    t.track('custom');
    await t.flush();
    expect(seen).toEqual([
      'event:pageview',
      'pageview:pageview',
      'event:click',
      'click:click',
      'event:funnel_step',
      'funnel_step:funnel_step',
      'event:custom',
      'flush',
    ]);
  });

  it('stops calling a hook once unsubscribed', () => {
    const fn = vi.fn();
    const { plugin, ctx } = spyPlugin();
    const { t } = harness({ plugins: [plugin] });
    const off = ctx().on('event', fn);
    t.track('a');
    off();
    t.track('b');
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('keeps calling the other hook listeners when one throws, and reports it once', async () => {
    const after = vi.fn();
    const plugin: Plugin = {
      name: 'noisy',
      setup(ctx) {
        ctx.on('event', () => boom('listener failed'));
        ctx.on('event', after);
      },
    };
    const { t, received } = harness({ plugins: [plugin] });
    expect(() => {
      t.track('a');
      t.track('b');
    }).not.toThrow();
    const events = await received();
    expect(ofType(events, 'custom').map((e) => e.props.name)).toEqual(['a', 'b']);
    // Every recorded event reached the second listener, the sdk_error included.
    expect(after).toHaveBeenCalledTimes(events.length);
    const errors = ofType(events, 'sdk_error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.props).toMatchObject({ scope: 'hook:event', message: 'listener failed' });
  });

  it('tears plugins down on shutdown', async () => {
    const teardown = vi.fn();
    const { t } = harness({ plugins: [{ name: 'p', setup() {}, teardown }] });
    await t.shutdown();
    await t.shutdown();
    expect(teardown).toHaveBeenCalledTimes(1);
  });

  it('reports a teardown that throws, and shutdown still resolves', async () => {
    const next = vi.fn();
    const { t, bodies } = harness({
      plugins: [
        { name: 'bad-teardown', setup() {}, teardown: () => boom('teardown failed') },
        { name: 'next', setup() {}, teardown: next },
      ],
    });
    await expect(t.shutdown()).resolves.toBeUndefined();
    expect(next).toHaveBeenCalledTimes(1);
    const errors = ofType(
      bodies.flatMap((b) => b.events),
      'sdk_error',
    );
    expect(errors.map((e) => [e.props.plugin, e.props.phase])).toEqual([
      ['bad-teardown', 'teardown'],
    ]);
  });

  it('lets a plugin emit what it holds on flush during shutdown, even if it unsubscribes in teardown', async () => {
    const holder: Plugin & { held: number; off?: () => void } = {
      name: 'holder',
      held: 0,
      setup(ctx) {
        ctx.on('click', () => void holder.held++);
        holder.off = ctx.on('flush', () => {
          if (holder.held) ctx.emit('held_clicks', { count: holder.held });
          holder.held = 0;
        });
      },
      teardown() {
        holder.off?.();
      },
    };
    document.body.innerHTML = '<button>Buy</button>';
    const { t, bodies } = harness({ plugins: [holder] }, { capture: [startClicks] });
    document.querySelector('button')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    await t.shutdown();
    const held = ofType(
      bodies.flatMap((b) => b.events),
      'held_clicks',
    );
    expect(held.map((e) => e.props.count)).toEqual([1]);
  });

  it('adds a plugin at run time with use(), once per name', async () => {
    const { plugin } = spyPlugin('runtime', {
      beforeEvent: (e) => ({ ...e, props: { ...e.props, runtime: true } }),
    });
    const { t, queue, received } = harness();
    t.track('before');
    t.use(plugin);
    t.use({ ...plugin });
    t.track('after');
    expect(plugin.setup).toHaveBeenCalledTimes(1);
    expect((await received()).map((e) => e.props)).toEqual([
      { name: 'before' },
      { name: 'after', runtime: true },
    ]);
    t.use({ name: 'no-setup' } as Plugin);
    t.use(null as unknown as Plugin);
    expect(await queue.dropped()).toEqual({ invalid: 2 });
  });
});

describe('createPluginHost', () => {
  it('reports each failure with its plugin and phase', () => {
    const report = vi.fn();
    const host = createPluginHost(() => ({}) as PluginContext, report);
    const a: Plugin = { name: 'a', setup: () => boom('a') };
    const b: Plugin = {
      name: 'b',
      setup() {},
      beforeEvent: () => boom('b'),
      teardown: () => boom('c'),
    };
    host.add(a);
    host.add(b);
    const e = {
      id: '1',
      type: 'custom',
      ts: 0,
      seq: 1,
      sid: 's',
      vid: 'v',
      url: '',
      path: '/',
      props: {},
    };
    expect(host.before(e)).toBe(e);
    host.teardown();
    expect(report.mock.calls.map(([p, phase]) => [(p as Plugin).name, phase])).toEqual([
      ['a', 'setup'],
      ['b', 'beforeEvent'],
    ]);
  });

  it('ignores a beforeEvent that returns something other than an event or null', () => {
    const host = createPluginHost(
      () => ({}) as PluginContext,
      () => {},
    );
    host.add({ name: 'x', setup() {}, beforeEvent: () => undefined as unknown as TrackEvent });
    host.add({ name: 'y', setup() {}, beforeEvent: () => 5 as unknown as TrackEvent });
    const e = {
      id: '1',
      type: 'custom',
      ts: 0,
      seq: 1,
      sid: 's',
      vid: 'v',
      url: '',
      path: '/',
      props: {},
    };
    expect(host.before(e)).toBe(e);
  });
});
