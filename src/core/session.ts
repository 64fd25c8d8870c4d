import { campaignKey } from './url.js';
import { uuid } from './uuid.js';

/** Identity stamped on an event. */
export interface Stamp {
  sid: string;
  seq: number;
  vid: string;
  uid?: string;
}

/**
 * `seq` numbers are reserved in blocks in storage, so the record is written once per block (or
 * every {@link WRITE_EVERY_MS}) instead of on every event: `seq` never repeats, across page loads,
 * tabs and crashes, but may jump between pages.
 */
export const SEQ_BLOCK = 50;
/** Longest time between two writes of the session's last activity. */
export const WRITE_EVERY_MS = 10_000;

interface SessionRecord {
  sid: string;
  seq: number;
  last: number;
  campaign: string;
}
interface VisitorRecord {
  vid: string;
  uid?: string;
}

/** Sessions and visitor identity, kept in a small storage record so they survive page loads. */
export interface Session {
  /** Stamps the next event at `now` on page `href`: starts a new session when due. */
  next(href: string): Stamp;
  /** Sets the user id (kept across sessions). */
  identify(uid: string): void;
  /** Forgets everything (consent denied). */
  forget(): void;
}

/**
 * `storage` is `localStorage` where usable: a few hundred synchronous bytes, never the queue.
 * Re-read on every stamp so a page load, or another tab, continues the same `seq`.
 */
export function createSession(o: {
  prefix: string;
  timeoutMs: number;
  now: () => number;
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined;
  onStorageError: (e: unknown) => void;
}): Session {
  const sKey = `${o.prefix}:session`;
  const vKey = `${o.prefix}:visitor`;
  let mem: { v?: VisitorRecord } = {};
  let storage = o.storage;

  const read = <T>(key: string, fallback: T | undefined): T | undefined => {
    if (!storage) return fallback;
    try {
      const raw = storage.getItem(key);
      return raw ? (JSON.parse(raw) as T) : fallback;
    } catch (e) {
      storage = undefined; // blocked or corrupt: carry on in memory
      o.onStorageError(e);
      return fallback;
    }
  };
  const write = (key: string, value: object) => {
    try {
      storage?.setItem(key, JSON.stringify(value));
    } catch (e) {
      storage = undefined;
      o.onStorageError(e);
    }
  };
  const visitor = (): VisitorRecord => {
    if (mem.v) return mem.v;
    let v = read<VisitorRecord>(vKey, undefined);
    if (!v || typeof v.vid !== 'string') {
      v = { vid: uuid() };
      write(vKey, v);
    }
    return (mem.v = v);
  };
  const load = (): SessionRecord | undefined => {
    const s = read<SessionRecord>(sKey, undefined);
    return s && typeof s.sid === 'string' && typeof s.seq === 'number' ? s : undefined;
  };
  // The record holds the highest seq reserved, so no other page or tab reuses a number below it.
  const save = (now: number) => {
    const c = cur!;
    const stored = load();
    if (stored?.sid === c.sid) c.reserved = Math.max(c.reserved, stored.seq);
    if (c.seq > c.reserved) c.reserved = c.seq - 1 + SEQ_BLOCK;
    write(sKey, { sid: c.sid, seq: c.reserved, last: c.last, campaign: c.campaign });
    c.written = now;
  };
  let cur: (SessionRecord & { reserved: number; written: number }) | undefined;
  let lastHref = '';
  let lastCampaign = '';
  const fresh = (s: SessionRecord | undefined, now: number, campaign: string) =>
    !!s && now - s.last <= o.timeoutMs && !(campaign && campaign !== s.campaign);

  return {
    next(href) {
      const now = o.now();
      if (href !== lastHref) lastCampaign = campaignKey((lastHref = href));
      const campaign = lastCampaign;
      if (!fresh(cur, now, campaign)) {
        // Another tab may have kept the session alive, or started the next one.
        const s = load();
        cur = fresh(s, now, campaign)
          ? { ...s!, reserved: s!.seq, written: 0 }
          : { sid: uuid(), seq: 0, last: now, campaign, reserved: 0, written: 0 };
      }
      const c = cur!;
      c.seq += 1;
      c.last = Math.max(c.last, now);
      if (c.seq > c.reserved) {
        const stored = load();
        if (stored?.sid === c.sid && stored.seq >= c.seq) c.seq = stored.seq + 1; // another tab's block
        save(now);
      } else if (now - c.written > WRITE_EVERY_MS) save(now);
      const v = visitor();
      return v.uid
        ? { sid: c.sid, seq: c.seq, vid: v.vid, uid: v.uid }
        : { sid: c.sid, seq: c.seq, vid: v.vid };
    },
    identify(uid) {
      const v = { ...visitor(), uid };
      write(vKey, v);
      mem.v = v;
    },
    forget() {
      mem = {};
      cur = undefined;
      try {
        storage?.removeItem(sKey);
        storage?.removeItem(vKey);
      } catch {}
    },
  };
}
