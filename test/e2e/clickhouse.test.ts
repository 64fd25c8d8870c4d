// The SDK in Chromium → the built `parcours collect` process → a real ClickHouse server,
// through the collector killed (SIGKILL), stopped (SIGTERM) and ClickHouse killed mid-run:
// after FINAL, every tracked event is there exactly once.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findClickHouse, freePort, startClickHouse } from '../../scripts/clickhouse-server.mjs';
import type { ClickHouseServer } from '../../scripts/clickhouse-server.mjs';
import {
  EVENT_NAME,
  FAST,
  launchBrowser,
  openTab,
  report,
  ROOT,
  sleep,
  startSite,
  waitFor,
} from './harness.js';
import type { Site } from './harness.js';

const DATABASE = 'parcours_e2e';
const TABLE = 'events';
const PER_PHASE = 120;
const binary = findClickHouse();
const inCi = process.env.CI === 'true';
if (!binary && !inCi) {
  console.warn(
    '[e2e] clickhouse: SKIPPED, no ClickHouse server binary on this machine ' +
      '(apt-get install -y clickhouse-server); with CI=true this is a failure',
  );
}

/** The built collector CLI as a child process on a fixed port, so it can be killed and restarted. */
function collectorProcess(port: number, clickhouseUrl: string, origin: string) {
  let child: ChildProcess | undefined;
  let output = '';
  const args = [
    join(ROOT, 'bin/parcours.mjs'),
    'collect',
    ...['--port', String(port), '--clickhouse', clickhouseUrl],
    ...['--database', DATABASE, '--table', TABLE, '--cors', origin, '--sites', 'e2e'],
    ...['--rate-limit', '0', '--flush-ms', '200', '--quiet'],
  ];
  return {
    get output() {
      return output;
    },
    async start() {
      const started = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      child = started;
      let exited = false;
      started.once('exit', () => (exited = true));
      started.stdout!.on('data', (d: Buffer) => (output += d));
      started.stderr!.on('data', (d: Buffer) => (output += d));
      const mark = output.length;
      await waitFor(
        () => exited || output.slice(mark).includes('listening on'),
        'the collector to listen',
        30_000,
      );
      if (exited) throw new Error(`the collector exited at start:\n${output}`);
    },
    /** Sends `signal` and resolves with the exit code (null when killed by the signal). */
    async stop(signal: NodeJS.Signals): Promise<number | null> {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null) return running?.exitCode ?? null;
      const exited = new Promise<number | null>((resolve) =>
        running.once('exit', (code) => resolve(code)),
      );
      running.kill(signal);
      return exited;
    },
  };
}

/** Tracks `count` test events of `tag`, five every `everyMs`, in the page's own timers. */
async function trackOverTime(page: Page, tag: string, count: number, everyMs = 100): Promise<void> {
  await page.evaluate(
    ({ name, tag, count, everyMs }) => {
      let n = 0;
      const timer = setInterval(() => {
        for (let k = 0; k < 5 && n < count; k++)
          (window as any).parcours('track', name, { tag, n: n++ });
        if (n >= count) clearInterval(timer);
      }, everyMs);
    },
    { name: EVENT_NAME, tag, count, everyMs },
  );
}

describe.skipIf(!binary && !inCi)('SDK → collector → ClickHouse', () => {
  let clickhouse: ClickHouseServer;
  let collector: ReturnType<typeof collectorProcess>;
  let site: Site;
  let browser: Browser;
  let context: BrowserContext;

  const rows = async (sql: string) =>
    (await clickhouse.query(`${sql} FORMAT JSONEachRow`))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, string | number>);
  /** Distinct `n` stored per tag, after FINAL. */
  async function stored(): Promise<Record<string, { rows: number; distinct: number }>> {
    const out: Record<string, { rows: number; distinct: number }> = {};
    const result = await rows(
      `SELECT visitParamExtractString(props, 'tag') AS tag, count() AS rows,
              uniqExact(visitParamExtractUInt(props, 'n')) AS distinct
       FROM ${DATABASE}.${TABLE} FINAL
       WHERE type = 'custom' AND visitParamExtractString(props, 'name') = '${EVENT_NAME}'
       GROUP BY tag`,
    ).catch(() => []);
    for (const r of result) out[r.tag!] = { rows: Number(r.rows), distinct: Number(r.distinct) };
    return out;
  }
  const arrived = async (tag: string) => (await stored())[tag]?.distinct ?? 0;

  beforeAll(async () => {
    if (!binary)
      throw new Error(
        'CI=true but no ClickHouse server binary: apt-get install -y clickhouse-server',
      );
    if (!existsSync(join(ROOT, 'dist/cli.mjs')))
      throw new Error('dist/cli.mjs missing: run npm run build');
    clickhouse = await startClickHouse();
    site = await startSite();
    const port = await freePort();
    site.endpoint = `http://127.0.0.1:${port}/v1/batch`;
    collector = collectorProcess(port, clickhouse.url, site.origin);
    await collector.start();
    browser = await launchBrowser();
    context = await browser.newContext();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await collector?.stop('SIGKILL');
    await site?.close();
    await clickhouse?.stop();
  });

  it('stores every tracked event exactly once through collector and ClickHouse crashes', async () => {
    const started = Date.now();
    // Tags of this attempt only: a retry finds the first attempt's rows in the table.
    const tag = (phase: string) => `${phase}-${started.toString(36)}`;
    const tab = await openTab(context, site.url('/', { config: FAST }));
    const answers: Record<string, number> = {};
    const tally = (key: string) => (answers[key] = (answers[key] ?? 0) + 1);
    tab.page.on('response', (r) => {
      if (r.url() === site.endpoint && r.request().method() === 'POST') tally(String(r.status()));
    });
    tab.page.on('requestfailed', (r) => {
      if (r.url() === site.endpoint) tally('failed');
    });

    // 1. Steady state.
    await trackOverTime(tab.page, tag('steady'), PER_PHASE);
    await waitFor(
      async () => (await arrived(tag('steady'))) === PER_PHASE,
      'steady events in ClickHouse',
    );

    // 2. The collector is killed (no goodbye) while events flow, then started again.
    await trackOverTime(tab.page, tag('collector-kill'), PER_PHASE);
    await sleep(800);
    expect(await collector.stop('SIGKILL')).toBeNull();
    await sleep(1_500);
    await collector.start();

    // 3. ClickHouse is killed while events flow: the collector holds and retries its inserts.
    await trackOverTime(tab.page, tag('clickhouse-kill'), PER_PHASE);
    await sleep(800);
    await clickhouse.kill('SIGKILL');
    await sleep(2_000);
    await clickhouse.start();

    // 4. The collector is stopped gracefully (SIGTERM) while events flow: it finishes and exits 0.
    await trackOverTime(tab.page, tag('collector-term'), PER_PHASE);
    await sleep(800);
    expect(await collector.stop('SIGTERM')).toBe(0);
    expect(collector.output).toMatch(/parcours collector stopped/);
    await sleep(500);
    await collector.start();

    const tags = ['steady', 'collector-kill', 'clickhouse-kill', 'collector-term'].map(tag);
    await waitFor(
      async () => {
        const now = await stored();
        return tags.every((t) => now[t]?.distinct === PER_PHASE);
      },
      'every tracked event in ClickHouse',
      60_000,
      () => tags,
    );
    const byTag = await stored();
    const [totals] = await rows(
      `SELECT (SELECT count() FROM ${DATABASE}.${TABLE}) AS raw,
              (SELECT count() FROM ${DATABASE}.${TABLE} FINAL) AS final,
              (SELECT uniqExact(id) FROM ${DATABASE}.${TABLE}) AS ids`,
    );
    report('clickhouse', {
      answers,
      byTag,
      rawRows: Number(totals!.raw),
      finalRows: Number(totals!.final),
      distinctIds: Number(totals!.ids),
      tracked: tags.length * PER_PHASE,
      seconds: Math.round((Date.now() - started) / 1_000),
    });
    for (const t of tags) expect(byTag[t]).toEqual({ rows: PER_PHASE, distinct: PER_PHASE });
    expect(Number(totals!.final)).toBe(Number(totals!.ids));
    // The collector really was down while the page sent: some sends failed and were retried.
    expect(answers.failed).toBeGreaterThan(0);
    expect(tab.pageErrors).toEqual([]);
  });
});
