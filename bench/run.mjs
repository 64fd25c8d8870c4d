// `npm run bench`: builds, installs the peers (bench/ only), then prints and writes
// bench/results.md and bench/results.json. A script, not a test: nothing here asserts a time.
import { execSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const sh = (cmd, cwd = root) => execSync(cmd, { cwd, stdio: 'inherit' });
if (!process.argv.includes('--no-build')) sh('npm run build');
if (!existsSync(`${root}bench/node_modules/posthog-js`))
  sh('npm ci --no-audit --no-fund', `${root}bench`);

const { measureSizes } = await import('./sizes.mjs');
const { measureCost } = await import('./cost.mjs');
const { measureDelivery } = await import('./delivery.mjs');
const reps = Number(process.env.REPS ?? 5);
const clicks = Number(process.env.CLICKS ?? 300);
const paced = Number(process.env.PACED ?? 100);
const moves = Number(process.env.MOVES ?? 200);
const wheels = Number(process.env.WHEELS ?? 60);

const loadBefore = loadavg()[0];
const sizes = await measureSizes();
console.log('\nSize (bytes)');
for (const r of sizes)
  console.log(
    `  ${`${r.name} ${r.what}`.padEnd(110)} raw ${r.raw}  gzip ${r.gzip}  brotli ${r.brotli}`,
  );
console.log(
  `\nMain-thread cost: ${reps} interleaved repetitions, ${clicks} clicks each then ${paced} paced, ${moves} cursor moves and ${wheels} wheel notches, minus a no-SDK page`,
);
const cost = await measureCost({ reps, clicks, paced, moves, wheels });
const f = (x, d = 1) =>
  x ? `${x.median.toFixed(d)} (${x.min.toFixed(d)}–${x.max.toFixed(d)})` : '—';
for (const r of cost.rows) {
  console.log(
    `  ${r.variant.padEnd(12)} init script ${f(r.initScriptMs)} ms · per click script ${f(r.clickScriptUs, 0)} µs, task ${f(r.clickTaskUs, 0)} µs · paced ${f(r.pacedScriptUs, 0)} µs, task ${f(r.pacedTaskUs, 0)} µs · per move ${f(r.moveScriptUs, 0)} µs · per wheel notch ${f(r.wheelScriptUs, 0)} µs · long tasks ${r.longTasks}`,
  );
}

console.log(
  '\nDelivery (parcours script tag, defaults; 20 events per tab, then the page closed abruptly)',
);
const delivery = await measureDelivery();
for (const r of delivery)
  console.log(
    `  ${r.name.padEnd(48)} at once ${r.atOnce}/${r.fired} · after the next load ${r.afterNextLoad}/${r.fired} (all by ${r.allArrivedMsAfterNextLoad ?? '—'} ms) · lost ${r.lost} · duplicates ${r.duplicates}`,
  );

// Time figures are only as steady as the machine: its load (1-min average) is written with them.
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, Chromium (Debian, headless), load average ${loadBefore.toFixed(1)} before and ${loadavg()[0].toFixed(1)} after`;
const baselineLongTasks = Math.max(...cost.baseline.map((x) => x.longTasks));
const md = [
  '# parcours benchmarks',
  '',
  `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)} (${machine}).`,
  '',
  '## Size (bytes; gzip -9, brotli -q 11)',
  '',
  '| package | what | raw | gzip | brotli |',
  '|---|---|---:|---:|---:|',
  ...sizes.map((r) => `| ${r.name} | ${r.what} | ${r.raw} | ${r.gzip} | ${r.brotli} |`),
  '',
  `## Main-thread cost (${reps} interleaved repetitions, ${clicks} real clicks each as fast as they come, then ${paced} paced, one every ${cost.paceMs} ms, then ${moves} cursor moves one a frame and ${wheels} wheel notches one every 50 ms; median (min–max) minus a no-SDK page in the same run)`,
  '',
  '| SDK (autocapture on) | init script ms (to load + 2 s) | script µs per click | task µs per click | paced: script µs per click | paced: task µs per click | script µs per cursor move | script µs per wheel notch | long tasks |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...cost.rows.map(
    (r) =>
      `| ${r.variant} | ${f(r.initScriptMs)} | ${f(r.clickScriptUs, 0)} | ${f(r.clickTaskUs, 0)} | ${f(r.pacedScriptUs, 0)} | ${f(r.pacedTaskUs, 0)} | ${f(r.moveScriptUs, 0)} | ${f(r.wheelScriptUs, 0)} | ${r.longTasks} |`,
  ),
  '',
  `Per-click time includes what each SDK defers (idle writes, batch sends) during the clicks and 1.5 s after. Fast clicks (about 4 ms apart) share writes, timers and sends; paced ones have them nearly to themselves, closer to a visitor's clicks. Moves and wheel notches come with no click: what a page pays between clicks, where a visitor makes dozens of moves per click. The page: ${cost.nodes} elements, a grid of 48 product cards. Long tasks: the most seen in one repetition (the no-SDK page: ${baselineLongTasks}).`,
  '',
  '## Delivery under exit (parcours script tag with its defaults, loopback collector on another origin)',
  '',
  '| scenario | fired | arrived at once | arrived after the next page load | all arrived, ms after the next load | lost | duplicate ids | via beacon / fetch | 503 answers |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...delivery.map(
    (r) =>
      `| ${r.name} | ${r.fired} | ${r.atOnce} | ${r.afterNextLoad} | ${r.allArrivedMsAfterNextLoad ?? '—'} | ${r.lost} | ${r.duplicates} | ${r.beacon} / ${r.fetch} | ${r.answered503} |`,
  ),
  '',
].join('\n');
writeFileSync(`${root}bench/results.md`, md);
writeFileSync(
  `${root}bench/results.json`,
  JSON.stringify({ machine, sizes, cost, delivery }, null, 2),
);
console.log('\nwrote bench/results.md and bench/results.json');
