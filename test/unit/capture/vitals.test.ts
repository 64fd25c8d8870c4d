import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MetricWithAttribution } from 'web-vitals/attribution';
import { startVitals } from '../../../src/capture/vitals.js';
import { targetOf } from '../../../src/capture/vitals-attribution.js';
import type { TrackerConfig } from '../../../src/core/config.js';
import type { CaptureModule } from '../../../src/core/tracker-types.js';
import { harness, ofType, useTrackerSandbox } from '../core/helpers.js';

type Report = (m: MetricWithAttribution) => void;
const reporters = vi.hoisted(() => new Map<string, (m: unknown) => void>());
const options = vi.hoisted(() => new Map<string, Record<string, unknown>>());
// The metrics below carry their attribution already (vitals-attribution.test.ts computes it).
vi.mock('../../../src/capture/vitals-attribution.js', async (real) => ({
  ...(await real<object>()),
  attribute: (m: MetricWithAttribution) => m.attribution,
}));
vi.mock('web-vitals', () => {
  const on = (name: string) => (cb: (m: unknown) => void, o: Record<string, unknown>) => {
    reporters.set(name, cb);
    options.set(name, o);
  };
  return {
    onLCP: on('LCP'),
    onCLS: on('CLS'),
    onINP: on('INP'),
    onFCP: on('FCP'),
    onTTFB: on('TTFB'),
  };
});

useTrackerSandbox();
beforeEach(() => reporters.clear());

const report = (m: Partial<MetricWithAttribution> & { name: string }) =>
  (reporters.get(m.name) as Report)({
    value: 0,
    delta: 0,
    rating: 'good',
    navigationType: 'navigate',
    id: `v6-${m.name}`,
    entries: [],
    attribution: {},
    ...m,
  } as unknown as MetricWithAttribution);
const FUNNELS: TrackerConfig['funnels'] = [{ name: 'checkout', steps: [{ name: 'payment' }] }];
const vitals = async (h: ReturnType<typeof harness>) => ofType(await h.received(), 'vital');
/** Vitals capture, and the names of the vitals recorded, as they are recorded. */
function recording(): { capture: CaptureModule[]; names: string[] } {
  const names: string[] = [];
  return {
    names,
    capture: [
      // Before vitals: stops run in reverse, so this still hears what vitals sends on shutdown.
      (c) => c.on('event', (e) => void (e?.type === 'vital' && names.push(String(e.props.name)))),
      startVitals,
    ],
  };
}

describe('vitals capture', () => {
  it('sends FCP and TTFB at once, with their phases', async () => {
    const h = harness({}, { capture: [startVitals] });
    report({
      name: 'TTFB',
      value: 80.4,
      attribution: {
        waitingDuration: 1,
        cacheDuration: 0,
        dnsDuration: 10.6,
        connectionDuration: 20,
        requestDuration: 49,
      },
    } as never);
    report({
      name: 'FCP',
      value: 900,
      rating: 'good',
      attribution: { timeToFirstByte: 80, firstByteToFCP: 820, loadState: 'complete' },
    } as never);
    const [ttfb, fcp] = await vitals(h);
    expect(ttfb!.props).toEqual({
      name: 'TTFB',
      value: 80,
      rating: 'good',
      navigationType: 'navigate',
      delta: 80,
      id: 'v6-TTFB',
      attribution: {
        waitingDuration: 1,
        cacheDuration: 0,
        dnsDuration: 11,
        connectionDuration: 20,
        requestDuration: 49,
      },
    });
    expect(fcp!.props.attribution).toEqual({
      timeToFirstByte: 80,
      firstByteToFCP: 820,
      loadState: 'complete',
    });
  });

  it('holds LCP, CLS and INP until the flush moment, then sends the last value of each once', async () => {
    const r = recording();
    const h = harness({ funnels: FUNNELS }, { capture: r.capture });
    expect(options.get('LCP')).toMatchObject({ reportAllChanges: true });
    report({ name: 'LCP', value: 500, attribution: { target: 'h1' } } as never);
    report({
      name: 'LCP',
      value: 1200,
      attribution: {
        target: '#hero',
        url: 'https://shop.test/hero.jpg',
        timeToFirstByte: 80,
        resourceLoadDelay: 100,
        resourceLoadDuration: 900,
        elementRenderDelay: 120,
      },
    } as never);
    report({
      name: 'CLS',
      value: 0.123456,
      attribution: {
        largestShiftTarget: '#content',
        largestShiftValue: 0.1,
        largestShiftTime: 400,
      },
    } as never);
    h.t.step('checkout', 'payment');
    report({
      name: 'INP',
      value: 312,
      attribution: {
        interactionTarget: '#pay',
        interactionType: 'pointer',
        inputDelay: 1,
        processingDuration: 300,
        presentationDelay: 11,
        loadState: 'complete',
      },
    } as never);
    expect(r.names).toEqual([]); // held
    const sent = await vitals(h); // flush() runs the hook: now they go
    expect(sent.map((e) => [e.props.name, e.props.value, e.props.funnelStep])).toEqual([
      ['LCP', 1200, 'checkout:payment'],
      ['CLS', 0.1235, 'checkout:payment'],
      ['INP', 312, 'checkout:payment'],
    ]);
    expect(sent[0]!.props.attribution).toEqual({
      target: '#hero',
      url: 'https://shop.test/hero.jpg',
      timeToFirstByte: 80,
      resourceLoadDelay: 100,
      resourceLoadDuration: 900,
      elementRenderDelay: 120,
    });
    expect(sent[1]!.props.attribution).toEqual({
      target: '#content',
      largestShiftValue: 0.1,
      largestShiftTime: 400,
      loadState: null,
    });
    expect(sent[2]!.props.attribution).toMatchObject({ target: '#pay', processingDuration: 300 });
    await h.t.flush();
    expect(await vitals(h)).toHaveLength(3); // unchanged values are not sent again
  });

  it('sends a value that changed after it was sent again, with the delta', async () => {
    const h = harness({}, { capture: [startVitals] });
    report({ name: 'CLS', value: 0.1 } as never);
    await h.t.flush();
    report({ name: 'CLS', value: 0.25 } as never);
    await h.t.flush();
    const cls = await vitals(h);
    expect(cls.map((e) => [e.props.value, e.props.delta])).toEqual([
      [0.1, 0.1],
      [0.25, 0.15],
    ]);
  });

  it('sends at once once the page is hidden, and what it holds on shutdown', async () => {
    const r = recording();
    const h = harness({}, { capture: r.capture });
    report({ name: 'LCP', value: 700 } as never);
    const vis = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    report({ name: 'INP', value: 90 } as never);
    vis.mockRestore();
    expect(r.names).toEqual(['INP']);
    await h.t.shutdown();
    expect(r.names).toEqual(['INP', 'LCP']);
    report({ name: 'CLS', value: 0.5 } as never); // after shutdown: nothing
    expect(r.names).toEqual(['INP', 'LCP']);
  });

  it('bounds selectors and strips listed parameters from the LCP url', async () => {
    const h = harness({ privacy: { stripParams: ['token'] } }, { capture: [startVitals] });
    const target = targetOf;
    document.body.innerHTML = '<main><p id="intro">Hi <b>you</b></p></main>';
    expect(target(document.querySelector('b'))).toBe('#intro>b');
    expect(target(document.querySelector('#intro')!.firstChild)).toBe('#intro');
    expect(target(null)).toBeUndefined();
    report({
      name: 'LCP',
      value: 1,
      attribution: { target: 'x'.repeat(500), url: 'https://shop.test/a.jpg?token=s3cret&w=2' },
    } as never);
    await h.t.flush();
    const [lcp] = await vitals(h);
    const a = lcp!.props.attribution as Record<string, string>;
    expect(a.target).toHaveLength(200);
    expect(a.url).toBe('https://shop.test/a.jpg?w=2');
  });
});
