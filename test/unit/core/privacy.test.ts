import { describe, expect, it } from 'vitest';
import { optedOut, redact } from '../../../src/core/privacy.js';

const nav = (n: Record<string, unknown>) => n as unknown as Navigator;
const win = (w: Record<string, unknown>) => w as unknown as Window;

describe('optedOut', () => {
  it('honours Do Not Track in its browser spellings', () => {
    expect(optedOut(nav({ doNotTrack: '1' }), win({}))).toBe(true);
    expect(optedOut(nav({ doNotTrack: 'yes' }), win({}))).toBe(true);
    expect(optedOut(nav({}), win({ doNotTrack: '1' }))).toBe(true);
    expect(optedOut(nav({ msDoNotTrack: '1' }), win({}))).toBe(true);
  });

  it('honours Global Privacy Control', () => {
    expect(optedOut(nav({ globalPrivacyControl: true }), win({}))).toBe(true);
  });

  it('is false when neither is set', () => {
    expect(optedOut(nav({ doNotTrack: '0' }), win({}))).toBe(false);
    expect(optedOut(nav({ doNotTrack: 'unspecified' }), win({}))).toBe(false);
    expect(optedOut(nav({ doNotTrack: null, globalPrivacyControl: false }), win({}))).toBe(false);
    expect(optedOut(undefined, undefined)).toBe(false);
  });
});

describe('redact', () => {
  it('redacts card numbers, with or without separators', () => {
    for (const card of [
      '4111111111111111',
      '4111 1111 1111 1111',
      '4111-1111-1111-1111',
      '378282246310005',
    ]) {
      const out = redact(`Pay with ${card} now`);
      expect(out).toBe('Pay with [card] now');
    }
  });

  it('redacts e-mail addresses', () => {
    expect(redact('Contact jane.doe+shop@example.co.uk today')).toBe('Contact [email] today');
  });

  it('keeps prices, dates, phone-length numbers and plain text', () => {
    const text = 'Total 1 299,99 € on 2025-11-22, order 12345678, call 01 23 45 67 89';
    expect(redact(text)).toBe(text);
  });
});
