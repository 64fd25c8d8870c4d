// @vitest-environment node
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createCollector } from '../../../src/node/collector.js';
import type { CollectorOptions } from '../../../src/node/collector.js';
import { makeBatch, makeEvent, postBatch, startServer } from './helpers.js';

interface Seen {
  query: string;
  body: string;
  authorization?: string;
  status?: number;
  gzip?: boolean;
}

/** A stand-in for ClickHouse's HTTP interface: records queries, answers as `answer` says. */
async function fakeClickHouse() {
  const seen: Seen[] = [];
  const fake = {
    seen,
    answer: (_q: Seen): [number, string] => [200, ''],
    inserts: () => seen.filter((s) => s.query.startsWith('INSERT')),
    rows: () =>
      fake
        .inserts()
        .filter((s) => s.query.includes('.events ') && s.status === 200)
        .flatMap((s) =>
          s.body
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l)),
        ),
    url: '',
    close: async () => {},
  };
  const server = await startServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const raw = Buffer.concat(chunks);
      const gzip = req.headers['content-encoding'] === 'gzip';
      const body = (gzip ? gunzipSync(raw) : raw).toString('utf8');
      const query = url.searchParams.get('query') ?? body;
      const entry: Seen = { query, body, gzip, authorization: req.headers.authorization };
      seen.push(entry);
      const [status, text] = fake.answer(entry);
      entry.status = status;
      res.writeHead(status).end(text);
    });
  });
  fake.url = server.url;
  fake.close = server.close;
  return fake;
}

describe('ClickHouse sink', () => {
  const stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  });

  async function start(fake: { url: string }, options: CollectorOptions = {}) {
    const logs: string[] = [];
    const collector = createCollector({
      clickhouse: { url: fake.url },
      flushMs: 0,
      log: (line) => logs.push(line),
      ...options,
    });
    await collector.ready;
    const server = await startServer(collector.handler);
    stops.push(() => collector.close(500), server.close);
    return { url: server.url, logs, collector };
  }

  it('creates the database and both tables if missing', async () => {
    const fake = await fakeClickHouse();
    stops.push(fake.close);
    await start(fake, { clickhouse: { url: fake.url, database: 'shop', table: 'ev' } });
    expect(fake.seen.map((s) => s.query.split('(')[0]!.trim())).toEqual([
      'CREATE DATABASE IF NOT EXISTS shop',
      'CREATE TABLE IF NOT EXISTS shop.ev',
      'CREATE TABLE IF NOT EXISTS shop.ev_sdk_dropped',
    ]);
    expect(fake.seen[1]!.query).toMatch(/ENGINE = ReplacingMergeTree ORDER BY id$/);
  });

  it('inserts JSONEachRow rows with typed columns and JSON text props, then answers 200', async () => {
    const fake = await fakeClickHouse();
    stops.push(fake.close);
    const { url } = await start(fake, { now: () => 1_700_000_000_000 });
    const event = makeEvent({ replay: true, uid: 'u-1' });
    const reply = await postBatch(url, makeBatch([event]));
    expect(reply.status).toBe(200);
    expect(fake.inserts()[0]!.query).toBe('INSERT INTO parcours.events FORMAT JSONEachRow');
    expect(fake.inserts()[0]!.gzip).toBe(true);
    expect(fake.rows()).toEqual([
      {
        id: event.id,
        site_id: 'shop-fr',
        type: 'custom',
        ts: event.ts,
        received_at: 1_700_000_000_000,
        seq: event.seq,
        sid: 's-1',
        vid: 'v-1',
        uid: 'u-1',
        url: event.url,
        path: event.path,
        props: JSON.stringify(event.props),
        extra: '{"replay":true}',
        batch_id: expect.any(String),
        sdk_version: '0.1.0',
      },
    ]);
  });

  it('shares one insert between requests that arrive together', async () => {
    const fake = await fakeClickHouse();
    stops.push(fake.close);
    const { url } = await start(fake, { flushMs: 100 });
    const replies = await Promise.all(
      Array.from({ length: 10 }, () => postBatch(url, makeBatch())),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(fake.inserts()).toHaveLength(1);
    expect(fake.rows()).toHaveLength(30);
  });

  it('holds the answer while ClickHouse fails, retries, and answers 200 once the insert is acknowledged', async () => {
    const fake = await fakeClickHouse();
    stops.push(fake.close);
    const { url, logs } = await start(fake);
    let failures = 3;
    fake.answer = (q) =>
      q.query.startsWith('INSERT') && failures-- > 0
        ? [503, 'Code: 252, e.displayText() = DB::Exception: Too many parts']
        : [200, ''];
    const reply = await postBatch(url, makeBatch());
    expect(reply.status).toBe(200);
    expect(fake.inserts()).toHaveLength(4);
    expect(logs.filter((l) => l.includes('Too many parts'))).toHaveLength(3);
  });

  it('answers 503 with Retry-After when ClickHouse is unreachable past the timeout', async () => {
    const fake = await fakeClickHouse();
    const { url } = await start(fake, { ackTimeoutMs: 300 });
    await fake.close();
    const reply = await postBatch(url, makeBatch());
    expect(reply.status).toBe(503);
    expect(reply.headers['retry-after']).toBe('5');
  });

  it('waits for ClickHouse at start, then creates the tables', async () => {
    const fake = await fakeClickHouse();
    stops.push(fake.close);
    let refusals = 2;
    fake.answer = () => (refusals-- > 0 ? [500, 'Code: 210, NETWORK_ERROR'] : [200, '']);
    const logs: string[] = [];
    const collector = createCollector({
      clickhouse: { url: fake.url },
      log: (l) => logs.push(l),
    });
    stops.push(() => collector.close(100));
    await collector.ready;
    expect(logs.filter((l) => l.startsWith('waiting for ClickHouse'))).toHaveLength(2);
  });

  it('creates the table again when it was dropped', async () => {
    const fake = await fakeClickHouse();
    stops.push(fake.close);
    const { url } = await start(fake);
    let dropped = true;
    fake.answer = (q) =>
      q.query.startsWith('INSERT') && dropped
        ? [404, "Code: 60, e.displayText() = DB::Exception: Table parcours.events doesn't exist."]
        : (q.query.startsWith('CREATE TABLE') && (dropped = false), [200, '']);
    expect((await postBatch(url, makeBatch())).status).toBe(200);
    expect(fake.seen.filter((s) => s.query.startsWith('CREATE TABLE'))).toHaveLength(4);
  });

  it('answers 500 to the one request whose rows ClickHouse refuses, and stores the others', async () => {
    const fake = await fakeClickHouse();
    stops.push(fake.close);
    const { url } = await start(fake, { flushMs: 100 });
    const poison = makeEvent({ sid: 'poison' });
    fake.answer = (q) =>
      q.body.includes('"sid":"poison"')
        ? [400, 'Code: 27, e.displayText() = DB::Exception: Cannot parse input']
        : [200, ''];
    const replies = await Promise.all([
      postBatch(url, makeBatch()),
      postBatch(url, makeBatch([poison])),
      postBatch(url, makeBatch()),
    ]);
    expect(replies.map((r) => r.status)).toEqual([200, 500, 200]);
    expect(fake.rows()).toHaveLength(6);
  });

  it('sends credentials as Basic auth, never in the URL', async () => {
    const fake = await fakeClickHouse();
    stops.push(fake.close);
    const withUser = fake.url.replace('http://', 'http://ana:s%3Acret@');
    const { url, collector } = await start(fake, { clickhouse: { url: withUser } });
    await postBatch(url, makeBatch());
    const basic = `Basic ${Buffer.from('ana:s:cret').toString('base64')}`;
    expect(fake.seen.every((s) => s.authorization === basic)).toBe(true);
    expect(collector.target).toBe(`${fake.url} parcours.events`);
  });

  it('refuses a table name that is not a plain identifier', () => {
    expect(() =>
      createCollector({ clickhouse: { url: 'http://127.0.0.1:1', table: 'x; DROP TABLE y' } }),
    ).toThrow(/ClickHouse table must be letters, digits and _/);
  });
});
