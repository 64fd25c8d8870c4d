// The Bench Shop server: static files of bench/shop, the built SDK at /parcours.iife.js,
// generated product images at /img/p<n>-<k>.svg, the shop API at /api/* (answers after
// `?delay=<ms>` with `?status=<code>`) and a sink for the SDK's batches at /collect (204).
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SHOP = join(ROOT, 'bench/shop');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

const COLOURS = ['#c9d6e8', '#e8c9c9', '#cfe8c9', '#e8e2c9', '#dcc9e8', '#c9e8e4'];

function productSvg(n, k) {
  const bg = COLOURS[(n + k) % COLOURS.length];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="180" viewBox="0 0 240 180"><rect width="240" height="180" fill="${bg}"/><path d="M40 120 q40 -50 90 -20 l60 10 q10 20 -10 25 h-140z" fill="#333" opacity="${0.5 + k * 0.1}"/><text x="12" y="24" font-size="14" font-family="sans-serif">Runner ${n}</text></svg>`;
}

/** Starts the server on 127.0.0.1 (random port); resolves to `{ origin, close }`. */
export async function startShop() {
  const iife = await readFile(join(ROOT, 'dist/parcours.iife.js'));
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const p = url.pathname;
    const send = (status, type, body) => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      res.end(body);
    };
    if (p === '/collect') {
      req.resume();
      req.on('end', () => {
        res.writeHead(204);
        res.end();
      });
      return;
    }
    if (p.startsWith('/api/')) {
      req.resume();
      const delay = Math.min(Number(url.searchParams.get('delay')) || 0, 60_000);
      const status = Number(url.searchParams.get('status')) || 200;
      setTimeout(
        () => send(status, 'application/json', JSON.stringify({ ok: status < 400 })),
        delay,
      );
      return;
    }
    if (p === '/parcours.iife.js') return send(200, TYPES['.js'], iife);
    const m = /^\/img\/p(\d+)-(\d+)\.svg$/.exec(p);
    if (m) return send(200, TYPES['.svg'], productSvg(Number(m[1]), Number(m[2])));
    if (p === '/img/invoice.svg') return send(200, TYPES['.svg'], productSvg(0, 0));
    const file = normalize(join(SHOP, p === '/' ? 'index.html' : p));
    if (!file.startsWith(SHOP)) return send(403, 'text/plain', 'forbidden');
    try {
      send(200, TYPES[extname(file)] ?? 'application/octet-stream', await readFile(file));
    } catch {
      send(404, 'text/plain', 'not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}
