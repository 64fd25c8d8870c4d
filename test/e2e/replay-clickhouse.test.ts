// `parcours export --from-clickhouse` against a throwaway ClickHouse server: the session the
// collector stored (sent twice, as at-least-once delivery may) comes back once, in order, with its
// extra top-level keys. Skipped when no ClickHouse binary is installed, unless CI=true.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findClickHouse, startClickHouse } from '../../scripts/clickhouse-server.mjs';
import type { ClickHouseServer } from '../../scripts/clickhouse-server.mjs';
import type { TrackEvent } from '../../src/core/types.js';
import { createCollector } from '../../src/node/collector.js';
import { runCli } from '../../src/node/run-cli.js';

const binary = findClickHouse();
const run = binary || process.env.CI === 'true';
if (!run) console.warn('[e2e] replay-clickhouse: SKIPPED, no ClickHouse server binary here');

const SID = randomUUID();
const event = (seq: number, type: string, props: TrackEvent['props'], extra = {}): TrackEvent => ({
  id: randomUUID(),
  type,
  ts: 1_763_830_000_000 + seq * 1000,
  seq,
  sid: SID,
  vid: 'v-1',
  url: 'http://shop.test/',
  path: '/',
  props,
  ...extra,
});

describe.runIf(run)('export from ClickHouse', () => {
  let ch: ClickHouseServer;
  beforeAll(async () => void (ch = await startClickHouse()), 60_000);
  afterAll(() => ch?.stop());

  it('writes the stored session as a session document', async () => {
    const collector = createCollector({
      clickhouse: { url: ch.url, database: 'replay_e2e', table: 'events' },
      flushMs: 50,
      rateLimit: false,
    });
    await collector.ready;
    const server = createServer(collector.handler);
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/batch`;
    const events = [
      event(2, 'click', { target: { selector: '#b', tag: 'button', text: 'Go' }, x: 5, y: 6 }),
      event(1, 'pageview', { viewport: { w: 390, h: 844 }, spa: false }),
      event(3, 'custom', { name: 'x' }, { replay: true }),
      { ...event(4, 'click', {}), sid: randomUUID() },
    ];
    for (const batchEvents of [events, events.slice(0, 2)]) {
      const body = JSON.stringify({
        v: 1,
        batchId: randomUUID(),
        sentAt: 1,
        sdk: { name: 'parcours', version: '0' },
        events: batchEvents,
      });
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
      });
      expect(res.status).toBe(200);
    }
    server.close();
    await collector.close(10_000);

    let out = '';
    let err = '';
    const code = await runCli(
      [
        'export',
        '--from-clickhouse',
        ch.url,
        '--database',
        'replay_e2e',
        '--table',
        'events',
        '--sid',
        SID,
      ],
      { stdout: (t) => void (out += t), stderr: (t) => void (err += t) },
    );
    expect(code, err).toBe(0);
    const doc = JSON.parse(out);
    expect(doc).toMatchObject({
      v: 1,
      sid: SID,
      vid: 'v-1',
      viewport: { w: 390, h: 844 },
      startedAt: events[1]!.ts,
    });
    expect(doc.events).toEqual([events[1], events[0], events[2]]);

    const missing = await runCli(
      ['export', '--from-clickhouse', ch.url, '--database', 'replay_e2e', '--sid', randomUUID()],
      { stdout: () => {}, stderr: (t) => void (err += t) },
    );
    expect(missing).toBe(1);
    expect(err).toMatch(/no event of session .* in ClickHouse at http:\/\/127\.0\.0\.1:\d+/);
  });
});
