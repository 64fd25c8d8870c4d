import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Rows } from './group-commit.js';
import { createAppender } from './ndjson-appender.js';
import { forEachJsonLine, repairTail } from './ndjson-file.js';
import { dayOf, listRotated, LIVE_FILE, rotateLive } from './ndjson-rotation.js';
import type { Sink } from './sink.js';

/** Options of {@link createNdjsonSink}. */
export interface NdjsonSinkOptions {
  /** Directory of the files, created if missing. */
  dataDir: string;
  /** The live file is rotated before it would grow past this many bytes. */
  rotateBytes: number;
  /** Clock, epoch ms: the live file is also rotated when the UTC day changes. */
  now: () => number;
  log: (line: string) => void;
}

const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;

/**
 * Stores events as NDJSON in `dataDir`: `events.ndjson` (one event per line, with
 * `receivedAt` and `siteId`), rotated to `events.<day>.<n>.ndjson` by size and by UTC day,
 * and `sdk-dropped.ndjson` (one line per reported drop). Each write is one `write(2)` and
 * one `fdatasync`; a failed write is cut back off, so a reader never sees a partial line.
 */
export function createNdjsonSink(options: NdjsonSinkOptions): Sink {
  const { dataDir, rotateBytes, now, log } = options;
  const liveFile = join(dataDir, LIVE_FILE);
  const droppedFile = join(dataDir, 'sdk-dropped.ndjson');
  const events = createAppender(liveFile);
  const dropped = createAppender(droppedFile);
  const eventsDone = new WeakSet<Rows>();
  let liveBytes = 0;
  let liveDay: string | undefined;

  async function repair(file: string): Promise<void> {
    const cut = await repairTail(file);
    if (cut) log(`repaired ${file}: cut a partial last line (${cut} bytes)`);
  }

  async function rotateIfDue(incoming: number): Promise<void> {
    const today = dayOf(now());
    if (liveBytes > 0 && (liveDay !== today || liveBytes + incoming > rotateBytes)) {
      await events.close();
      const target = await rotateLive(dataDir, liveDay ?? today);
      log(`rotated ${liveFile} to ${target}`);
      liveBytes = 0;
    }
    if (liveBytes === 0) liveDay = today;
  }

  async function readIds(file: string, key: string, onId: (id: string) => void): Promise<void> {
    const bad = await forEachJsonLine(file, (line) => {
      const id = field(line, key);
      if (typeof id === 'string') onId(id);
      if (file === liveFile && liveDay === undefined) {
        const at = field(line, 'receivedAt');
        if (typeof at === 'number') liveDay = dayOf(at);
      }
    });
    if (bad) log(`skipped ${bad} unreadable line(s) in ${file}`);
  }

  return {
    ready: (async () => {
      await mkdir(dataDir, { recursive: true });
      await repair(liveFile);
      await repair(droppedFile);
      liveBytes = (await stat(liveFile).catch(() => undefined))?.size ?? 0;
    })(),
    target: join(dataDir, LIVE_FILE),
    async loadIds(onEventId, onBatchId, maxIds) {
      // Newest files first, until the window is full; then replayed oldest first.
      const files = [...(await listRotated(dataDir)), liveFile];
      const perFile: string[][] = [];
      let total = 0;
      for (let i = files.length - 1; i >= 0 && total < maxIds; i--) {
        const ids: string[] = [];
        await readIds(files[i]!, 'id', (id) => ids.push(id));
        perFile.unshift(ids);
        total += ids.length;
      }
      for (const ids of perFile) for (const id of ids) onEventId(id);
      await readIds(droppedFile, 'batchId', onBatchId);
    },
    encodeEvent(event, batch, receivedAt) {
      const siteId = batch.siteId ?? null;
      // Appending the two fields to the event's own JSON is twice as fast as copying it,
      // unless the event carries fields of those names, which must be replaced.
      if ('receivedAt' in event || 'siteId' in event) {
        return `${JSON.stringify({ ...event, receivedAt, siteId })}\n`;
      }
      const json = JSON.stringify(event);
      return `${json.slice(0, -1)},"receivedAt":${JSON.stringify(receivedAt)},"siteId":${JSON.stringify(siteId)}}\n`;
    },
    encodeDropped: (batch, receivedAt) =>
      `${JSON.stringify({
        batchId: batch.batchId,
        siteId: batch.siteId ?? null,
        receivedAt,
        sdk_dropped: batch.sdk_dropped,
      })}\n`,
    async write(rows) {
      if (rows.events.length && !eventsDone.has(rows)) {
        const text = rows.events.join('');
        const bytes = Buffer.byteLength(text);
        await rotateIfDue(bytes);
        await events.append(text);
        liveBytes += bytes;
        eventsDone.add(rows);
      }
      if (rows.dropped.length) await dropped.append(rows.dropped.join(''));
    },
    isRetryable: () => true,
    async close() {
      await Promise.all([events.close(), dropped.close()]);
    },
  };
}
