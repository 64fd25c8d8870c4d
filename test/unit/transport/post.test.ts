import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  beacon,
  encode,
  GZIP_MIN_BYTES,
  ownFetchWrapper,
  post,
} from '../../../src/transport/post.js';

afterEach(() => {
  vi.restoreAllMocks();
});
const now = () => Date.parse('2026-11-23T12:00:00Z');

describe('encode', () => {
  it('leaves small bodies as they are', async () => {
    const e = await encode('{"a":1}');
    expect(e).toEqual({
      body: '{"a":1}',
      headers: { 'Content-Type': 'application/json' },
      size: 7,
    });
  });

  it('gzips bodies worth it, and the result decodes to the same JSON', async () => {
    const json = JSON.stringify({
      events: Array.from({ length: 50 }, (_, i) => ({ i, t: 'click' })),
    });
    expect(json.length).toBeGreaterThan(GZIP_MIN_BYTES);
    const e = await encode(json);
    expect(e.headers['Content-Encoding']).toBe('gzip');
    expect(e.size).toBeLessThan(json.length);
    expect(gunzipSync(Buffer.from(e.body as ArrayBuffer)).toString()).toBe(json);
  });
});

describe('post', () => {
  it('posts with keepalive and no credentials, and reads Retry-After', async () => {
    const fetch = vi
      .spyOn(globalThis, 'fetch')
      .mockResolvedValue(new Response('', { status: 429, headers: { 'Retry-After': '3' } }));
    const r = await post('https://c.test/v1/batch', '{"v":1}', now);
    expect(r).toEqual({ status: 429, retryAfterMs: 3000 });
    const init = fetch.mock.calls[0]![1]!;
    expect(init).toMatchObject({
      method: 'POST',
      keepalive: true,
      credentials: 'omit',
      body: '{"v":1}',
    });
  });

  it('drops keepalive for a body over the 64 kB budget', async () => {
    const fetch = vi
      .spyOn(globalThis, 'fetch')
      .mockResolvedValue(new Response('', { status: 200 }));
    const big = 'x'.repeat(70_000);
    await post('https://c.test/v1/batch', big, now, { body: big, headers: {}, size: big.length });
    expect(fetch.mock.calls[0]![1]!.keepalive).toBe(false);
  });

  it("goes around the SDK's own fetch wrapper, not around one the page put on top", async () => {
    const original = vi.fn(async () => new Response('', { status: 200 }));
    const own = vi.fn(async () => new Response('', { status: 200 })) as unknown as typeof fetch;
    ownFetchWrapper(own, original as unknown as typeof fetch);
    const saved = globalThis.fetch;
    try {
      globalThis.fetch = own;
      await post('https://c.test/v1/batch', '{}', now);
      expect(original).toHaveBeenCalledTimes(1);
      expect(own).not.toHaveBeenCalled();
      const page = vi.fn(async () => new Response('', { status: 200 }));
      globalThis.fetch = page as unknown as typeof fetch;
      await post('https://c.test/v1/batch', '{}', now);
      expect(page).toHaveBeenCalledTimes(1);
      expect(original).toHaveBeenCalledTimes(1);
    } finally {
      globalThis.fetch = saved;
    }
  });

  it('turns a network error into status 0', async () => {
    vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('Failed to fetch'));
    expect(await post('https://c.test/v1/batch', '{}', now)).toEqual({ status: 0 });
  });
});

describe('beacon', () => {
  it('sends a text/plain blob, so no preflight is needed', async () => {
    const send = vi.fn((_url: string, _data?: BodyInit | null) => true);
    Object.defineProperty(navigator, 'sendBeacon', { value: send, configurable: true });
    expect(beacon('https://c.test/v1/batch', '{"v":1}')).toBe(true);
    const blob = send.mock.calls[0]![1] as Blob;
    expect(blob.type).toBe('text/plain');
    expect(await blob.text()).toBe('{"v":1}');
  });

  it('answers false when the browser refuses or throws', () => {
    Object.defineProperty(navigator, 'sendBeacon', {
      value: () => {
        throw new TypeError('quota');
      },
      configurable: true,
    });
    expect(beacon('https://c.test/v1/batch', '{}')).toBe(false);
  });
});
