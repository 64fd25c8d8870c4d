// Bytes of each parcours entry and of the peers' script-tag bundles as served (raw, gzip -9,
// brotli -q 11). Entries imported by name are bundled with esbuild (minified, browser), as a
// shop's bundler would; files served as they are are read as they are.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const peer = (p) => `${root}bench/node_modules/${p}`;

function measure(buf) {
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}
async function bundleImport(names, from) {
  const out = await build({
    stdin: { contents: `export { ${names} } from '${from}';`, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  return Buffer.from(out.outputFiles[0].contents);
}
const files = (...paths) => Buffer.concat(paths.map((p) => readFileSync(p)));

/** @returns {Promise<Array<{ name: string, what: string, raw: number, gzip: number, brotli: number }>>} */
export async function measureSizes() {
  const rows = [];
  const add = (name, what, buf) => rows.push({ name, what, ...measure(buf) });
  add(
    'parcours',
    '`import { createTracker }` (core, no capture)',
    await bundleImport('createTracker', './dist/index.mjs'),
  );
  add(
    'parcours',
    '`import { init }` (default capture)',
    await bundleImport('init', './dist/index.mjs'),
  );
  add('parcours', 'script tag `parcours.iife.js`', readFileSync(`${root}dist/parcours.iife.js`));
  if (existsSync(`${root}dist/plugins`)) {
    for (const f of readdirSync(`${root}dist/plugins`).filter((f) => f.endsWith('.iife.js'))) {
      add('parcours', `plugin script tag \`${f}\``, readFileSync(`${root}dist/plugins/${f}`));
    }
  }
  if (!existsSync(peer('posthog-js'))) return rows; // peers not installed
  add(
    'posthog-js',
    'script tag `array.js` (autocapture included)',
    readFileSync(peer('posthog-js/dist/array.js')),
  );
  add(
    'posthog-js',
    '`array.js` + lazily loaded `dead-clicks-autocapture.js` + `exception-autocapture.js`',
    files(
      peer('posthog-js/dist/array.js'),
      peer('posthog-js/dist/dead-clicks-autocapture.js'),
      peer('posthog-js/dist/exception-autocapture.js'),
    ),
  );
  add(
    '@amplitude/analytics-browser',
    'script tag `amplitude-min.js`',
    readFileSync(peer('@amplitude/analytics-browser/lib/scripts/amplitude-min.js')),
  );
  const seg = peer('@segment/analytics-next/dist/umd');
  const segChunks = readdirSync(seg).filter((f) =>
    /^(index|auto-track\.bundle|ajs-destination\.bundle|\d+\.bundle)\S*\.js$/.test(f),
  );
  add(
    '@segment/analytics-next',
    `standalone \`index.js\` + lazily loaded ${segChunks.length - 1} chunks`,
    files(...segChunks.map((f) => `${seg}/${f}`)),
  );
  add(
    '@snowplow/browser-tracker',
    '`index.umd.min.js`',
    readFileSync(peer('@snowplow/browser-tracker/dist/index.umd.min.js')),
  );
  add(
    '@snowplow/browser-tracker',
    '`index.umd.min.js` + link and button click tracking plugins (as in the cost bench)',
    files(
      peer('@snowplow/browser-tracker/dist/index.umd.min.js'),
      peer('@snowplow/browser-plugin-link-click-tracking/dist/index.umd.min.js'),
      peer('@snowplow/browser-plugin-button-click-tracking/dist/index.umd.min.js'),
    ),
  );
  add(
    '@plausible-analytics/tracker',
    '`plausible.js`',
    readFileSync(peer('@plausible-analytics/tracker/plausible.js')),
  );
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await measureSizes())
    console.log(`${r.name.padEnd(30)} ${r.what.padEnd(80)} ${r.raw} ${r.gzip} ${r.brotli}`);
}
