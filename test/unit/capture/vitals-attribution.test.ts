import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MetricType } from 'web-vitals';
import { attribute, type FrameOf } from '../../../src/capture/vitals-attribution.js';

class FakeNavigationTiming {
  constructor(o: object) {
    Object.assign(this, o);
  }
}
const NAV = new FakeNavigationTiming({
  activationStart: 0,
  fetchStart: 2,
  workerStart: 0,
  domainLookupStart: 3,
  connectStart: 10,
  connectEnd: 30,
  responseStart: 80,
  domInteractive: 300,
  domContentLoadedEventStart: 350,
  domComplete: 900,
});
let resources: object[] = [];

beforeEach(() => {
  vi.stubGlobal('PerformanceNavigationTiming', FakeNavigationTiming);
  vi.spyOn(performance, 'now').mockReturnValue(5_000);
  vi.spyOn(performance, 'getEntriesByType').mockImplementation(((type: string) =>
    type === 'navigation' ? [NAV] : resources) as never);
  resources = [];
  document.body.innerHTML = '<main><img id="hero"><p class="b a">x</p><button>Pay</button></main>';
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const metric = (name: string, value: number, entries: object[]) =>
  ({ name, value, entries }) as unknown as MetricType;
const of = (m: MetricType, frameOf?: FrameOf) => attribute(m, new WeakMap(), frameOf);

describe('vitals attribution', () => {
  it('splits LCP into its four phases with the latest request for the image', () => {
    const img = document.querySelector('#hero')!;
    const url = 'https://shop.test/hero.jpg';
    resources = [
      { name: url, startTime: 90, requestStart: 100, responseEnd: 700 },
      { name: url, startTime: 2_000, requestStart: 2_000, responseEnd: 2_100 }, // after the render
    ];
    const lcp = { element: img, url, id: 'hero', startTime: 1_000 };
    expect(of(metric('LCP', 1_000, [lcp]))).toEqual({
      target: '#hero',
      url,
      timeToFirstByte: 80,
      resourceLoadDelay: 20,
      resourceLoadDuration: 600,
      elementRenderDelay: 300,
    });
    // No image: all of it after the first byte is render delay; a removed element keeps its id.
    expect(
      of(metric('LCP', 500, [{ element: null, url: '', id: 'gone', startTime: 500 }])),
    ).toEqual({
      target: '#gone',
      timeToFirstByte: 80,
      resourceLoadDelay: 0,
      resourceLoadDuration: 0,
      elementRenderDelay: 420,
    });
  });

  it('keeps the target named when an entry was first reported', () => {
    const seen = new WeakMap<object, string | undefined>();
    const p = document.querySelector('p')!;
    const shift = { value: 0.2, startTime: 400, sources: [{ node: p }] };
    const cls = metric('CLS', 0.2, [shift]);
    expect(attribute(cls, seen)).toEqual({
      largestShiftTarget: 'body>main>p',
      largestShiftTime: 400,
      largestShiftValue: 0.2,
      loadState: 'dom-content-loaded',
    });
    p.remove();
    const later = { value: 0.05, startTime: 1_200, sources: [{ node: null }] };
    expect(attribute(metric('CLS', 0.25, [shift, later]), seen)).toMatchObject({
      largestShiftTarget: 'body>main>p', // still the largest shift, its element gone since
      largestShiftTime: 400,
    });
    expect(of(metric('CLS', 0, []))).toEqual({});
  });

  it('times INP over the frame that painted the interaction', () => {
    const button = document.querySelector('button')!;
    const down = {
      name: 'pointerdown',
      target: button,
      startTime: 1_000,
      duration: 320,
      processingStart: 1_002,
      processingEnd: 1_004,
    };
    const inp = metric('INP', 320, [down]);
    const frame: FrameOf = (paint) => (paint === 1_320 ? [1_002, 1_305] : undefined);
    expect(of(inp, frame)).toEqual({
      interactionTarget: 'body>main>button',
      interactionType: 'pointer',
      inputDelay: 2,
      processingDuration: 303,
      presentationDelay: 15,
      loadState: 'complete',
    });
    expect(of(inp)).toMatchObject({ inputDelay: 2, processingDuration: 2, presentationDelay: 316 });
    expect(of(metric('INP', 40, [{ ...down, name: 'keydown', target: null }]))).toMatchObject({
      interactionTarget: undefined,
      interactionType: 'keyboard',
    });
  });

  it('splits FCP and TTFB from the navigation entry', () => {
    expect(of(metric('FCP', 900, [{ startTime: 900 }]))).toEqual({
      timeToFirstByte: 80,
      firstByteToFCP: 820,
      loadState: 'complete',
    });
    expect(of(metric('TTFB', 80, [NAV]))).toEqual({
      waitingDuration: 2,
      cacheDuration: 1,
      dnsDuration: 7,
      connectionDuration: 20,
      requestDuration: 50,
    });
    expect(of(metric('TTFB', 0, []))).toEqual({
      waitingDuration: 0,
      cacheDuration: 0,
      dnsDuration: 0,
      connectionDuration: 0,
      requestDuration: 0,
    });
  });
});
