import type { SessionDocument } from '../../core/replay-types.js';
import type { TrackEvent } from '../../core/types.js';
import { createClickHouseHttp } from '../clickhouse-http.js';
import { checkIdentifier } from '../clickhouse-schema.js';
import { forEachJsonLine } from '../ndjson-file.js';
import { listRotated, LIVE_FILE } from '../ndjson-rotation.js';
import { join } from 'node:path';

/** Session ids are UUIDs; anything outside this never reaches a query. */
const SID = /^[\w-]{1,100}$/;

/** Checks a `--sid` value. @throws an Error saying what a session id looks like. */
export function checkSid(sid: string): string {
  if (!SID.test(sid))
    throw new Error(`--sid must be a session id (letters, digits, -), got ${JSON.stringify(sid)}`);
  return sid;
}

/**
 * The session document of session `sid` from collected events (any order, duplicates allowed:
 * delivery is at least once). The collector's own fields (`receivedAt`, `siteId`) are left out;
 * the viewport is the first page view's; `device.touch` is whether a click was a touch.
 *
 * @throws an Error when no event of `sid` is among them.
 */
export function sessionFromEvents(events: Iterable<unknown>, sid: string): SessionDocument {
  const byId = new Map<string, TrackEvent>();
  for (const raw of events) {
    if (typeof raw !== 'object' || raw === null) continue;
    const e = { ...(raw as TrackEvent & Record<string, unknown>) };
    delete e.receivedAt;
    delete e.siteId;
    if (e.sid === sid && typeof e.id === 'string' && !byId.has(e.id)) byId.set(e.id, e);
  }
  const list = [...byId.values()].sort((a, b) => a.seq - b.seq || a.ts - b.ts);
  if (!list.length) throw new Error(`no event of session ${sid} was found`);
  const view = list.find((e) => e.type === 'pageview')?.props.viewport as
    { w?: unknown; h?: unknown } | undefined;
  const ok = (n: unknown) => typeof n === 'number' && n >= 1 && n <= 10_000;
  return {
    v: 1,
    sid,
    vid: list[0]!.vid,
    device: {
      touch: list.some((e) => e.type === 'click' && e.props.pointer === 'touch'),
    },
    viewport:
      view && ok(view.w) && ok(view.h)
        ? { w: Number(view.w), h: Number(view.h) }
        : { w: 1280, h: 720 },
    startedAt: list[0]!.ts,
    events: list,
  };
}

/** Reads session `sid` from the collector's NDJSON files in `dataDir` (rotated ones too). */
export async function exportFromNdjson(dataDir: string, sid: string): Promise<SessionDocument> {
  const found: unknown[] = [];
  for (const file of [...(await listRotated(dataDir)), join(dataDir, LIVE_FILE)]) {
    await forEachJsonLine(file, (line) => {
      if ((line as { sid?: unknown } | null)?.sid === sid) found.push(line);
    });
  }
  try {
    return sessionFromEvents(found, sid);
  } catch (error) {
    throw new Error(`${(error as Error).message} in ${dataDir}`, { cause: error });
  }
}

/** One row of the events table as `JSONEachRow` prints it (64-bit numbers may come quoted). */
interface Row {
  [k: string]: unknown;
  props: string;
  extra: string;
}

/** A ClickHouse row as the event it was stored from. */
export function eventOfRow(row: Row): TrackEvent {
  const parse = (text: unknown) => {
    try {
      const v = JSON.parse(String(text)) as unknown;
      return typeof v === 'object' && v !== null && !Array.isArray(v)
        ? (v as Record<string, unknown>)
        : {};
    } catch {
      return {};
    }
  };
  const e = {
    ...parse(row.extra),
    id: String(row.id),
    type: String(row.type),
    ts: Number(row.ts),
    seq: Number(row.seq),
    sid: String(row.sid),
    vid: String(row.vid),
    url: String(row.url),
    path: String(row.path),
    props: parse(row.props),
  } as TrackEvent;
  if (row.uid) e.uid = String(row.uid);
  return e;
}

/** The query that reads one session (`FINAL` collapses events stored twice). */
export function sessionQuery(database: string, table: string, sid: string): string {
  return (
    `SELECT id, type, ts, seq, sid, vid, uid, url, path, props, extra FROM ` +
    `${checkIdentifier('database', database)}.${checkIdentifier('table', table)} FINAL ` +
    `WHERE sid = '${checkSid(sid)}' ORDER BY seq FORMAT JSONEachRow`
  );
}

/** Reads session `sid` from ClickHouse's events table over HTTP. */
export async function exportFromClickHouse(o: {
  url: string;
  database: string;
  table: string;
  sid: string;
  username?: string;
  password?: string;
}): Promise<SessionDocument> {
  const http = createClickHouseHttp({
    url: o.url,
    username: o.username,
    password: o.password,
    timeoutMs: 30_000,
  });
  const text = await http.exec(sessionQuery(o.database, o.table, o.sid));
  const rows = text
    .split('\n')
    .filter(Boolean)
    .map((line) => eventOfRow(JSON.parse(line) as Row));
  try {
    return sessionFromEvents(rows, o.sid);
  } catch (error) {
    throw new Error(`${(error as Error).message} in ClickHouse at ${http.where}`, {
      cause: error,
    });
  }
}
