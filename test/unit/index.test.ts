import { describe, expect, expectTypeOf, it } from 'vitest';
import * as parcours from '../../src/index.js';
import type { Plugin, Tracker, TrackerConfig, TrackEvent } from '../../src/index.js';

describe('package exports', () => {
  it('exports exactly the public API', () => {
    expect(Object.keys(parcours).sort()).toEqual(['ConfigError', 'createTracker', 'init']);
  });

  it('types the tracker and the plugin contract', () => {
    expectTypeOf(parcours.init).parameter(0).toEqualTypeOf<TrackerConfig>();
    expectTypeOf(parcours.init).returns.toEqualTypeOf<Tracker>();
    expectTypeOf<Tracker['flush']>().returns.resolves.toEqualTypeOf<{
      sent: number;
      failed: number;
      pending: number;
    }>();
    expectTypeOf<Plugin['beforeEvent']>().toEqualTypeOf<
      ((event: TrackEvent) => TrackEvent | null) | undefined
    >();
    // @ts-expect-error endpoint is required
    const bad: TrackerConfig = { siteId: 'x' };
    // @ts-expect-error consent is a closed union
    const badConsent: TrackerConfig = { endpoint: '/c', consent: 'maybe' };
    expect([bad, badConsent]).toHaveLength(2);
  });
});
