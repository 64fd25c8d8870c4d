import { describe, expect, it, vi } from 'vitest';
import { MAX_ERRORS_PER_PAGE } from '../../../src/capture/errors.js';
import { init } from '../../../src/init.js';
import { harness, ofType, useTrackerSandbox } from '../core/helpers.js';

useTrackerSandbox();

const errorsOf = async (h: ReturnType<typeof harness>) => ofType(await h.received(), 'error');

/** happy-dom has no PromiseRejectionEvent: an Event carrying `reason`, as browsers dispatch it. */
function rejection(reason: unknown): Event {
  const ev = new Event('unhandledrejection', { cancelable: true });
  Object.defineProperty(ev, 'reason', { value: reason });
  return ev;
}

describe('error capture', () => {
  it('records an uncaught error with message, source, line, column and stack', async () => {
    const h = harness({ privacy: { stripParams: ['token'] } }, {}, init);
    const error = new TypeError('cart is undefined');
    window.dispatchEvent(
      new ErrorEvent('error', {
        message: 'Uncaught TypeError: cart is undefined',
        filename: 'http://localhost:3000/app.js?token=abc&v=3',
        lineno: 12,
        colno: 7,
        error,
      }),
    );
    const [e] = await errorsOf(h);
    expect(e!.props).toEqual({
      message: 'Uncaught TypeError: cart is undefined',
      kind: 'error',
      source: 'http://localhost:3000/app.js?v=3',
      line: 12,
      column: 7,
      stack: error.stack!.slice(0, 2000),
    });
  });

  it('records an unhandled rejection', async () => {
    const h = harness({}, {}, init);
    window.dispatchEvent(rejection(new Error('payment API down')));
    window.dispatchEvent(rejection({ code: 42 }));
    window.dispatchEvent(rejection('plain'));
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    window.dispatchEvent(rejection(cyclic));
    const errors = await errorsOf(h);
    expect(errors.map((e) => [e.props.kind, e.props.message])).toEqual([
      ['rejection', 'payment API down'],
      ['rejection', '{"code":42}'],
      ['rejection', 'plain'],
      ['rejection', '[object Object]'],
    ]);
    expect(errors[0]!.props.stack).toContain('payment API down');
  });

  it('ignores resource load errors', async () => {
    const h = harness({}, {}, init);
    window.dispatchEvent(new Event('error'));
    expect(await errorsOf(h)).toHaveLength(0);
  });

  it('caps the message at 500 characters', async () => {
    const h = harness({}, {}, init);
    window.dispatchEvent(new ErrorEvent('error', { message: 'm'.repeat(5000) }));
    expect((await errorsOf(h))[0]!.props.message).toBe('m'.repeat(500));
  });

  it(`records ${MAX_ERRORS_PER_PAGE} errors per page and counts the rest as throttled`, async () => {
    history.replaceState(null, '', '/a');
    const h = harness({ consent: 'pending' }, {}, init);
    for (let i = 0; i < MAX_ERRORS_PER_PAGE + 5; i++) {
      window.dispatchEvent(new ErrorEvent('error', { message: `e${i}` }));
    }
    expect(await h.queue.dropped()).toEqual({ throttled: 5 });
    history.pushState(null, '', '/b');
    window.dispatchEvent(new ErrorEvent('error', { message: 'on the next page' }));
    h.t.setConsent('granted');
    const errors = await errorsOf(h);
    expect(errors).toHaveLength(MAX_ERRORS_PER_PAGE + 1);
    expect(errors.at(-1)!.props.message).toBe('on the next page');
    expect(h.bodies[0]!.sdk_dropped).toEqual({ throttled: 5 });
  });

  it('leaves the error to the page: nothing is prevented or stopped', () => {
    harness({}, {}, init);
    const pageHandler = vi.fn();
    window.addEventListener('error', pageHandler);
    window.addEventListener('unhandledrejection', pageHandler);
    const err = new ErrorEvent('error', { message: 'x', cancelable: true });
    const rej = rejection(new Error('y'));
    const spies = [err, rej].flatMap((ev) =>
      (['preventDefault', 'stopPropagation', 'stopImmediatePropagation'] as const).map((m) =>
        vi.spyOn(ev, m),
      ),
    );
    expect(window.dispatchEvent(err)).toBe(true);
    expect(window.dispatchEvent(rej)).toBe(true);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    expect(err.defaultPrevented).toBe(false);
    expect(rej.defaultPrevented).toBe(false);
    expect(pageHandler).toHaveBeenCalledTimes(2);
    window.removeEventListener('error', pageHandler);
    window.removeEventListener('unhandledrejection', pageHandler);
  });

  it('records nothing with capture.errors off, or after shutdown', async () => {
    const off = harness({ capture: { errors: false } }, {}, init);
    window.dispatchEvent(new ErrorEvent('error', { message: 'x' }));
    expect(await errorsOf(off)).toHaveLength(0);
    await off.t.shutdown();
    const on = harness({}, {}, init);
    await on.t.shutdown();
    window.dispatchEvent(new ErrorEvent('error', { message: 'x' }));
    expect(
      ofType(
        on.bodies.flatMap((b) => b.events),
        'error',
      ),
    ).toHaveLength(0);
  });
});
