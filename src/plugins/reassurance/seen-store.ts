import type { ReassuranceKind } from './kinds.js';

/** What a session's pages showed: kinds present on some page, and kinds the visitor saw. */
export interface SessionKinds {
  present: ReassuranceKind[];
  seen: ReassuranceKind[];
}

/** The session's reassurance record, across page loads of the tab. */
export interface SeenStore {
  add(sid: string, what: keyof SessionKinds, kinds: Iterable<ReassuranceKind>): void;
  get(sid: string): SessionKinds;
}

/**
 * Kept in sessionStorage under `key` as `{ sid, present, seen }` (a few dozen bytes): a new
 * session id starts it over. In memory where sessionStorage is unusable (sandboxed frames).
 */
export function createSeenStore(key: string, storage: Storage | null = safeSession()): SeenStore {
  let mem: (SessionKinds & { sid: string }) | undefined;
  const load = (sid: string): SessionKinds & { sid: string } => {
    if (mem?.sid === sid) return mem;
    try {
      const v = JSON.parse(storage?.getItem(key) ?? 'null') as typeof mem;
      if (v?.sid === sid && Array.isArray(v.present) && Array.isArray(v.seen)) return (mem = v);
    } catch {}
    return (mem = { sid, present: [], seen: [] });
  };
  return {
    add(sid, what, kinds) {
      const r = load(sid);
      const before = r[what].length;
      for (const k of kinds) if (!r[what].includes(k)) r[what].push(k);
      if (r[what].length === before) return;
      try {
        storage?.setItem(key, JSON.stringify(r));
      } catch {} // full or blocked: the record lives on in memory for this page
    },
    get: (sid) => {
      const r = load(sid);
      return { present: [...r.present], seen: [...r.seen] };
    },
  };
}

function safeSession(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}
