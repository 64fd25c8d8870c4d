import { describe, expect, it, vi } from 'vitest';
import { startClicks } from '../../../src/capture/clicks.js';
import type { CaptureContext } from '../../../src/core/capture-context.js';
import { createGuard } from '../../../src/core/guard.js';
import { harness, ofType, useTrackerSandbox } from './helpers.js';

useTrackerSandbox();

describe('createGuard', () => {
  it('returns what the wrapped function returns', () => {
    const g = createGuard(() => false);
    expect(g.wrap('k', (a: number) => a + 1)(2)).toBe(3);
    expect(g.wrap('k', () => 'none')()).toBe('none');
    expect(g.run('k', () => 'ok')).toBe('ok');
  });

  it('catches what a wrapped function throws, counts it and reports the first per kind', () => {
    const onFirst = vi.fn();
    const g = createGuard(() => false, onFirst);
    const bad = g.wrap('listener:click', () => {
      throw new Error('boom');
    });
    expect(bad()).toBeUndefined();
    expect(bad()).toBeUndefined();
    expect(g.run('other', () => JSON.parse('{'))).toBeUndefined();
    expect(g.errors.get('listener:click')).toBe(2);
    expect(g.errors.get('other')).toBe(1);
    expect(onFirst.mock.calls.map(([kind]) => kind)).toEqual(['listener:click', 'other']);
    expect((onFirst.mock.calls[0]![1] as Error).message).toBe('boom');
  });

  it('reports an async rejection once', async () => {
    const onFirst = vi.fn();
    const g = createGuard(() => false, onFirst);
    const p = g.run('async', () => Promise.reject(new Error('late')));
    await p?.catch(() => {});
    await Promise.resolve();
    expect(onFirst).toHaveBeenCalledTimes(1);
    expect(g.errors.get('async')).toBe(1);
  });

  it('survives a reporter that throws', () => {
    const g = createGuard(
      () => false,
      () => {
        throw new Error('reporter');
      },
    );
    expect(() => g.run('k', () => boom())).not.toThrow();
  });

  it('warns once per kind, only when debug is on', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    let debug = false;
    const g = createGuard(() => debug);
    g.warn('a', 'first');
    expect(warn).not.toHaveBeenCalled();
    debug = true;
    g.warn('a', 'first', { detail: 1 });
    g.warn('a', 'again');
    g.warn('b', 'second');
    expect(warn.mock.calls.map((c) => c[0])).toEqual(['[parcours] first', '[parcours] second']);
    expect(warn.mock.calls[0]![1]).toEqual({ detail: 1 });
  });

  it('survives a console.warn that throws', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {
      throw new Error('console gone');
    });
    const g = createGuard(() => true);
    expect(() => g.warn('k', 'm')).not.toThrow();
  });
});

function boom(): never {
  throw new Error('boom');
}

describe('guard in the tracker', () => {
  it("catches an error thrown inside a capture module's listener and reports it once", async () => {
    const throwing = (ctx: CaptureContext) =>
      ctx.listen(document, 'shop:refresh', () => {
        throw new Error('capture failed');
      });
    const { received } = harness({}, { capture: [throwing] });
    expect(() => {
      document.dispatchEvent(new Event('shop:refresh'));
      document.dispatchEvent(new Event('shop:refresh'));
      document.dispatchEvent(new Event('shop:refresh'));
    }).not.toThrow();
    const errors = ofType(await received(), 'sdk_error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.props).toEqual({ scope: 'listener:shop:refresh', message: 'capture failed' });
  });

  it('keeps the page working when the click capture throws', async () => {
    document.body.innerHTML = '<button>Buy</button>';
    const button = document.querySelector('button')!;
    vi.spyOn(button, 'getBoundingClientRect').mockImplementation(() => {
      throw new Error('layout unavailable');
    });
    const pageHandler = vi.fn();
    document.addEventListener('click', pageHandler);
    const { received } = harness({}, { capture: [startClicks] });
    expect(() => button.dispatchEvent(new MouseEvent('click', { bubbles: true }))).not.toThrow();
    button.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    document.removeEventListener('click', pageHandler);
    expect(pageHandler).toHaveBeenCalledTimes(2);
    const events = await received();
    expect(ofType(events, 'click')).toHaveLength(0);
    expect(ofType(events, 'sdk_error').map((e) => e.props)).toEqual([
      { scope: 'listener:click', message: 'layout unavailable' },
    ]);
  });

  it('reports a capture module that fails to start, and starts the others', async () => {
    const started = vi.fn(() => () => {});
    const { received } = harness({}, { capture: [() => boom(), started] });
    expect(started).toHaveBeenCalledTimes(1);
    expect(ofType(await received(), 'sdk_error').map((e) => e.props.scope)).toEqual(['capture']);
  });

  it('warns about dropped input once per kind, only with debug', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const quiet = harness();
    quiet.t.track('');
    expect(warn).not.toHaveBeenCalled();
    const loud = harness({ debug: true });
    loud.t.track('');
    loud.t.track(42 as unknown as string);
    loud.t.track('x'.repeat(101));
    loud.t.track('ok', { f: () => 1 });
    loud.t.track('ok', { g: () => 2 });
    const messages = warn.mock.calls.map((c) => String(c[0]));
    expect(messages.filter((m) => m.includes('name must be'))).toHaveLength(1);
    expect(messages.filter((m) => m.includes('function dropped'))).toHaveLength(1);
  });
});
