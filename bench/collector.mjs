// `npm run bench:collector`: sustained ingestion of the built `parcours collect` process on
// this machine, into NDJSON and into a local ClickHouse (started here as a plain process),
// under a loopback load generator posting realistic gzip batches of 50 events. Prints and
// writes bench/collector-results.md. A script, not a test: nothing here asserts a figure.
//
// Environment: BENCH_SECONDS per sink (10), CONNECTIONS_NDJSON (256), CONNECTIONS_CLICKHOUSE (2000),
// MAX_EVENTS per sink (1 500 000: the run stops early once they are all sent).
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findClickHouse, freePort, startClickHouse } from '../scripts/clickhouse-server.mjs';
import { makeBody, makeTemplate } from './collector-batches.mjs';
import { prepareRequest, runLoad, runOpenLoad } from './collector-load.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const MAX_EVENTS = Number(process.env.MAX_EVENTS ?? 1_500_000);
const EVENTS_PER_BATCH = 50;
const CONNECTIONS = {
  ndjson: Number(process.env.CONNECTIONS_NDJSON ?? 256),
  clickhouse: Number(process.env.CONNECTIONS_CLICKHOUSE ?? 2_000),
};

let clickhouseVersion = '(not installed)';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const mib = (kb) => Math.round(kb / 1024);

/** VmRSS and VmHWM (peak) of `pid`, in kB, from /proc. */
function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return { rss: 0, peak: 0 };
  }
}

/** CPU seconds (user + system) used so far by `pid`. */
function cpuOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

async function startCollector(args) {
  const child = spawn(process.execPath, [join(ROOT, 'bin/parcours.mjs'), 'collect', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  for (let i = 0; !output.includes('listening on'); i++) {
    if (child.exitCode !== null || i > 300) throw new Error(`collector did not start:\n${output}`);
    await sleep(100);
  }
  return {
    child,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

async function countNdjson(dir) {
  let lines = 0;
  for (const name of await readdir(dir)) {
    if (!name.startsWith('events')) continue;
    const text = await readFile(join(dir, name), 'utf8');
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  }
  return lines;
}

/**
 * One configuration: fresh collector process(es) and storage; a closed-loop run for the
 * sustained rate, then an open-loop run at half that rate for the latency at a normal load.
 */
async function benchSink({ sink, collectors = 1 }, requests) {
  const dataDirs = [];
  const clickhouse = sink === 'clickhouse' ? await startClickHouse() : undefined;
  if (clickhouse) clickhouseVersion = (await clickhouse.query('SELECT version()')).trim();
  const procs = [];
  const ports = [];
  for (let i = 0; i < collectors; i++) {
    const port = await freePort();
    const dataDir = await mkdtemp(join(tmpdir(), 'parcours-bench-'));
    const args = ['--port', String(port), '--data', dataDir, '--rate-limit', '0', '--quiet'];
    if (clickhouse) args.push('--clickhouse', clickhouse.url);
    procs.push(await startCollector(args));
    ports.push(port);
    dataDirs.push(dataDir);
  }
  const pids = procs.map((p) => p.child.pid);
  let peakRss = 0;
  let peakClickHouseRss = 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(
      peakRss,
      pids.reduce((sum, pid) => sum + memoryOf(pid).rss, 0),
    );
    if (clickhouse?.pid)
      peakClickHouseRss = Math.max(peakClickHouseRss, memoryOf(clickhouse.pid).rss);
  }, 200);
  const cpuNow = () => pids.reduce((sum, pid) => sum + cpuOf(pid), 0);
  const cpu0 = { collector: cpuNow(), clickhouse: clickhouse ? cpuOf(clickhouse.pid) : 0 };
  const load0 = process.cpuUsage();
  const wall0 = performance.now();
  const connections = CONNECTIONS[sink];
  const saturated = await runLoad({
    ports,
    requests,
    eventsPer: EVENTS_PER_BATCH,
    connections,
    seconds: SECONDS,
  });
  const wall = (performance.now() - wall0) / 1_000;
  const loadCpu = process.cpuUsage(load0);
  const cpu = {
    collector: (cpuNow() - cpu0.collector) / wall,
    clickhouse: clickhouse ? (cpuOf(clickhouse.pid) - cpu0.clickhouse) / wall : 0,
    generator: (loadCpu.user + loadCpu.system) / 1e6 / wall,
  };
  clearInterval(sampler);
  const peakRssMiB = mib(Math.max(peakRss, ...pids.map((pid) => memoryOf(pid).peak)));
  const halfRate = Math.round(saturated.eventsPerSecond / 2 / 1_000) * 1_000;
  const moderate = await runOpenLoad({
    ports,
    requests: requests.slice(saturated.sent),
    eventsPer: EVENTS_PER_BATCH,
    eventsPerSecond: halfRate,
    seconds: Math.min(SECONDS, 6),
  });
  const accepted =
    ((saturated.statuses[200] ?? 0) + (moderate.statuses[200] ?? 0)) * EVENTS_PER_BATCH;
  let stored = 0;
  if (clickhouse) stored = Number(await clickhouse.query('SELECT count() FROM parcours.events'));
  else for (const dir of dataDirs) stored += await countNdjson(dir);
  for (const proc of procs) await proc.stop();
  await clickhouse?.stop();
  for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
  return {
    name: `${sink}${collectors > 1 ? ` × ${collectors} collectors` : ''}`,
    connections,
    saturated,
    moderate: { ...moderate, eventsPerSecond: halfRate },
    accepted,
    stored,
    peakRssMiB,
    clickhouseRssMiB: clickhouse ? mib(peakClickHouseRss) : undefined,
    cpu,
  };
}

if (!findClickHouse()) console.warn('no ClickHouse server binary: the ClickHouse run is skipped');
const templates = Array.from({ length: 12 }, () => makeTemplate(EVENTS_PER_BATCH));
const count = Math.ceil(MAX_EVENTS / EVENTS_PER_BATCH);
const generated = performance.now();
const bodies = Array.from({ length: count }, (_, i) => makeBody(templates[i % templates.length]));
const avg = (key) =>
  Math.round(bodies.reduce((s, b) => s + (key === 'gzip' ? b.body.length : b.rawBytes), 0) / count);
console.log(
  `prepared ${count} batches of ${EVENTS_PER_BATCH} events (${avg('raw')} B JSON, ${avg('gzip')} B gzip)` +
    ` in ${Math.round(performance.now() - generated)} ms`,
);

const requests = bodies.map((b) => prepareRequest('/v1/batch', b.body));
const configurations = [
  { sink: 'ndjson' },
  { sink: 'clickhouse' },
  { sink: 'clickhouse', collectors: 2 },
];
const results = [];
for (const configuration of configurations) {
  if (configuration.sink === 'clickhouse' && !findClickHouse()) continue;
  const r = await benchSink(configuration, requests);
  results.push(r);
  const s = r.saturated;
  const m = r.moderate;
  console.log(
    `\n${r.name}: ${r.connections} connections, ${SECONDS} s\n` +
      `  sustained ${Math.round(s.eventsPerSecond).toLocaleString('en')} events/s · p50 ${s.p50.toFixed(1)} ms · p99 ${s.p99.toFixed(1)} ms` +
      ` · collector peak RSS ${r.peakRssMiB} MiB${r.clickhouseRssMiB ? ` · ClickHouse RSS ${r.clickhouseRssMiB} MiB` : ''}\n` +
      `  at ${m.eventsPerSecond.toLocaleString('en')} events/s offered (open loop): p50 ${m.p50.toFixed(1)} ms · p99 ${m.p99.toFixed(1)} ms\n` +
      `  statuses ${JSON.stringify(s.statuses)} then ${JSON.stringify(m.statuses)} · ${r.accepted} events acknowledged, ${r.stored} stored` +
      ` · CPU cores: collector ${r.cpu.collector.toFixed(2)}, ClickHouse ${r.cpu.clickhouse.toFixed(2)}, generator ${r.cpu.generator.toFixed(2)}` +
      (s.ranOut ? ' · (ran out of prepared batches)' : ''),
  );
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;

const row = (r) => {
  const s = r.saturated;
  const m = r.moderate;
  const rss = r.clickhouseRssMiB ? `${r.clickhouseRssMiB} MiB` : '–';
  const ok = r.accepted === r.stored ? '✓' : '✗';
  return (
    `| ${r.name} | ${Math.round(s.eventsPerSecond).toLocaleString('en')} | ${s.p50.toFixed(0)} / ${s.p99.toFixed(0)} |` +
    ` ${m.eventsPerSecond.toLocaleString('en')}: ${m.p50.toFixed(0)} / ${m.p99.toFixed(0)} | ${r.peakRssMiB} MiB | ${rss} |` +
    ` ${r.cpu.collector.toFixed(2)} / ${r.cpu.clickhouse.toFixed(2)} / ${r.cpu.generator.toFixed(2)} | ${r.accepted} = ${r.stored} ${ok} |`
  );
};
const md = [
  '# Collector benchmark',
  '',
  `Written by \`npm run bench:collector\` on ${new Date().toISOString().slice(0, 10)} (${machine}).`,
  '',
  `The built \`parcours collect\` process with its default flush settings (NDJSON: write as soon as`,
  `the previous write is done, fdatasync each; ClickHouse: up to 20 000 rows or 1 s, two inserts`,
  `in flight), rate limit off; ClickHouse ${clickhouseVersion} as a local plain process. A load generator on the same machine`,
  `(127.0.0.1) posts gzip batches of ${EVENTS_PER_BATCH} realistic events (page view, timing, vitals, clicks,`,
  `cart, funnel step; ${avg('raw')} B JSON, ${avg('gzip')} B gzip). Collector, ClickHouse and generator share`,
  `the same cores.`,
  '',
  `- **Sustained**: closed loop (${CONNECTIONS.ndjson} connections for NDJSON, ${CONNECTIONS.clickhouse} for ClickHouse, each`,
  `  posting again as soon as answered) for ${SECONDS} s; events answered 200 per second after 1 s`,
  `  of warm-up. Latency there includes queueing behind the whole backlog.`,
  '- **At half that rate**: open loop, batches leave at a fixed rate as browsers send them;',
  '  latency from sent to 200, which includes the wait for the group write (fsync, or the',
  '  acknowledged insert).',
  '',
  '| configuration | sustained events/s | p50 / p99 ms | at half rate (events/s): p50 / p99 ms | collector peak RSS | ClickHouse RSS | CPU cores (collector / ClickHouse / generator) | acknowledged = stored |',
  '|---|---|---|---|---|---|---|---|',
  ...results.map(row),
  '',
];
// Formatted like the rest of the repository, so `prettier --check .` passes with it present.
const prettier = await import('prettier');
const out = join(ROOT, 'bench/collector-results.md');
const options = { ...(await prettier.resolveConfig(out)), filepath: out };
writeFileSync(out, await prettier.format(md.join('\n'), options));
console.log('\nwrote bench/collector-results.md');
