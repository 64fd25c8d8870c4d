import type { ValidBatch, ValidEvent } from './batch-schema.js';
import type { Rows } from './group-commit.js';

/**
 * Where the collector stores events: NDJSON files ({@link createNdjsonSink}) or ClickHouse
 * ({@link createClickHouseSink}). The collector validates, dedupes and groups; a sink only
 * encodes rows and stores them.
 */
export interface Sink {
  /** Resolves once the sink can take writes (files repaired, tables created). */
  ready: Promise<void>;
  /** Where events go, for the start-up line (no credentials). */
  readonly target: string;
  /**
   * Replays the ids already stored, oldest first, so the dedupe windows survive a restart.
   * Sinks that dedupe by themselves (ClickHouse) leave it out.
   */
  loadIds?(
    onEventId: (id: string) => void,
    onBatchId: (id: string) => void,
    maxIds: number,
  ): Promise<void>;
  /** One stored line for `event` (ending with `\n`). */
  encodeEvent(event: ValidEvent, batch: ValidBatch, receivedAt: number): string;
  /** One stored line for the batch's `sdk_dropped` report (ending with `\n`). */
  encodeDropped(batch: ValidBatch, receivedAt: number): string;
  /**
   * Stores `rows` durably before resolving. May be called again with the same object after
   * a failure, and must then not store twice what the failed call already stored.
   */
  write(rows: Rows): Promise<void>;
  /** Whether a failed write may succeed if tried again (false: the rows themselves are refused). */
  isRetryable(error: unknown): boolean;
  /** Stops retrying, closes files and connections. */
  close(): Promise<void>;
}
