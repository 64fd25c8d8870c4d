// @vitest-environment node
import { get } from 'node:http';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../../../src/node/static-server.js';
import { send, startServer, tempDir } from './helpers.js';

/** GETs `path` exactly as written (a URL string would have its `..` resolved by the client). */
function rawGet(base: string, path: string): Promise<number> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    get({ hostname, port, path }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject);
  });
}

describe('serveStatic', () => {
  let url: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const { dir, remove } = await tempDir();
    const root = join(dir, 'site');
    await mkdir(join(root, 'docs'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<h1>home</h1>');
    await writeFile(join(root, 'docs', 'index.html'), '<h1>docs</h1>');
    await writeFile(join(root, 'shop.js'), 'console.log(1)');
    await writeFile(join(root, 'shop.css'), 'body{}');
    await writeFile(join(root, 'logo.svg'), '<svg/>');
    await writeFile(join(dir, 'secret.txt'), 'secret');
    await writeFile(join(dir, 'bundle.js'), 'bundle()');
    await symlink(join(dir, 'secret.txt'), join(root, 'link.txt'));
    const server = await startServer(
      serveStatic({ root, routes: { '/parcours.iife.js': join(dir, 'bundle.js') } }),
    );
    url = server.url;
    cleanup = async () => {
      await server.close();
      await remove();
    };
  });
  afterAll(() => cleanup());

  it.each([
    ['/', 'text/html; charset=utf-8', '<h1>home</h1>'],
    ['/docs/', 'text/html; charset=utf-8', '<h1>docs</h1>'],
    ['/shop.js?v=1', 'text/javascript; charset=utf-8', 'console.log(1)'],
    ['/shop.css', 'text/css; charset=utf-8', 'body{}'],
    ['/logo.svg', 'image/svg+xml', '<svg/>'],
    ['/parcours.iife.js', 'text/javascript; charset=utf-8', 'bundle()'],
  ])('serves %s with its content type', async (path, type, text) => {
    const reply = await send(`${url}${path}`, { method: 'GET' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe(type);
    expect(reply.text).toBe(text);
  });

  it.each([
    ['/../secret.txt'],
    ['/%2e%2e/secret.txt'],
    ['/docs/..%2f..%2fsecret.txt'],
    ['/link.txt'],
  ])('refuses to leave the root via %s', async (path) => {
    expect(await rawGet(url, path)).toBe(404);
  });

  it('answers 404 to a missing file and 400 to a malformed path', async () => {
    expect((await send(`${url}/nope.html`, { method: 'GET' })).status).toBe(404);
    expect(await rawGet(url, '/%E0%A4%A')).toBe(400);
  });

  it('answers HEAD without a body and 405 to POST', async () => {
    const head = await send(`${url}/shop.js`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe('14');
    expect(head.text).toBe('');
    const post = await send(`${url}/shop.js`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });
});
