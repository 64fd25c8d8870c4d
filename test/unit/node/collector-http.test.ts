// @vitest-environment node
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { makeBatch, postBatch, readLines, send, useCollector } from './helpers.js';

describe('collector HTTP surface', () => {
  const { fixture, start } = useCollector();
  const stored = () => readLines(join(fixture.dir, 'events.ndjson'));

  describe('bodies', () => {
    it('accepts a gzip body', async () => {
      const url = await start();
      const reply = await send(`${url}/v1/batch`, {
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body: gzipSync(JSON.stringify(makeBatch())),
      });
      expect(reply.status).toBe(200);
      expect(await stored()).toHaveLength(3);
    });

    it('accepts text/plain with a charset, as sendBeacon sends it, on /collect', async () => {
      const url = await start();
      const reply = await send(`${url}/collect`, {
        headers: { 'content-type': 'text/plain;charset=UTF-8' },
        body: JSON.stringify(makeBatch()),
      });
      expect(reply.status).toBe(200);
    });

    it('answers 413 to a declared length over the limit', async () => {
      const url = await start({ maxBodyBytes: 1_000 });
      const reply = await postBatch(url, { padding: 'x'.repeat(5_000) });
      expect(reply.status).toBe(413);
      expect(reply.json().error).toBe('payload_too_large');
    });

    it('answers 413 to a chunked body once it crosses the limit', async () => {
      const url = await start({ maxBodyBytes: 10_000 });
      const reply = await send(`${url}/v1/batch`, {
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        body: Array.from({ length: 50 }, () => Buffer.alloc(16_000, 0x20)),
      });
      expect(reply.status).toBe(413);
    });

    it('answers 413 to a gzip bomb whose decompressed size is over the limit', async () => {
      const url = await start({ maxBodyBytes: 100_000 });
      const bomb = gzipSync(Buffer.alloc(50_000_000, 0x20));
      expect(bomb.length).toBeLessThan(100_000);
      const reply = await send(`${url}/v1/batch`, {
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body: bomb,
      });
      expect(reply.status).toBe(413);
      expect(reply.json().message).toMatch(/decompressed/);
      expect(await stored()).toEqual([]);
    });

    it('answers 400 to a body that is not gzip although it says so', async () => {
      const url = await start();
      const reply = await send(`${url}/v1/batch`, {
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body: JSON.stringify(makeBatch()),
      });
      expect(reply.status).toBe(400);
      expect(reply.json().error).toBe('invalid_gzip');
    });

    it('answers 400 to a body that is not JSON', async () => {
      const url = await start();
      const reply = await send(`${url}/v1/batch`, {
        headers: { 'content-type': 'application/json' },
        body: '{"v":1,',
      });
      expect(reply.status).toBe(400);
      expect(reply.json().error).toBe('invalid_json');
    });

    it.each([['application/x-www-form-urlencoded'], ['application/json; charset=latin1'], ['']])(
      'answers 415 to content type "%s"',
      async (type) => {
        const url = await start();
        const headers: Record<string, string> = type ? { 'content-type': type } : {};
        const reply = await send(`${url}/v1/batch`, { headers, body: JSON.stringify(makeBatch()) });
        expect(reply.status).toBe(415);
      },
    );

    it('answers 415 to an unknown content encoding', async () => {
      const url = await start();
      const reply = await postBatch(url, makeBatch(), { 'content-encoding': 'br' });
      expect(reply.status).toBe(415);
    });
  });

  describe('routes', () => {
    it('answers 405 with Allow to a GET on the batch path', async () => {
      const url = await start();
      const reply = await send(`${url}/v1/batch`, { method: 'GET' });
      expect(reply.status).toBe(405);
      expect(reply.headers.allow).toBe('POST, OPTIONS');
    });

    it('answers 404 to an unknown path', async () => {
      const url = await start();
      expect((await send(`${url}/v2/batch`, { body: '{}' })).status).toBe(404);
    });

    it('accepts batches on a custom path only', async () => {
      const url = await start({ path: '/ingest' });
      expect(
        (
          await send(`${url}/ingest?x=1`, {
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(makeBatch()),
          })
        ).status,
      ).toBe(200);
      expect((await postBatch(url, makeBatch())).status).toBe(404);
    });
  });

  describe('CORS', () => {
    const shop = 'https://shop.example';

    it('answers a preflight from an allowed origin with 204 and the allowed request', async () => {
      const url = await start({ cors: [shop] });
      const reply = await send(`${url}/v1/batch`, { method: 'OPTIONS', headers: { origin: shop } });
      expect(reply.status).toBe(204);
      expect(reply.headers).toMatchObject({
        'access-control-allow-origin': shop,
        'access-control-allow-methods': 'POST, OPTIONS',
        'access-control-allow-headers': 'Content-Type, Content-Encoding',
        'access-control-max-age': '600',
        vary: 'Origin',
      });
    });

    it('echoes an allowed origin on the POST answer', async () => {
      const url = await start({ cors: [shop] });
      const reply = await postBatch(url, makeBatch(), { origin: shop });
      expect(reply.status).toBe(200);
      expect(reply.headers['access-control-allow-origin']).toBe(shop);
      // The SDK reads Retry-After cross-origin only when it is exposed.
      expect(reply.headers['access-control-expose-headers']).toBe('Retry-After');
    });

    it('answers * by default', async () => {
      const url = await start();
      const reply = await postBatch(url, makeBatch(), { origin: 'https://any.example' });
      expect(reply.headers['access-control-allow-origin']).toBe('*');
    });

    it('answers 403 to a POST and a preflight from another origin, and writes nothing', async () => {
      const url = await start({ cors: [shop] });
      const origin = 'https://evil.example';
      const post = await postBatch(url, makeBatch(), { origin });
      expect(post.status).toBe(403);
      expect(post.json().error).toBe('forbidden_origin');
      expect(post.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await send(`${url}/v1/batch`, { method: 'OPTIONS', headers: { origin } });
      expect(preflight.status).toBe(403);
      expect(await stored()).toEqual([]);
    });
  });

  describe('sites', () => {
    it('accepts a listed siteId and answers 403 to others and to none', async () => {
      const url = await start({ sites: ['shop-fr'] });
      expect((await postBatch(url, makeBatch())).status).toBe(200);
      const other = await postBatch(url, { ...makeBatch(), siteId: 'shop-de' });
      expect(other.status).toBe(403);
      expect(other.json()).toEqual({
        error: 'unknown_site',
        message: 'siteId "shop-de" is not allowed',
      });
      const anonymous = { ...makeBatch(), siteId: undefined };
      expect((await postBatch(url, anonymous)).status).toBe(403);
      expect(await stored()).toHaveLength(3);
    });
  });
});
