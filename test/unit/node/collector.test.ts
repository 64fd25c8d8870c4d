// @vitest-environment node
import { mkdir, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCollector } from '../../../src/node/collector.js';
import {
  makeBatch,
  makeEvent,
  postBatch,
  readLines,
  send,
  startServer,
  useCollector,
} from './helpers.js';

describe('createCollector', () => {
  const { fixture, stops, start } = useCollector(1_000);
  const eventsFile = () => join(fixture.dir, 'events.ndjson');

  it('appends a valid batch with receivedAt and siteId, then answers 200', async () => {
    const url = await start({ now: () => 1_700_000_000_123 });
    const batch = makeBatch([makeEvent({ replay: true }), makeEvent()]);
    const reply = await postBatch(url, batch);
    expect(reply.status).toBe(200);
    expect(reply.json()).toEqual({ accepted: 2, duplicates: 0 });
    const lines = await readLines(eventsFile());
    expect(lines).toEqual(
      batch.events.map((event) => ({ ...event, receivedAt: 1_700_000_000_123, siteId: 'shop-fr' })),
    );
    expect(lines[0].replay).toBe(true);
  });

  it('writes an id once across requests and within one batch', async () => {
    const url = await start();
    const a = makeEvent();
    const b = makeEvent();
    expect((await postBatch(url, makeBatch([a, a, b]))).json()).toEqual({
      accepted: 2,
      duplicates: 1,
    });
    expect((await postBatch(url, makeBatch([b, a]))).json()).toEqual({
      accepted: 0,
      duplicates: 2,
    });
    expect((await readLines(eventsFile())).map((line) => line.id)).toEqual([a.id, b.id]);
  });

  it('remembers ids across a restart on the same data directory', async () => {
    const event = makeEvent();
    const first = createCollector({ dataDir: fixture.dir });
    await first.ready;
    const server = await startServer(first.handler);
    await postBatch(server.url, makeBatch([event]));
    await server.close();
    await first.close();

    const url = await start();
    const reply = await postBatch(url, makeBatch([event, makeEvent()]));
    expect(reply.json()).toEqual({ accepted: 1, duplicates: 1 });
    expect(await readLines(eventsFile())).toHaveLength(2);
  });

  it('cuts a partial last line left by a crash, and logs it', async () => {
    const whole = JSON.stringify(makeEvent());
    await writeFile(eventsFile(), `${whole}\n{"id":"half-writ`);
    const logs: string[] = [];
    await start({ log: (line) => logs.push(line) });
    expect(await readLines(eventsFile())).toEqual([JSON.parse(whole)]);
    expect(logs.join('\n')).toMatch(/partial last line \(16 bytes\)/);
  });

  it('rejects a batch with one bad event with 400 naming the path, and writes nothing', async () => {
    const url = await start();
    const events = [makeEvent(), makeEvent(), makeEvent(), makeEvent({ id: 'not-a-uuid' })];
    const reply = await postBatch(url, makeBatch(events));
    expect(reply.status).toBe(400);
    expect(reply.json()).toEqual({ error: 'invalid_batch', message: 'events[3].id: Invalid UUID' });
    expect(await readLines(eventsFile())).toEqual([]);
  });

  it('writes one sdk-dropped line per batchId', async () => {
    const url = await start({ now: () => 42 });
    const batch = { ...makeBatch(), sdk_dropped: { overflow: 3, expired: 1 } };
    await postBatch(url, batch);
    await postBatch(url, batch);
    expect(await readLines(join(fixture.dir, 'sdk-dropped.ndjson'))).toEqual([
      {
        batchId: batch.batchId,
        siteId: 'shop-fr',
        receivedAt: 42,
        sdk_dropped: { overflow: 3, expired: 1 },
      },
    ]);
  });

  it('writes every event of 20 concurrent batches as whole lines', async () => {
    const url = await start();
    const shared = makeEvent();
    const batches = Array.from({ length: 20 }, () =>
      makeBatch([
        shared,
        ...Array.from({ length: 25 }, () => makeEvent({ props: { pad: 'x'.repeat(500) } })),
      ]),
    );
    const replies = await Promise.all(batches.map((batch) => postBatch(url, batch)));
    expect(replies.map((reply) => reply.status)).toEqual(Array(20).fill(200));
    const lines = await readLines(eventsFile());
    expect(lines).toHaveLength(20 * 25 + 1);
    expect(new Set(lines.map((line) => line.id)).size).toBe(lines.length);
    expect(replies.reduce((sum, reply) => sum + reply.json().duplicates, 0)).toBe(19);
  });

  it('answers 503 while writes fail, keeps retrying, and stores the events once', async () => {
    const logs: string[] = [];
    const url = await start({ ackTimeoutMs: 300, log: (line) => logs.push(line) });
    await mkdir(eventsFile());
    const batch = makeBatch();
    const failed = await postBatch(url, batch);
    expect(failed.status).toBe(503);
    expect(failed.headers['retry-after']).toBe('5');
    expect(failed.json().error).toBe('timeout');
    await rmdir(eventsFile());
    // The SDK sends the batch again; the first write, still retried, may land first.
    await expect
      .poll(async () => (await postBatch(url, batch)).status, { timeout: 3_000 })
      .toBe(200);
    expect(await readLines(eventsFile())).toHaveLength(3);
    expect(logs.join('\n')).toMatch(
      /write of 3 row\(s\) failed \(attempt 1\), retrying in \d+ ms: EISDIR/,
    );
  });

  it('answers 503 after close', async () => {
    const collector = createCollector({ dataDir: fixture.dir });
    const server = await startServer(collector.handler);
    stops.push(server.close);
    await collector.close();
    expect((await postBatch(server.url, makeBatch())).status).toBe(503);
  });

  it('answers GET /health', async () => {
    const url = await start();
    const reply = await send(`${url}/health`, { method: 'GET' });
    expect(reply.status).toBe(200);
    expect(reply.json()).toEqual({ ok: true });
  });

  it('rejects ready when the data directory cannot be made', async () => {
    await writeFile(join(fixture.dir, 'file'), '');
    const collector = createCollector({ dataDir: join(fixture.dir, 'file', 'data') });
    await expect(collector.ready).rejects.toThrow();
    await collector.close();
  });
});
