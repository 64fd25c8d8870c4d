const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * Checks a database or table name. Names are written into SQL, so only plain identifiers
 * are accepted: no quoting games, whatever the command line says.
 *
 * @throws an `Error` naming `what` when `name` is not a plain identifier.
 */
export function checkIdentifier(what: string, name: string): string {
  if (!NAME.test(name)) {
    throw new Error(
      `${what} must be letters, digits and _ (not starting with a digit), got ${JSON.stringify(name)}`,
    );
  }
  return name;
}

/**
 * The events table. Written for ClickHouse 18.16 (Debian's) and current versions alike:
 * no `DateTime64`, `Map`, `JSON` or `LowCardinality`, so times are epoch-ms `UInt64` and
 * `props` is JSON text (read it with `JSONExtract*`, or `visitParamExtract*` on old servers).
 * `ReplacingMergeTree` ordered by `id` collapses the rows of an event sent twice
 * (at-least-once delivery) when parts merge, and at once in `SELECT … FINAL`.
 */
export function eventsTableSql(database: string, table: string): string {
  return `CREATE TABLE IF NOT EXISTS ${database}.${table} (
  id String,
  site_id String,
  type String,
  ts UInt64,
  received_at UInt64,
  seq UInt64,
  sid String,
  vid String,
  uid String,
  url String,
  path String,
  props String,
  extra String,
  batch_id String,
  sdk_version String
) ENGINE = ReplacingMergeTree ORDER BY id`;
}

/** The table of `sdk_dropped` reports (`<table>_sdk_dropped`), one row per batch that reported drops. */
export function droppedTableSql(database: string, table: string): string {
  return `CREATE TABLE IF NOT EXISTS ${database}.${table}_sdk_dropped (
  batch_id String,
  site_id String,
  received_at UInt64,
  counts String
) ENGINE = ReplacingMergeTree ORDER BY batch_id`;
}
