// The demo's servers in one process: a collector writing NDJSON, the script-tag shop (with its
// slow payment page) and, when built, the SPA shop. Used by `npm start`, `npm run demo:shopper`
// and the demo e2e test, so all three run the same shop.
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const HOST = '127.0.0.1';
export const SHOP_DIR = join(ROOT, 'examples', 'script-tag-shop');
export const SPA_DIST = join(ROOT, 'examples', 'spa-shop', 'dist');
/** The payment page answers this late, so its TTFB and LCP are poor in the report. */
export const PAYMENT_DELAY_MS = 1_500;
const SLOW_PATHS = new Set(['/checkout/payment.html']);

function listen(server, port, hint) {
  return new Promise((resolve, reject) => {
    server.once('error', (error) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`port ${port} on ${HOST} is already in use. ${hint}`)
          : error,
      ),
    );
    server.listen(port, HOST, () => resolve(`http://${HOST}:${server.address().port}`));
  });
}

function close(server) {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** The shop's request handler: the static files, the built tracker, and the slow page. */
function shopHandler(serveStatic, root, dist) {
  const serve = serveStatic({
    root,
    routes: {
      '/parcours.iife.js': join(dist, 'parcours.iife.js'),
      '/parcours.iife.js.map': join(dist, 'parcours.iife.js.map'),
      ...Object.fromEntries(
        ['device', 'reassurance', 'landing'].map((n) => [
          `/plugins/${n}.iife.js`,
          join(dist, 'plugins', `${n}.iife.js`),
        ]),
      ),
    },
  });
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (SLOW_PATHS.has(path)) setTimeout(() => serve(req, res), PAYMENT_DELAY_MS);
    else serve(req, res);
  };
}

/**
 * Starts the demo stack. Ports 0 pick free ones. Returns the URLs and `close()`.
 * The pages post to :8787; on another collector port the caller points them elsewhere.
 */
export async function startDemo({
  dataDir,
  collectorPort = 8787,
  shopPort = 8080,
  spaPort = 8081,
  spaDist = SPA_DIST,
  log = () => {},
}) {
  const dist = join(ROOT, 'dist');
  const { createCollector, serveStatic } = await import(join(dist, 'node.mjs'));
  const origins = (port) => [`http://${HOST}:${port}`, `http://localhost:${port}`];
  // Port 0 origins are only known after listening: the collector reads this list per request.
  const cors = [...origins(shopPort), ...origins(spaPort)];
  const collector = createCollector({ dataDir, cors, rateLimit: false, log });
  await collector.ready;
  const servers = [];
  const up = async (handler, port, hint) => {
    const server = createServer({ requestTimeout: 30_000 }, handler);
    servers.push(server);
    return listen(server, port, hint);
  };
  try {
    const endpoint = `${await up(collector.handler, collectorPort, 'Is another `npm start` or `parcours collect` running? Stop it and try again.')}/v1/batch`;
    const shop = await up(
      shopHandler(serveStatic, SHOP_DIR, dist),
      shopPort,
      'Stop what runs there, or pick another: PORT=8090 npm start',
    );
    let spa;
    if (existsSync(join(spaDist, 'index.html'))) {
      const serveSpa = serveStatic({ root: spaDist });
      // History API routes are served the app's index.html, as any SPA host does.
      const spaHandler = (req, res) => {
        const path = (req.url ?? '/').split('?')[0];
        if (!/\.[a-z0-9]+$/i.test(path)) req.url = '/';
        serveSpa(req, res);
      };
      spa = await up(spaHandler, spaPort, 'Stop what runs there, or pick another: SPA_PORT=8091');
    }
    cors.push(shop, spa ?? shop);
    return {
      endpoint,
      shop,
      spa,
      dataDir,
      async close() {
        await Promise.all(servers.map(close));
        await collector.close();
      },
    };
  } catch (error) {
    await Promise.all(servers.filter((s) => s.listening).map(close));
    await collector.close();
    throw error;
  }
}
