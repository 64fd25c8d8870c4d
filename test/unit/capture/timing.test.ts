import { describe, expect, it, vi } from 'vitest';
import { startNavigationTiming } from '../../../src/capture/navigation-timing.js';
import { startPageviews } from '../../../src/capture/pageviews.js';
import {
  ROUTE_MAX_MS,
  ROUTE_QUIET_MS,
  startRouteTiming,
} from '../../../src/capture/route-timing.js';
import { harness, ofType, useTrackerSandbox } from '../core/helpers.js';

useTrackerSandbox();

const timings = async (h: ReturnType<typeof harness>) => ofType(await h.received(), 'timing');
/** Runs timers and animation frames (happy-dom schedules frames on its own timers). */
async function run(ms: number) {
  for (let t = 0; t < ms; t += 20) {
    await vi.advanceTimersByTimeAsync(20);
    await new Promise((r) => setImmediate(r));
  }
}

describe('navigation timing', () => {
  it('sends one timing event from the navigation entry after load', async () => {
    vi.spyOn(performance, 'getEntriesByType').mockReturnValue([
      {
        type: 'reload',
        domainLookupStart: 10,
        domainLookupEnd: 25.4,
        connectStart: 25.4,
        secureConnectionStart: 40,
        connectEnd: 70,
        responseStart: 120,
        domInteractive: 300,
        domContentLoadedEventEnd: 320,
        domComplete: 600,
        loadEventEnd: 610,
        transferSize: 12_345,
      } as never,
    ]);
    const h = harness({}, { capture: [startNavigationTiming] });
    await run(40);
    const [t] = await timings(h);
    expect(t!.props).toEqual({
      spa: false,
      bfcache: false,
      navigationType: 'reload',
      dns: 15,
      connect: 45,
      tls: 30,
      ttfb: 120,
      domInteractive: 300,
      domContentLoaded: 320,
      domComplete: 600,
      load: 610,
      transferSize: 12_345,
    });
  });

  it('sends a bfcache restore as its own timing event', async () => {
    vi.spyOn(performance, 'getEntriesByType').mockReturnValue([]);
    const h = harness({}, { capture: [startNavigationTiming] });
    window.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: true }));
    window.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: false }));
    await run(100);
    const all = await timings(h);
    expect(all).toHaveLength(1);
    expect(all[0]!.props).toMatchObject({
      spa: false,
      bfcache: true,
      navigationType: 'back_forward_cache',
    });
    expect(typeof all[0]!.props.restore).toBe('number');
  });
});

describe('route timing', () => {
  const start = () => {
    // The measure reads performance.now(); follow the fake clock.
    vi.spyOn(performance, 'now').mockImplementation(() => Date.now());
    return harness({}, { capture: [startPageviews, startRouteTiming] });
  };
  const render = (text: string) => {
    const p = document.createElement('p');
    p.textContent = text;
    document.body.append(p);
  };

  it('measures a route change until the DOM is quiet and a frame is painted', async () => {
    const h = start();
    history.pushState(null, '', '/cart');
    render('cart');
    await run(40);
    render('cart line');
    await run(ROUTE_QUIET_MS * 3);
    const all = await timings(h);
    expect(all).toHaveLength(1);
    expect(all[0]!.path).toBe('/cart');
    expect(all[0]!.props).toMatchObject({ spa: true, navigationType: 'route', settled: true });
    expect(all[0]!.props.mutations).toBeGreaterThanOrEqual(2);
    expect(all[0]!.props.duration).toBeGreaterThanOrEqual(0);
  });

  it('keeps only the last of two quick route changes, and nothing for the first page view', async () => {
    const h = start();
    history.pushState(null, '', '/a');
    history.pushState(null, '', '/b');
    render('b');
    await run(ROUTE_QUIET_MS * 3);
    expect((await timings(h)).map((e) => e.path)).toEqual(['/b']);
  });

  it('measures a route that never settles up to the cap', async () => {
    const h = start();
    history.pushState(null, '', '/busy');
    const timer = setInterval(() => render('tick'), 50);
    await run(ROUTE_MAX_MS + 200);
    clearInterval(timer);
    const [t] = await timings(h);
    expect(t!.props).toMatchObject({ spa: true, settled: false });
  });

  it('drops the measure when the page is hidden first', async () => {
    const h = start();
    history.pushState(null, '', '/gone');
    const vis = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    await run(ROUTE_QUIET_MS * 3);
    vis.mockRestore();
    expect(await timings(h)).toEqual([]);
  });
});
