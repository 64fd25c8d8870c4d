import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

/** Options of {@link serveStatic}. */
export interface StaticOptions {
  /** Directory whose files are served; nothing outside it is reachable. */
  root: string;
  /**
   * Extra files outside `root`, by URL path: `{ '/parcours.iife.js': 'dist/parcours.iife.js' }`.
   * @defaultValue `{}`
   */
  routes?: Readonly<Record<string, string>>;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

function answer(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

async function isInside(file: string, root: string): Promise<boolean> {
  try {
    // realpath too, so a symlink inside the root cannot lead out of it.
    const real = await realpath(file);
    return real === root || real.startsWith(root + sep);
  } catch {
    return false;
  }
}

/**
 * Creates a request handler that serves the files under `root` (GET and HEAD), with
 * `index.html` for directories, and a 404 for anything else. Paths that climb out of the
 * root (`..`, encoded or not, or symlinks) are refused.
 *
 * @example
 * ```ts
 * createServer(serveStatic({ root: 'examples/script-tag-shop' })).listen(8080, '127.0.0.1');
 * ```
 */
export function serveStatic(
  options: StaticOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  const root = resolve(options.root);
  const realRoot = realpath(root).catch(() => root);
  const routes = new Map(
    Object.entries(options.routes ?? {}).map(([url, file]) => [url, resolve(file)]),
  );

  async function locate(urlPath: string): Promise<string | undefined> {
    const routed = routes.get(urlPath);
    if (routed) return routed;
    const file = join(root, urlPath);
    if (file !== root && !file.startsWith(root + sep)) return undefined;
    const info = await stat(file).catch(() => undefined);
    const target = info?.isDirectory() ? join(file, 'index.html') : file;
    return (await isInside(target, await realRoot)) ? target : undefined;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return answer(res, 405, 'Method Not Allowed');
    }
    let urlPath: string;
    try {
      urlPath = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    } catch {
      return answer(res, 400, 'Bad Request');
    }
    if (urlPath.includes('\0') || !urlPath.startsWith('/')) return answer(res, 400, 'Bad Request');
    const file = await locate(urlPath);
    const info = file ? await stat(file).catch(() => undefined) : undefined;
    if (!file || !info?.isFile()) return answer(res, 404, 'Not Found');
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': String(info.size),
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  }

  return (req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) answer(res, 500, 'Internal Server Error');
      else res.destroy();
    });
  };
}
