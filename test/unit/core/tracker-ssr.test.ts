// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../../src/core/config-error.js';
import { createTracker } from '../../../src/core/tracker.js';
import { init } from '../../../src/init.js';

describe('tracker during server rendering', () => {
  it('runs without window and records nothing', async () => {
    expect(typeof window).toBe('undefined');
    const post = vi.fn(async () => ({ status: 200 }));
    const setup = vi.fn();
    const t = createTracker({ endpoint: 'https://collect.test/v1/batch' }, { post });
    expect(() => {
      t.track('a', { x: 1 });
      t.page();
      t.identify('u');
      t.step('checkout', 'cart');
      t.setConsent('granted');
      t.use({ name: 'p', setup });
    }).not.toThrow();
    expect(await t.flush()).toEqual({ sent: 0, failed: 0, pending: 0 });
    await expect(t.shutdown()).resolves.toBeUndefined();
    expect(post).not.toHaveBeenCalled();
    expect(setup).not.toHaveBeenCalled();
  });

  it('still rejects a bad config', () => {
    expect(() => createTracker({ endpoint: 'ftp://x' })).toThrow(ConfigError);
    expect(() => init({ endpoint: 'https://c.test', batch: { maxEvents: 0 } })).toThrow(
      ConfigError,
    );
  });

  it('accepts the relative endpoint the browser build accepts', () => {
    // The same `init({ endpoint: '/collect' })` runs on the server first in SSR frameworks.
    expect(() => createTracker({ endpoint: '/collect' })).not.toThrow();
    expect(() => init({ endpoint: '/collect' })).not.toThrow();
  });
});
