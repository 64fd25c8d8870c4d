// `npm run demo:shopper [-- --shoppers 30 --seed 42]`: drives seeded shoppers through the
// script-tag shop in headless Chromium, then writes ./data/report.html with `parcours report`.
// Uses the running `npm start` (shop :8080, collector :8787) when it answers, else starts the
// same servers in this process on free ports, writing to ./data as well.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, startDemo } from './demo-stack.mjs';
import { expectedFigures } from './shopper/plan.mjs';
import { launchChromium, runShoppers } from './shopper/run.mjs';

function run(command, args, stdio = 'inherit') {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio });
    child.on('error', () => resolve(1));
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

async function answers(url) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    await res.body?.cancel();
    return true;
  } catch {
    return false;
  }
}

/** Runs the shoppers and the report; used by this script and by `npm start -- --shoppers`. */
export async function demoShoppers({ count = 30, seed = 42, stack } = {}) {
  const dataDir = join(ROOT, 'data');
  const shown = (p) => `./${relative(process.cwd(), p) || '.'}`;
  let own;
  let shop = stack?.shop;
  let endpoint;
  if (
    !shop &&
    (await answers('http://127.0.0.1:8080/')) &&
    (await answers('http://127.0.0.1:8787/'))
  ) {
    shop = 'http://127.0.0.1:8080';
    console.log('shopper: using the running `npm start` (shop :8080, collector :8787)');
  }
  if (!shop) {
    own = await startDemo({ dataDir, collectorPort: 0, shopPort: 0, spaPort: 0 });
    ({ shop, endpoint } = own);
  }
  console.log(`shopper: ${count} shoppers (seed ${seed}) through ${shop}/ in headless Chromium`);
  const browser = await launchChromium();
  let plans;
  try {
    plans = await runShoppers({
      browser,
      shop,
      endpoint,
      count,
      seed,
      concurrency: 3,
      log: (l) => console.log(`  ${l}`),
    });
  } finally {
    await browser.close();
    await own?.close();
  }
  const want = expectedFigures(plans);
  console.log(
    `shopper: done. They made ${want.nearMisses} near-miss taps, ${want.wrongButtons} wrong-button presses, ` +
      `${want.deadApply} presses on the dead Apply button; ${want.steps.purchase} of ${want.sessions} bought.\n`,
  );
  await new Promise((resolve) => setTimeout(resolve, own ? 0 : 1_500)); // the running collector's last write
  const out = join(dataDir, 'report.html');
  const code = await run(process.execPath, [
    join(ROOT, 'bin/parcours.mjs'),
    'report',
    dataDir,
    '--out',
    out,
  ]);
  if (code === 0) console.log(`\nOpen the report: ${shown(out)}  (file://${out})`);
  return code;
}

const invoked = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (invoked) {
  const { values } = parseArgs({
    options: {
      shoppers: { type: 'string', default: '30' },
      seed: { type: 'string', default: '42' },
    },
  });
  const count = Number(values.shoppers);
  const seed = Number(values.seed);
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(seed)) {
    console.error('shopper: --shoppers must be a whole number ≥ 1, --seed a whole number');
    process.exit(2);
  }
  if (!existsSync(join(ROOT, 'dist/node.mjs')) && (await run('npm', ['run', 'build'])) !== 0) {
    process.exit(1);
  }
  process.exit(await demoShoppers({ count, seed }));
}
