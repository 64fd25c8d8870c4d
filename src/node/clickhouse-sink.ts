import { backoffMs } from './backoff.js';
import {
  createClickHouseHttp,
  isClickHouseError,
  isRetryableClickHouseError,
} from './clickhouse-http.js';
import { toClickHouseDroppedRow, toClickHouseRow } from './clickhouse-rows.js';
import { checkIdentifier, droppedTableSql, eventsTableSql } from './clickhouse-schema.js';
import type { Rows } from './group-commit.js';
import type { Sink } from './sink.js';

/** Where and how the collector stores events in ClickHouse. */
export interface ClickHouseOptions {
  /** ClickHouse's HTTP interface, `http://127.0.0.1:8123` (`user:password@` allowed). */
  url: string;
  /** Created if missing. @defaultValue `'parcours'` */
  database?: string;
  /** Created if missing, with `<table>_sdk_dropped` beside it. @defaultValue `'events'` */
  table?: string;
  /** Overrides the URL's user name. */
  username?: string;
  /** Overrides the URL's password. */
  password?: string;
  /** An insert with no answer by then fails and is retried, in ms. @defaultValue `30_000` */
  timeoutMs?: number;
}

/** Options of {@link createClickHouseSink}. */
export interface ClickHouseSinkOptions extends ClickHouseOptions {
  log: (line: string) => void;
  /** Retry delays while the tables cannot be created, in ms. */
  retryBaseMs: number;
  retryMaxMs: number;
}

// ClickHouse: unknown table, unknown database. Someone dropped them: create them again.
const MISSING_TABLE = new Set([60, 81]);

/**
 * Stores events in ClickHouse over HTTP: creates the database and tables if missing (and
 * again if they disappear), and inserts each group of rows as one `INSERT … FORMAT
 * JSONEachRow`, resolving only once ClickHouse acknowledged it. `ready` keeps retrying
 * with backoff while ClickHouse is down, until `close()`.
 */
export function createClickHouseSink(options: ClickHouseSinkOptions): Sink {
  const database = checkIdentifier('ClickHouse database', options.database ?? 'parcours');
  const table = checkIdentifier('ClickHouse table', options.table ?? 'events');
  const { log } = options;
  const http = createClickHouseHttp({ ...options, timeoutMs: options.timeoutMs ?? 30_000 });
  const insertEvents = `INSERT INTO ${database}.${table} FORMAT JSONEachRow`;
  const insertDropped = `INSERT INTO ${database}.${table}_sdk_dropped FORMAT JSONEachRow`;
  const eventsDone = new WeakSet<Rows>();
  let schema: Promise<void> | undefined;
  let closed = false;
  let wake: (() => void) | undefined;

  function ensureSchema(): Promise<void> {
    schema ??= (async () => {
      await http.exec(`CREATE DATABASE IF NOT EXISTS ${database}`);
      await http.exec(eventsTableSql(database, table));
      await http.exec(droppedTableSql(database, table));
    })().catch((error: unknown) => {
      schema = undefined;
      throw error;
    });
    return schema;
  }

  async function insert(query: string, lines: string[]): Promise<void> {
    try {
      await http.exec(query, lines.join(''));
    } catch (error) {
      if (isClickHouseError(error) && MISSING_TABLE.has(error.code ?? 0)) schema = undefined;
      throw error;
    }
  }

  const ready = (async () => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await ensureSchema();
      } catch (error) {
        if (closed) throw error;
        const delay = backoffMs(attempt, options.retryBaseMs, options.retryMaxMs);
        log(
          `waiting for ClickHouse (attempt ${attempt}, next in ${delay} ms): ${(error as Error).message}`,
        );
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        if (closed) throw new Error('closed before ClickHouse was reachable', { cause: error });
      }
    }
  })();

  return {
    ready,
    target: `${http.where} ${database}.${table}`,
    encodeEvent: toClickHouseRow,
    encodeDropped: toClickHouseDroppedRow,
    async write(rows) {
      await ensureSchema();
      if (rows.events.length && !eventsDone.has(rows)) {
        await insert(insertEvents, rows.events);
        eventsDone.add(rows);
      }
      if (rows.dropped.length) await insert(insertDropped, rows.dropped);
    },
    isRetryable: isRetryableClickHouseError,
    async close() {
      closed = true;
      wake?.();
      await ready.catch(() => {});
    },
  };
}
