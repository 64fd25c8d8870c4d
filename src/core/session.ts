import { campaignKey } from './url.js';
import { uuid } from './uuid.js';

/** Identity stamped on an event. */
export interface Stamp {
  sid: string;
  seq: number;
  vid: string;
  uid?: string;
}

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
  let mem: { s?: SessionRecord; v?: VisitorRecord } = {};
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
    let v = read<VisitorRecord>(vKey, mem.v);
    if (!v || typeof v.vid !== 'string') {
      v = { vid: uuid() };
      write(vKey, v);
    }
    return (mem.v = v);
  };

  return {
    next(href) {
      const now = o.now();
      const campaign = campaignKey(href);
      let s = read<SessionRecord>(sKey, mem.s);
      if (
        !s ||
        typeof s.seq !== 'number' ||
        now - s.last > o.timeoutMs ||
        (campaign && campaign !== s.campaign)
      ) {
        s = { sid: uuid(), seq: 0, last: now, campaign };
      }
      s.seq += 1;
      s.last = Math.max(s.last, now);
      write(sKey, s);
      mem.s = s;
      const v = visitor();
      return v.uid
        ? { sid: s.sid, seq: s.seq, vid: v.vid, uid: v.uid }
        : { sid: s.sid, seq: s.seq, vid: v.vid };
    },
    identify(uid) {
      const v = { ...visitor(), uid };
      write(vKey, v);
      mem.v = v;
    },
    forget() {
      mem = {};
      try {
        storage?.removeItem(sKey);
        storage?.removeItem(vKey);
      } catch {}
    },
  };
}
