// `node scripts/screenshots.mjs` (after `npm run build`): the README's pictures of the demo,
// taken in headless Chromium. Runs a few seeded shoppers into a temporary data folder, reports
// them, and writes docs/demo-shop.png, docs/demo-checkout-mobile.png and docs/demo-report.png.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, startDemo } from './demo-stack.mjs';
import { launchChromium, runShoppers } from './shopper/run.mjs';

const dir = await mkdtemp(join(tmpdir(), 'parcours-shots-'));
const dataDir = join(dir, 'data');
const demo = await startDemo({ dataDir, collectorPort: 0, shopPort: 0, spaPort: 0 });
const browser = await launchChromium();
const shots = [];
const shoot = async (page, name, options = {}) => {
  const file = join(ROOT, 'docs', name);
  await page.screenshot({ path: file, ...options });
  shots.push(file);
};
try {
  await runShoppers({ browser, shop: demo.shop, endpoint: demo.endpoint, count: 10, seed: 42 });

  const desk = await browser.newPage({ viewport: { width: 1100, height: 640 } });
  await desk.goto(`${demo.shop}/`);
  await desk.waitForTimeout(500);
  await shoot(desk, 'demo-shop.png');
  await desk.close();

  const phone = await browser.newContext({
    viewport: { width: 390, height: 700 },
    isMobile: true,
    hasTouch: true,
  });
  const mobile = await phone.newPage();
  await mobile.goto(`${demo.shop}/product.html?sku=C3`);
  await mobile.locator('[data-add-to-cart]').tap();
  await mobile.goto(`${demo.shop}/checkout/`);
  await mobile.waitForTimeout(500);
  await shoot(mobile, 'demo-checkout-mobile.png');
  await phone.close();
} finally {
  await demo.close();
}
const html = join(dir, 'report.html');
const code = await new Promise((resolve) =>
  spawn(process.execPath, [join(ROOT, 'bin/parcours.mjs'), 'report', dataDir, '--out', html], {
    stdio: 'ignore',
  }).on('exit', resolve),
);
if (code !== 0) throw new Error(`parcours report exited with ${code}`);
const page = await browser.newPage({ viewport: { width: 1100, height: 1300 } });
await page.goto(pathToFileURL(html).href);
const nav = page.locator('#navigation');
if (await nav.count()) await nav.scrollIntoViewIfNeeded();
await shoot(page, 'demo-report.png');
await browser.close();
await rm(dir, { recursive: true, force: true });
for (const file of shots) console.log(`${file}  ${Math.round((await stat(file)).size / 1024)} kB`);
