import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ValidBatch } from './batch-schema.js';
import { createIdWindow } from './id-window.js';
import { createAppender } from './ndjson-appender.js';
import { forEachJsonLine, repairTail } from './ndjson-file.js';

/** What {@link EventStore.ingest} did with a batch. */
export interface IngestResult {
  /** Events appended (new ids). */
  accepted: number;
  /** Events skipped because their id was already stored or repeated in the batch. */
  duplicates: number;
}

/** The NDJSON files of a data directory, written by one writer; see {@link createEventStore}. */
export interface EventStore {
  /** Resolves once the files are repaired and the dedupe windows are loaded. */
  ready: Promise<void>;
  /** Appends a batch's new events (and its drop report), durably, before resolving. */
  ingest(batch: ValidBatch, receivedAt: number): Promise<IngestResult>;
  /** Waits for pending writes, then closes the files. */
  close(): Promise<void>;
}

/** Options of {@link createEventStore}. */
export interface EventStoreOptions {
  dataDir: string;
  dedupeWindow: number;
  log: (line: string) => void;
}

const idOf = (value: unknown, key: 'id' | 'batchId'): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;

/**
 * Keeps `events.ndjson` (one event per line, plus `receivedAt` and `siteId`) and
 * `sdk-dropped.ndjson` (one line per batch that reported drops) in `dataDir`.
 * Every ingest runs through one promise chain: the dedupe check, the single write and the
 * `fdatasync` of a batch finish before the next batch is looked at, and ids join the
 * dedupe window only once their write succeeded.
 */
export function createEventStore({ dataDir, dedupeWindow, log }: EventStoreOptions): EventStore {
  const eventsFile = join(dataDir, 'events.ndjson');
  const droppedFile = join(dataDir, 'sdk-dropped.ndjson');
  const ids = createIdWindow(dedupeWindow);
  const batchIds = createIdWindow(Math.min(dedupeWindow, 100_000));
  const events = createAppender(eventsFile);
  const dropped = createAppender(droppedFile);

  async function load(file: string, key: 'id' | 'batchId', into: typeof ids): Promise<void> {
    const cut = await repairTail(file);
    if (cut) log(`repaired ${file}: cut a partial last line (${cut} bytes)`);
    const bad = await forEachJsonLine(file, (line) => {
      const id = idOf(line, key);
      if (typeof id === 'string') into.add(id);
    });
    if (bad) log(`skipped ${bad} unreadable line(s) in ${file}`);
  }

  const ready = (async () => {
    await mkdir(dataDir, { recursive: true });
    await load(eventsFile, 'id', ids);
    await load(droppedFile, 'batchId', batchIds);
  })();
  // A failed start fails every ingest (503) instead of writing past an unread file.
  let chain: Promise<unknown> = ready.catch(() => {});
  let closed = false;

  async function write(batch: ValidBatch, receivedAt: number): Promise<IngestResult> {
    const siteId = batch.siteId ?? null;
    const fresh = new Set<string>();
    let text = '';
    for (const event of batch.events) {
      if (ids.has(event.id) || fresh.has(event.id)) continue;
      fresh.add(event.id);
      text += `${JSON.stringify({ ...event, receivedAt, siteId })}\n`;
    }
    if (text) await events.append(text);
    for (const id of fresh) ids.add(id);
    const drops = batch.sdk_dropped;
    if (drops && !batchIds.has(batch.batchId)) {
      const line = { batchId: batch.batchId, siteId, receivedAt, sdk_dropped: drops };
      await dropped.append(`${JSON.stringify(line)}\n`);
      batchIds.add(batch.batchId);
    }
    return { accepted: fresh.size, duplicates: batch.events.length - fresh.size };
  }

  return {
    ready,
    ingest(batch, receivedAt) {
      if (closed) return Promise.reject(new Error('collector is closed'));
      const run = chain.then(async () => {
        await ready;
        return write(batch, receivedAt);
      });
      chain = run.catch(() => {});
      return run;
    },
    async close() {
      closed = true;
      await chain.catch(() => {});
      await Promise.all([events.close(), dropped.close()]);
    },
  };
}
