// `npm run bench:report`: generates 1 000 000 events (EVENTS overrides) into a temporary data
// directory (a rotated file and events.ndjson), runs the built `parcours report` on it in a
// child process, and prints the wall time, the peak RSS of that process and the events/s.
// With a ClickHouse server on the machine (Debian's clickhouse-server), the same events are
// also inserted into a throwaway ClickHouse and reported with --clickhouse (CLICKHOUSE=0 skips).
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findClickHouse, startClickHouse } from '../scripts/clickhouse-server.mjs';
import { writeDataDir } from './report-events.mjs';

const ROOT = new URL('..', import.meta.url);
const COUNT = Number(process.env.EVENTS ?? 1_000_000);

/** Runs the built CLI with `args` and resolves with its exit code, output, time and peak RSS. */
function runReport(args) {
  const cli = pathToFileURL(join(ROOT.pathname, 'dist/cli.mjs')).href;
  const code = `process.argv = [process.argv[0], 'parcours', ...${JSON.stringify(args)}];
process.on('exit', () => process.stderr.write('\\nMAXRSS_KB ' + process.resourceUsage().maxRSS + '\\n'));
await import(${JSON.stringify(cli)});`;
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (exit) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const rssMb = Number(/MAXRSS_KB (\d+)/.exec(err)?.[1] ?? 0) / 1024;
      resolve({ exit, out, err: err.replace(/\nMAXRSS_KB \d+\n/, ''), seconds, rssMb });
    });
  });
}

function print(label, r, events) {
  if (r.exit !== 0) {
    console.error(`${label}: exit ${r.exit}\n${r.err}`);
    process.exitCode = 1;
    return;
  }
  console.log(
    `${label}: ${events} events in ${r.seconds.toFixed(1)} s (${Math.round(events / r.seconds)} events/s), peak RSS ${Math.round(r.rssMb)} MB`,
  );
}

/** Inserts the data directory's lines into ClickHouse as collector rows (props and extra as JSON text). */
async function loadClickHouse(server, dir) {
  await server.query('CREATE DATABASE IF NOT EXISTS parcours');
  await server.query(
    `CREATE TABLE IF NOT EXISTS parcours.events (id String, site_id String, type String, ts UInt64, received_at UInt64, seq UInt64, sid String, vid String, uid String, url String, path String, props String, extra String, batch_id String, sdk_version String) ENGINE = ReplacingMergeTree ORDER BY id`,
  );
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.ndjson'))) {
    const lines = readFileSync(join(dir, name), 'utf8').split('\n').filter(Boolean);
    for (let i = 0; i < lines.length; i += 20_000) {
      const rows = lines.slice(i, i + 20_000).map((line) => {
        const { id, type, ts, seq, sid, vid, url, path, props, receivedAt, siteId, ...extra } =
          JSON.parse(line);
        return JSON.stringify({
          id,
          site_id: siteId,
          type,
          ts,
          received_at: receivedAt,
          seq,
          sid,
          vid,
          uid: '',
          url,
          path,
          props: JSON.stringify(props),
          extra: JSON.stringify(extra),
          batch_id: 'bench',
          sdk_version: '0',
        });
      });
      const res = await fetch(
        `${server.url}/?query=${encodeURIComponent('INSERT INTO parcours.events FORMAT JSONEachRow')}`,
        { method: 'POST', body: rows.join('\n') },
      );
      if (!res.ok) throw new Error(`insert failed: ${await res.text()}`);
    }
  }
  await server.query('OPTIMIZE TABLE parcours.events FINAL');
}

const dir = await mkdtemp(join(tmpdir(), 'parcours-bench-report-'));
try {
  const made = writeDataDir(dir, COUNT);
  const bytes = readdirSync(dir).reduce((n, name) => n + statSync(join(dir, name)).size, 0);
  console.log(
    `generated ${made} events, ${(bytes / 1024 / 1024).toFixed(0)} MB of NDJSON in 2 files`,
  );
  const ndjson = await runReport(['report', dir, '--out', join(dir, 'report.html')]);
  print('NDJSON report', ndjson, made);
  if (ndjson.exit === 0)
    console.log(`HTML page: ${(statSync(join(dir, 'report.html')).size / 1024).toFixed(0)} kB`);
  if (process.env.CLICKHOUSE !== '0' && findClickHouse()) {
    const server = await startClickHouse();
    try {
      await loadClickHouse(server, dir);
      const ch = await runReport([
        'report',
        '--clickhouse',
        server.url,
        '--out',
        join(dir, 'report-ch.html'),
      ]);
      print('ClickHouse report', ch, made);
    } finally {
      await server.stop();
    }
  } else console.log('ClickHouse report: skipped (no clickhouse-server, or CLICKHOUSE=0)');
} finally {
  await rm(dir, { recursive: true, force: true });
}
