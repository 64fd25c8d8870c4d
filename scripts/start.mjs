// `npm start`: builds, then runs the demo in one process: the script-tag shop on
// 127.0.0.1:8080 (PORT overrides) and a collector on 127.0.0.1:8787 writing ./data.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const HOST = '127.0.0.1';
// Fixed: the shop pages post to data-endpoint="http://127.0.0.1:8787/v1/batch".
const COLLECTOR_PORT = 8787;
const SHOP_PORT = Number(process.env.PORT ?? 8080);

function fail(message) {
  console.error(`start: ${message}`);
  process.exit(1);
}

function build() {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', 'build'], {
      cwd: ROOT,
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
    child.on('error', (error) => fail(`cannot run npm: ${error.message}`));
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function listen(server, port, hint) {
  return new Promise((resolve, reject) => {
    server.once('error', (error) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`port ${port} on ${HOST} is already in use. ${hint}`)
          : error,
      ),
    );
    server.listen(port, HOST, resolve);
  });
}

if (!Number.isInteger(SHOP_PORT) || SHOP_PORT < 1 || SHOP_PORT > 65_535) {
  fail(`PORT must be a port number, got "${process.env.PORT}"`);
}

const code = await build();
if (code !== 0) {
  console.error(`start: the build failed (exit code ${code}); fix it and run npm start again.`);
  process.exit(code);
}

const { createCollector, serveStatic } = await import('../dist/node.mjs');
const dataDir = join(ROOT, 'data');
const shopOrigins = [`http://${HOST}:${SHOP_PORT}`, `http://localhost:${SHOP_PORT}`];
const collector = createCollector({
  dataDir,
  cors: shopOrigins,
  log: (line) => console.log(`collector  ${line}`),
});
await collector.ready.catch((error) => fail(`cannot use ${dataDir}: ${error.message}`));

const dist = join(ROOT, 'dist');
const shop = serveStatic({
  root: join(ROOT, 'examples', 'script-tag-shop'),
  routes: {
    '/parcours.iife.js': join(dist, 'parcours.iife.js'),
    '/parcours.iife.js.map': join(dist, 'parcours.iife.js.map'),
  },
});

// requestTimeout answers 408 to a body that trickles in.
const collectorServer = createServer({ requestTimeout: 30_000 }, collector.handler);
const shopServer = createServer(shop);
try {
  await listen(
    collectorServer,
    COLLECTOR_PORT,
    'Is another `npm start` or `parcours collect` running? Stop it and try again.',
  );
  await listen(shopServer, SHOP_PORT, `Stop what runs there, or pick another: PORT=8081 npm start`);
} catch (error) {
  collectorServer.close();
  await collector.close();
  fail(error.message);
}

const eventsPath = relative(process.cwd(), join(dataDir, 'events.ndjson'));
const eventsFile = eventsPath.startsWith('..') ? join(dataDir, 'events.ndjson') : `./${eventsPath}`;
console.log(`
parcours demo
  shop        http://${HOST}:${SHOP_PORT}/
  collector   http://${HOST}:${COLLECTOR_PORT}/v1/batch
  events      ${eventsFile}

Follow the events as they arrive: tail -f ${eventsFile.replace(/^\.\//, '')}
Ctrl-C stops both servers.
`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  for (const server of [shopServer, collectorServer]) {
    server.close();
    server.closeAllConnections();
  }
  await collector.close();
  console.log('\nstopped.');
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
