// `npm start [-- --shoppers [N]]`: builds the SDK and the SPA example, then runs the demo in one
// process: a collector on 127.0.0.1:8787 writing ./data/events.ndjson, the script-tag shop on
// :8080 (PORT overrides) and the SPA shop on :8081 (SPA_PORT). With --shoppers, seeded shoppers
// then visit the shop and ./data/report.html is written; the servers stay up.
import { spawn } from 'node:child_process';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, startDemo } from './demo-stack.mjs';

function fail(message) {
  console.error(`start: ${message}`);
  process.exit(1);
}

function npm(args) {
  return new Promise((resolve) => {
    const child = spawn('npm', args, {
      cwd: ROOT,
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
    child.on('error', (error) => fail(`cannot run npm: ${error.message}`));
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const port = (name, fallback) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > 65_535) {
    fail(`${name} must be a port number, got "${process.env[name]}"`);
  }
  return value;
};
const SHOP_PORT = port('PORT', 8080);
const SPA_PORT = port('SPA_PORT', 8081);
const { values } = parseArgs({
  options: { shoppers: { type: 'string' }, seed: { type: 'string', default: '42' } },
  strict: false,
});
// `--shoppers` alone runs 30; npm passes a bare flag as `true`.
const shoppers =
  values.shoppers === undefined
    ? 0
    : values.shoppers === true || values.shoppers === ''
      ? 30
      : Number(values.shoppers);
if (!Number.isInteger(shoppers) || shoppers < 0) fail('--shoppers must be a whole number');

let code = await npm(['run', 'build']);
if (code !== 0) fail(`the build failed (exit code ${code}); fix it and run npm start again.`);
code = await npm(['run', 'build', '--workspace', 'examples/spa-shop']);
if (code !== 0) fail(`the SPA example's build failed (exit code ${code}).`);

const dataDir = join(ROOT, 'data');
let demo;
try {
  demo = await startDemo({
    dataDir,
    shopPort: SHOP_PORT,
    spaPort: SPA_PORT,
    log: (line) => console.log(`collector  ${line}`),
  });
} catch (error) {
  fail(error.message);
}

const shown = (file) => {
  const path = relative(process.cwd(), file);
  return path.startsWith('..') ? file : `./${path}`;
};
const eventsFile = shown(join(dataDir, 'events.ndjson'));
const reportFile = shown(join(dataDir, 'report.html'));
console.log(`
parcours demo
  script-tag shop   ${demo.shop}/
  campaign landing  ${demo.shop}/landing/winter-sale.html?utm_source=newsletter&utm_medium=email&utm_campaign=winter-sale
  SPA shop          ${demo.spa ? `${demo.spa}/` : '(not built)'}
  collector         ${demo.endpoint}
  events            ${eventsFile}
  report            ${reportFile}  (npm run demo:shopper, or npx parcours report ./data --out ${reportFile})

Follow the events as they arrive: tail -f ${eventsFile.replace(/^\.\//, '')}
Ctrl-C stops the servers.
`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await demo.close();
  console.log('\nstopped.');
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

if (shoppers > 0) {
  const { demoShoppers } = await import('./shopper.mjs');
  await demoShoppers({ count: shoppers, seed: Number(values.seed), stack: demo });
  console.log(`\nThe servers are still up (${demo.shop}/); Ctrl-C stops them.`);
}
