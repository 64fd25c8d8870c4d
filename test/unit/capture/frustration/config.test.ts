import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../src/core/config-error.js';
import { resolveConfig } from '../../../../src/core/config.js';

const frustration = (v: unknown) =>
  resolveConfig({ endpoint: 'https://c.test/b', capture: { frustration: v } } as never).capture
    .frustration;

const fieldOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).field;
  }
  return undefined;
};

describe('capture.frustration', () => {
  it('is on with the SIGNALS.md defaults unless turned off', () => {
    expect(frustration(undefined)).toMatchObject({ slowMs: 1000, deadMs: 2500, maxWaitMs: 7000 });
    expect(frustration(true)).toEqual(frustration(undefined));
    expect(frustration(false)).toBeNull();
  });

  it('keeps given thresholds and fills the rest', () => {
    const f = frustration({ rageGapMs: 1000, feedback: ['.cart-count'] })!;
    expect(f.rageGapMs).toBe(1000);
    expect(f.rageClicks).toBe(3);
    expect(f.feedback).toEqual(['.cart-count']);
  });

  it('names the field of a bad threshold, an unknown key or a bad selector', () => {
    expect(fieldOf(() => frustration({ slowMs: -1 }))).toBe('capture.frustration.slowMs');
    expect(fieldOf(() => frustration({ rageClicks: 2.5 }))).toBe('capture.frustration.rageClicks');
    expect(fieldOf(() => frustration({ deadms: 10 }))).toBe('capture.frustration.deadms');
    expect(fieldOf(() => frustration({ ignore: ['[[['] }))).toBe('capture.frustration.ignore');
    expect(fieldOf(() => frustration({ feedback: 'x' }))).toBe('capture.frustration.feedback');
    expect(fieldOf(() => frustration('yes'))).toBe('capture.frustration');
  });

  it('refuses windows in the wrong order', () => {
    expect(fieldOf(() => frustration({ slowMs: 3000 }))).toBe('capture.frustration.deadMs');
    expect(fieldOf(() => frustration({ maxWaitMs: 2000 }))).toBe('capture.frustration.deadMs');
  });
});
