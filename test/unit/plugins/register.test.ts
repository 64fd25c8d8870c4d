import { afterEach, describe, expect, it, vi } from 'vitest';
import { device } from '../../../src/plugins/device/index.js';
import { landing } from '../../../src/plugins/landing/index.js';
import { reassurance } from '../../../src/plugins/reassurance/index.js';
import { register } from '../../../src/plugins/register.js';
import type { PluginFactory } from '../../../src/plugins/register.js';
import { harness, ofType, useTrackerSandbox } from '../core/helpers.js';

type Win = { parcoursPlugins?: Record<string, unknown>; parcours?: unknown };
const win = window as unknown as Win;

describe('plugins that throw', () => {
  useTrackerSandbox();
  afterEach(() => {
    delete win.parcoursPlugins;
    delete win.parcours;
  });

  it('a plugin whose setup throws is disabled and reported, and the tracker goes on', async () => {
    vi.spyOn(navigator, 'userAgent', 'get').mockImplementation(() => {
      throw new Error('navigator is locked down');
    });
    const h = harness({ plugins: [device(), reassurance()] });
    h.t.track('after');
    h.t.track('again');
    const events = await h.received();
    expect(ofType(events, 'sdk_error').map((e) => e.props)).toEqual([
      {
        scope: 'plugin',
        plugin: 'parcours/device@1',
        phase: 'setup',
        message: 'navigator is locked down',
      },
    ]);
    expect(ofType(events, 'custom').map((e) => [e.props.name, e.device])).toEqual([
      ['after', undefined],
      ['again', undefined],
    ]);
  });

  it('a script-tag plugin with a bad option is reported naming the field, and the tracker goes on', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    register('landing', 'parcours/landing@1', landing as PluginFactory);
    const factory = win.parcoursPlugins!.landing as PluginFactory;
    const h = harness({ plugins: [factory({ quickExit: 5 } as never)] });
    h.t.track('still here');
    const events = await h.received();
    const [err] = ofType(events, 'sdk_error');
    expect(err!.props).toMatchObject({
      scope: 'plugin',
      plugin: 'parcours/landing@1',
      phase: 'setup',
    });
    expect(err!.props.message).toMatch(/config\.landing\.quickExit/);
    expect(error).toHaveBeenCalledTimes(1);
    expect(ofType(events, 'custom').map((e) => e.props.name)).toEqual(['still here']);
  });

  it('sets up a plugin the page asked for before its script loaded', () => {
    const use = vi.fn();
    win.parcours = { tracker: { use } };
    win.parcoursPlugins = { reassurance: [undefined, { maxNodes: 200 }] };
    register('reassurance', 'parcours/reassurance@1', reassurance as PluginFactory);
    expect(use.mock.calls.map((c) => (c[0] as { name: string }).name)).toEqual([
      'parcours/reassurance@1',
      'parcours/reassurance@1',
    ]);
    expect(typeof win.parcoursPlugins.reassurance).toBe('function');
  });
});
