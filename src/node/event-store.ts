import type { ValidBatch } from './batch-schema.js';
import { createGroupCommit } from './group-commit.js';
import type { GroupCommitOptions, Rows } from './group-commit.js';
import { unavailable } from './http-error.js';
import { createIdWindow } from './id-window.js';
import type { Sink } from './sink.js';

/** What {@link EventStore.ingest} did with a batch. */
export interface IngestResult {
  /** Events stored (new ids). */
  accepted: number;
  /** Events skipped because their id was already stored, on its way, or repeated in the batch. */
  duplicates: number;
}

/** Deduped, grouped, acknowledged writes to a {@link Sink}; see {@link createEventStore}. */
export interface EventStore {
  /** Resolves once the sink is ready and the dedupe windows are loaded. */
  ready: Promise<void>;
  /** Stores a batch's new events (and its drop report), resolving once they are durable. */
  ingest(batch: ValidBatch, receivedAt: number): Promise<IngestResult>;
  /** Rows queued or being written. */
  readonly pendingRows: number;
  /** Writes what is queued (for up to `graceMs`), then closes the sink. */
  close(graceMs: number): Promise<void>;
}

/** Options of {@link createEventStore}. */
export interface EventStoreOptions extends Omit<GroupCommitOptions, 'write' | 'isRetryable'> {
  sink: Sink;
  /** How many of the newest event ids are remembered for deduplication. */
  dedupeWindow: number;
  /** A request whose events are not stored by then is answered 503, in ms. */
  ackTimeoutMs: number;
}

/**
 * Puts a sink behind an in-memory dedupe window and a group commit. An id joins the
 * window once its row is stored; while it is on its way, a request carrying it again
 * waits for that same write rather than writing it twice, so no request is answered 200
 * before every one of its events is stored.
 */
export function createEventStore(options: EventStoreOptions): EventStore {
  const { sink, dedupeWindow, ackTimeoutMs } = options;
  const ids = createIdWindow(dedupeWindow);
  const batchIds = createIdWindow(Math.min(dedupeWindow, 100_000));
  const onTheirWay = new Map<string, Promise<boolean>>();
  const commit = createGroupCommit({
    ...options,
    write: (rows) => sink.write(rows),
    isRetryable: (error) => sink.isRetryable(error),
  });
  const ready = sink.ready.then(() => sink.loadIds?.(ids.add, batchIds.add, dedupeWindow));
  let closed = false;
  let isReady = false;
  ready.then(
    () => (isReady = true),
    () => {},
  );

  // Before the sink is ready (ClickHouse still down at start), requests wait a while for it.
  function readyWithin(ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const late = setTimeout(
        () => reject(unavailable('unavailable', 'storage is not reachable yet; retry later')),
        ms,
      );
      ready.then(
        () => {
          clearTimeout(late);
          resolve();
        },
        () => {
          clearTimeout(late);
          reject(unavailable('unavailable', 'storage could not be opened'));
        },
      );
    });
  }

  function waitFor(pending: Promise<boolean>[]): Promise<void> {
    if (!pending.length) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const late = setTimeout(
        () => reject(unavailable('timeout', 'events were not stored in time')),
        ackTimeoutMs,
      );
      void Promise.all(pending).then((written) => {
        clearTimeout(late);
        if (written.every(Boolean)) resolve();
        else reject(unavailable('unavailable', 'events could not be stored; retry later'));
      });
    });
  }

  // Not async, and closures see only ids: a request held for its write keeps its rows
  // (strings), not the parsed batch, so thousands of held requests stay cheap.
  function ingest(batch: ValidBatch, receivedAt: number): Promise<IngestResult> {
    const fresh: string[] = [];
    let lines = '';
    const pending = new Set<Promise<boolean>>();
    const seen = new Set<string>();
    for (const event of batch.events) {
      if (seen.has(event.id)) continue;
      seen.add(event.id);
      const onItsWay = onTheirWay.get(event.id);
      if (onItsWay) pending.add(onItsWay);
      else if (!ids.has(event.id)) {
        fresh.push(event.id);
        lines += sink.encodeEvent(event, batch, receivedAt);
      }
    }
    const { batchId } = batch;
    const dropKey = `batch:${batchId}`;
    let report = '';
    if (batch.sdk_dropped && !batchIds.has(batchId)) {
      const onItsWay = onTheirWay.get(dropKey);
      if (onItsWay) pending.add(onItsWay);
      else report = sink.encodeDropped(batch, receivedAt);
    }
    const result = { accepted: fresh.length, duplicates: batch.events.length - fresh.length };
    let stored: Promise<void> = Promise.resolve();
    if (lines || report) {
      const rows: Rows = {
        events: lines ? [lines] : [],
        dropped: report ? [report] : [],
        count: fresh.length + (report ? 1 : 0),
      };
      const reported = report !== '';
      const keys = reported ? [...fresh, dropKey] : fresh;
      let settled!: (written: boolean) => void;
      const done = new Promise<boolean>((resolve) => (settled = resolve));
      for (const key of keys) onTheirWay.set(key, done);
      stored = commit.submit(rows, {
        timeoutMs: ackTimeoutMs,
        onSettled(written) {
          for (const key of keys) onTheirWay.delete(key);
          if (written) {
            for (const id of fresh) ids.add(id);
            if (reported) batchIds.add(batchId);
          }
          settled(written);
        },
      });
    }
    return Promise.all([stored, waitFor([...pending])]).then(() => result);
  }

  return {
    ready,
    ingest(batch, receivedAt) {
      if (closed) return Promise.reject(unavailable('unavailable', 'the collector is stopping'));
      if (isReady) return ingest(batch, receivedAt);
      return readyWithin(ackTimeoutMs).then(() => ingest(batch, receivedAt));
    },
    get pendingRows() {
      return commit.pendingRows;
    },
    async close(graceMs) {
      closed = true;
      await commit.close(graceMs);
      await sink.close();
    },
  };
}
