// @vitest-environment node
// 10 000 malformed or hostile requests against a real collector server: every one is
// answered 4xx (or cut off mid-upload after its 4xx), the valid batches sent among them
// are stored, the server keeps answering, and the NDJSON file holds only whole lines.
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCollector } from '../../../src/node/collector.js';
import type { Collector } from '../../../src/node/collector.js';
import { createCollectorServer } from '../../../src/node/collector-server.js';
import { makeBatch, makeEvent, readLines, send, tempDir } from './helpers.js';

const TOTAL = 10_000;
const CONCURRENCY = 32;
const MAX_BODY = 1_000_000;

interface Attack {
  kind: string;
  headers: Record<string, string>;
  /** Sent whole, or as chunks (a function: streamed lazily, e.g. 100 MB). */
  body: Buffer | (() => AsyncIterable<Buffer>);
  /** Bytes per 100 ms, for slow bodies. */
  trickle?: boolean;
}

let seed = 42;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const json = { 'content-type': 'application/json' };
const text = (s: string) => Buffer.from(s);

const WRONG_TYPES: ((b: any) => void)[] = [
  (b) => (b.v = '1'),
  (b) => (b.events = {}),
  (b) => (b.events[0].ts = 'yesterday'),
  (b) => (b.events[0].id = 12),
  (b) => (b.events[0].props = [1, 2]),
  (b) => (b.events[0].seq = -1),
  (b) => (b.sdk = null),
  (b) => (b.sdk_dropped = { overflow: 'many' }),
  (b) => delete b.batchId,
  (b) => (b.events[0].uid = { $ne: null }),
];

function attacks(): (() => Attack)[] {
  const valid = () => JSON.stringify(makeBatch());
  return [
    () => {
      const s = valid();
      return {
        kind: 'truncated',
        headers: json,
        body: text(s.slice(0, Math.floor(random() * s.length))),
      };
    },
    () => {
      const b = makeBatch();
      pick(WRONG_TYPES)(b);
      return { kind: 'wrong-type', headers: json, body: text(JSON.stringify(b)) };
    },
    () => {
      const b = makeBatch([
        makeEvent({ type: 'x'.repeat(200_000 + Math.floor(random() * 500_000)) }),
      ]);
      return { kind: 'huge-string', headers: json, body: text(JSON.stringify(b)) };
    },
    () => ({
      kind: 'over-limit',
      headers: json,
      body: text(JSON.stringify({ ...makeBatch(), pad: 'x'.repeat(MAX_BODY + 10) })),
    }),
    () => {
      const n = 40 + Math.floor(random() * 100_000);
      const props = `{"a":${'['.repeat(n)}${']'.repeat(n)}}`;
      const body = valid().replace(/"props":\{[^}]*\}/, `"props":${props}`);
      return { kind: 'deep', headers: json, body: text(body) };
    },
    () => ({
      kind: 'gzip-bomb',
      headers: { ...json, 'content-encoding': 'gzip' },
      body: gzipSync(Buffer.alloc(20_000_000, 0x20)),
    }),
    () => ({
      kind: 'bad-gzip',
      headers: { ...json, 'content-encoding': 'gzip' },
      body: text(valid()),
    }),
    () => ({
      kind: 'media-type',
      headers: { 'content-type': pick(['application/xml', 'multipart/form-data', 'text/html']) },
      body: text(valid()),
    }),
    () => ({
      kind: 'garbage',
      headers: json,
      body: Buffer.from(Array.from({ length: 2_000 }, () => Math.floor(random() * 256))),
    }),
    () => ({
      kind: 'not-a-batch',
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      body: text(pick(['null', '[]', '42', '"batch"', '{"__proto__":{"polluted":1}}', '{}'])),
    }),
    () => ({
      kind: 'bad-site',
      headers: json,
      body: text(JSON.stringify({ ...makeBatch(), siteId: '<script>alert(1)</script>' })),
    }),
  ];
}

function hundredMegabytes(): AsyncIterable<Buffer> {
  const chunk = Buffer.alloc(1_000_000, 0x7b);
  return (async function* () {
    for (let i = 0; i < 100; i++) yield chunk;
  })();
}

/** Sends one attack; resolves with the status, or 'reset' if the connection was cut first. */
function fire(base: string, attack: Attack): Promise<number | 'reset'> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (outcome: number | 'reset') => {
      if (!done) resolve(outcome);
      done = true;
    };
    const req = request(`${base}/v1/batch`, { method: 'POST', headers: attack.headers }, (res) => {
      res.resume();
      res.on('end', () => finish(res.statusCode ?? 0));
      res.on('error', () => finish(res.statusCode ?? 0));
    });
    req.on('error', () => finish('reset'));
    const { body } = attack;
    if (attack.trickle && Buffer.isBuffer(body)) {
      let at = 0;
      const timer = setInterval(() => {
        if (done || at >= body.length) return clearInterval(timer);
        req.write(body.subarray(at, at + 8));
        at += 8;
      }, 100);
      req.on('close', () => clearInterval(timer));
    } else if (Buffer.isBuffer(body)) req.end(body);
    else {
      void (async () => {
        for await (const chunk of body()) {
          if (done || req.destroyed) return;
          if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
        }
        req.end();
      })().catch(() => finish('reset'));
    }
  });
}

describe('collector under hostile input', () => {
  let collector: Collector;
  let base: string;
  let dir: string;
  let removeDir: () => Promise<void>;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ dir, remove: removeDir } = await tempDir());
    collector = createCollector({
      dataDir: dir,
      sites: ['shop-fr'],
      maxBodyBytes: MAX_BODY,
      rateLimit: false,
      bodyTimeoutMs: 1_000,
      logRequests: false,
    });
    await collector.ready;
    const server = createCollectorServer(collector, {
      headersTimeoutMs: 1_000,
      requestTimeoutMs: 5_000,
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await collector.close(1_000);
    };
  });
  afterAll(async () => {
    await close();
    await removeDir();
  });

  it(`answers ${TOTAL} malformed requests with 4xx only and keeps whole NDJSON lines`, async () => {
    const started = Date.now();
    const makers = attacks();
    const outcomes = new Map<string, Map<string, number>>();
    const count = (kind: string, outcome: number | 'reset') => {
      const byOutcome = outcomes.get(kind) ?? new Map<string, number>();
      byOutcome.set(String(outcome), (byOutcome.get(String(outcome)) ?? 0) + 1);
      outcomes.set(kind, byOutcome);
    };
    // Cache a few bodies per kind: building 20 MB gzip bombs 900 times is the slow part.
    const pool = makers.map((make) => Array.from({ length: 8 }, make));
    const specials: Attack[] = [
      {
        kind: '100MB-declared',
        headers: { ...json, 'content-length': '100000000' },
        body: hundredMegabytes,
      },
      { kind: '100MB-chunked', headers: json, body: hundredMegabytes },
      ...Array.from({ length: 20 }, () => ({
        kind: 'slow-body',
        headers: { ...json, 'content-length': '5000' },
        body: text(JSON.stringify(makeBatch())),
        trickle: true,
      })),
    ];
    let validEvents = 0;
    let next = 0;
    const worker = async () => {
      for (;;) {
        const i = next++;
        if (i >= TOTAL) return;
        let attack: Attack;
        if (i < specials.length) attack = specials[i]!;
        else if (i % 50 === 0) {
          const batch = makeBatch();
          validEvents += batch.events.length;
          attack = { kind: 'valid', headers: json, body: text(JSON.stringify(batch)) };
        } else attack = pick(pick(pool));
        count(attack.kind, await fire(base, attack));
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const elapsedMs = Date.now() - started;

    const table = Object.fromEntries(
      [...outcomes].map(([kind, byOutcome]) => [kind, Object.fromEntries(byOutcome)]),
    );
    console.log(`[fault] ${TOTAL} requests in ${elapsedMs} ms`, JSON.stringify(table));
    const all = [...outcomes].flatMap(([kind, byOutcome]) =>
      [...byOutcome].map(([outcome, n]) => ({ kind, outcome, n })),
    );
    expect(all.reduce((sum, o) => sum + o.n, 0)).toBe(TOTAL);
    for (const { kind, outcome } of all) {
      if (kind === 'valid') expect(outcome).toBe('200');
      // An upload still being written when its 4xx closes the connection may see the reset first.
      else if (outcome === 'reset') expect(kind).toMatch(/100MB|over-limit|gzip-bomb/);
      else expect(Number(outcome), `${kind} answered ${outcome}`).toBeGreaterThanOrEqual(400);
      if (outcome !== 'reset')
        expect(Number(outcome), `${kind} answered ${outcome}`).toBeLessThan(500);
    }
    expect(table['slow-body']).toEqual({ 408: 20 });
    expect((await send(`${base}/health`, { method: 'GET' })).status).toBe(200);
    const lines = await readLines(join(dir, 'events.ndjson'));
    expect(lines).toHaveLength(validEvents);
    expect(elapsedMs).toBeLessThan(60_000);
  }, 90_000);
});
