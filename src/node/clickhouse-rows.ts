import type { ValidBatch, ValidEvent } from './batch-schema.js';

const SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `text` with lone UTF-16 surrogates replaced by U+FFFD. JSON allows `"\ud800"`, and
 * ClickHouse refuses the whole insert over it ("missing second part of surrogate pair").
 */
export function wellFormed(text: string): string {
  return SURROGATE.test(text) ? text.replace(LONE_SURROGATE, '\uFFFD') : text;
}

/** `n` as a whole number ClickHouse's `UInt64` accepts: no sign, fraction or exponent. */
export function uint(n: number): number {
  return Number.isFinite(n) ? Math.min(Math.max(Math.trunc(n), 0), Number.MAX_SAFE_INTEGER) : 0;
}

const text = (value: string): string => JSON.stringify(wellFormed(value));

/** The columns that are the same for every event of a batch, already JSON-encoded. */
const batchColumns = new WeakMap<ValidBatch, string>();

function batchPart(batch: ValidBatch, receivedAt: number): string {
  let part = batchColumns.get(batch);
  if (part === undefined) {
    part =
      `"site_id":${text(batch.siteId ?? '')},"received_at":${uint(receivedAt)},` +
      `"batch_id":${text(batch.batchId)},"sdk_version":${text(batch.sdk.version)}`;
    batchColumns.set(batch, part);
  }
  return part;
}

/**
 * One `JSONEachRow` line of the events table (see `clickhouse-schema.ts`). Every value is
 * made to fit its column here (validated numbers can still be negative, fractional or
 * 1e300), because ClickHouse refuses a whole insert over one value it cannot parse.
 * Nested values (`props`, unknown event keys in `extra`) are stored as JSON text, whose
 * escapes ClickHouse keeps as they are. Written out by hand, with the batch's columns
 * encoded once: this runs for every event.
 */
export function toClickHouseRow(event: ValidEvent, batch: ValidBatch, receivedAt: number): string {
  const { id, type, ts, seq, sid, vid, uid, url, path, props, ...extra } = event;
  const extraJson = Object.keys(extra).length ? JSON.stringify(extra) : '{}';
  return (
    `{"id":${JSON.stringify(id)},"type":${text(type)},"ts":${uint(ts)},"seq":${uint(seq)},` +
    `"sid":${text(sid)},"vid":${text(vid)},"uid":${text(uid ?? '')},"url":${text(url)},` +
    `"path":${text(path)},"props":${JSON.stringify(JSON.stringify(props))},` +
    `"extra":${JSON.stringify(extraJson)},${batchPart(batch, receivedAt)}}\n`
  );
}

/** One `JSONEachRow` line of the `<table>_sdk_dropped` table. */
export function toClickHouseDroppedRow(batch: ValidBatch, receivedAt: number): string {
  return `${JSON.stringify({
    batch_id: wellFormed(batch.batchId),
    site_id: wellFormed(batch.siteId ?? ''),
    received_at: uint(receivedAt),
    counts: JSON.stringify(batch.sdk_dropped ?? {}),
  })}\n`;
}
