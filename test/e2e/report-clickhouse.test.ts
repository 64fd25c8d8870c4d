// The ClickHouse report (aggregation in SQL on a real ClickHouse, 18.16 here) against the
// NDJSON report (streamed in Node) on the same events, stored as the collector stores them:
// every row of every section must match, and the known answers must show.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findClickHouse, startClickHouse } from '../../scripts/clickhouse-server.mjs';
import type { ClickHouseServer } from '../../scripts/clickhouse-server.mjs';
import { generateEvents } from '../../bench/report-events.mjs';
import type { ValidBatch, ValidEvent } from '../../src/node/batch-schema.js';
import { toClickHouseRow } from '../../src/node/clickhouse-rows.js';
import { eventsTableSql } from '../../src/node/clickhouse-schema.js';
import { reportFromClickHouse } from '../../src/node/report/clickhouse-report.js';
import { funnelViews } from '../../src/node/report/derive.js';
import { reportFromNdjson } from '../../src/node/report/read-ndjson.js';
import type { ReportData } from '../../src/node/report/types.js';
import { knownEvents } from '../unit/node/report-scenario.js';
import { ROOT } from './harness.js';
import type { StoredEvent } from '../unit/node/report-scenario.js';

const binary = findClickHouse();
const inCi = process.env.CI === 'true';
if (!binary && !inCi) {
  console.warn(
    '[e2e] report-clickhouse: SKIPPED, no ClickHouse server binary (apt-get install -y clickhouse-server); with CI=true this is a failure',
  );
}

const DATABASE = 'parcours_report';
const run = promisify(execFile);

/** Rows sorted by their JSON, numbers rounded (ClickHouse's avg and JS sums differ in the last bits). */
function comparable(data: ReportData) {
  // Numbers rounded, and object keys sorted: kind counts come in arrival order from each side.
  const canonical = (_key: string, v: unknown): unknown => {
    if (typeof v === 'number') return Math.round(v * 1000) / 1000;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)));
    }
    return v;
  };
  const sorted = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r, canonical)).sort();
  return {
    totals: { ...data.totals, unreadable: 0 },
    range: data.range,
    funnels: sorted(data.funnels),
    pages: sorted(data.pages),
    elements: sorted(data.elements),
    steps: sorted(data.steps),
    vitals: sorted(data.vitals),
    routes: sorted(data.routes),
    presence: sorted(data.presence),
    conversion: sorted(data.conversion),
    campaigns: sorted(data.campaigns),
  };
}

describe.skipIf(!binary && !inCi)('parcours report --clickhouse', () => {
  let clickhouse: ClickHouseServer;
  let dir: string;

  async function load(
    table: string,
    events: StoredEvent[] | Record<string, unknown>[],
  ): Promise<string> {
    await clickhouse.query(eventsTableSql(DATABASE, table));
    const batch = {
      batchId: 'b',
      siteId: 'test',
      sdk: { name: 'parcours', version: '0' },
    } as unknown as ValidBatch;
    // The collector's own row encoder: device and replay land in `extra`, props as JSON text.
    const rows = events.map((e) => toClickHouseRow(e as unknown as ValidEvent, batch, 1));
    // Every event twice, as at-least-once delivery can store it: FINAL must count it once.
    for (const part of [rows, rows.slice(0, 100)]) {
      const res = await fetch(
        `${clickhouse.url}/?query=${encodeURIComponent(`INSERT INTO ${DATABASE}.${table} FORMAT JSONEachRow`)}`,
        { method: 'POST', body: part.join('') },
      );
      expect(res.ok, await res.text()).toBe(true);
    }
    const file = join(dir, `${table}.ndjson`);
    await writeFile(file, events.map((e) => JSON.stringify(e)).join('\n'));
    return file;
  }

  const fromClickHouse = (table: string, range = {}) =>
    reportFromClickHouse({ url: clickhouse.url, database: DATABASE, table, range });

  beforeAll(async () => {
    if (!binary)
      throw new Error(
        'CI=true but no ClickHouse server binary: apt-get install -y clickhouse-server',
      );
    clickhouse = await startClickHouse();
    await clickhouse.query(`CREATE DATABASE IF NOT EXISTS ${DATABASE}`);
    dir = await mkdtemp(join(tmpdir(), 'parcours-report-ch-'));
  });
  afterAll(async () => {
    await clickhouse?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('gives the known answers and the same rows as the NDJSON report', async () => {
    const file = await load('known', knownEvents());
    const sql = await fromClickHouse('known');
    expect(
      funnelViews(sql, 'all')
        .get('checkout')!
        .map((s) => s.sessions),
    ).toEqual([20, 14, 7, 7]);
    expect(
      sql.vitals.find((v) => v.path === '/product' && v.metric === 'LCP' && v.device === 'mobile')
        ?.p75,
    ).toBe(7000);
    expect(sql.totals.replays).toBe(4);
    expect(comparable(sql)).toEqual(comparable(await reportFromNdjson(file)));
  });

  it('runs from the built CLI with --clickhouse: summary printed, page written', async () => {
    if (!existsSync(join(ROOT, 'dist/cli.mjs')))
      throw new Error('dist/cli.mjs missing: run npm run build');
    await load('cli', knownEvents());
    const out = join(dir, 'cli.html');
    const { stdout } = await run(process.execPath, [
      join(ROOT, 'bin/parcours.mjs'),
      'report',
      '--clickhouse',
      clickhouse.url,
      '--database',
      DATABASE,
      '--table',
      'cli',
      '--out',
      out,
    ]);
    expect(stdout).toMatch(/^a\s+20\s+100\.0 %/m);
    expect(stdout).toContain(`report written to ${out}`);
    expect(await readFile(out, 'utf8')).toContain(`ClickHouse ${clickhouse.url} ${DATABASE}.cli`);
  });

  it('matches the NDJSON report on 20 000 generated events, and with --from / --to', async () => {
    const events: Record<string, unknown>[] = [];
    // Starting 10 minutes before midnight, so a range of one day cuts the set.
    generateEvents({
      count: 20_000,
      seed: 7,
      start: Date.UTC(2026, 10, 2) - 600_000,
      onEvent: (e) => events.push(e),
    });
    const file = await load('generated', events);
    expect(comparable(await fromClickHouse('generated'))).toEqual(
      comparable(await reportFromNdjson(file)),
    );
    const range = { from: '2026-11-02', to: '2026-11-02' };
    const sql = await fromClickHouse('generated', range);
    expect(sql.totals.outOfRange).toBeGreaterThan(0);
    expect(comparable(sql)).toEqual(comparable(await reportFromNdjson(file, range)));
  });
});
