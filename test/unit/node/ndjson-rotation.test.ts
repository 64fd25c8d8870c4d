// @vitest-environment node
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCollector } from '../../../src/node/collector.js';
import type { CollectorOptions } from '../../../src/node/collector.js';
import { makeBatch, makeEvent, postBatch, readLines, startServer, tempDir } from './helpers.js';

const DAY_MS = 86_400_000;
const NOV_22 = Date.UTC(2025, 10, 22, 23, 0);

describe('NDJSON rotation', () => {
  let dir: string;
  let removeDir: () => Promise<void>;
  const stops: (() => Promise<void>)[] = [];

  beforeEach(async () => {
    ({ dir, remove: removeDir } = await tempDir());
  });
  afterEach(async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
    await removeDir();
  });

  async function start(options: CollectorOptions = {}) {
    const logs: string[] = [];
    const collector = createCollector({ dataDir: dir, log: (l) => logs.push(l), ...options });
    await collector.ready;
    const server = await startServer(collector.handler);
    const stop = async () => {
      await server.close();
      await collector.close(1_000);
    };
    stops.push(stop);
    return { url: server.url, logs, stop };
  }
  const files = async () => (await readdir(dir)).filter((f) => f.startsWith('events')).sort();

  it('rotates before the live file would pass rotateBytes, never splitting a line', async () => {
    const { url, logs } = await start({ rotateBytes: 2_000, now: () => NOV_22 });
    for (let i = 0; i < 6; i++) {
      expect((await postBatch(url, makeBatch())).status).toBe(200);
    }
    expect(await files()).toEqual([
      'events.2025-11-22.000.ndjson',
      'events.2025-11-22.001.ndjson',
      'events.ndjson',
    ]);
    let total = 0;
    for (const file of await files()) total += (await readLines(join(dir, file))).length;
    expect(total).toBe(18);
    expect(logs.filter((l) => l.startsWith('rotated'))).toHaveLength(2);
  });

  it('rotates when the UTC day changes, naming the file after the day it began', async () => {
    let now = NOV_22;
    const { url } = await start({ now: () => now });
    await postBatch(url, makeBatch());
    now += DAY_MS;
    await postBatch(url, makeBatch());
    expect(await files()).toEqual(['events.2025-11-22.000.ndjson', 'events.ndjson']);
    expect((await readLines(join(dir, 'events.ndjson')))[0].receivedAt).toBe(now);
  });

  it('remembers the ids of rotated files across a restart, and the live file day', async () => {
    let now = NOV_22;
    const first = await start({ rotateBytes: 1_000, now: () => now });
    const old = makeEvent();
    await postBatch(first.url, makeBatch([old]));
    await postBatch(first.url, makeBatch());
    await postBatch(first.url, makeBatch());
    await first.stop();
    expect((await files()).length).toBeGreaterThan(1);

    now += DAY_MS;
    const second = await start({ now: () => now });
    const reply = await postBatch(second.url, makeBatch([old, makeEvent()]));
    expect(reply.json()).toEqual({ accepted: 1, duplicates: 1 });
    // The live file began on Nov 22: the new day rotated it under that day's name.
    expect(await files()).toContain('events.2025-11-22.001.ndjson');
  });
});
