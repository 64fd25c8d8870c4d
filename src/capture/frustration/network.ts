import type { Stop } from '../../core/stop.js';
import { ownFetchWrapper } from '../../transport/post.js';

/** One request the page made: when it started and how it ended (status 0: network failure). */
export interface RequestRecord {
  _start: number;
  _end?: number;
  _status?: number;
}

/**
 * Follows the page's own `fetch` and `XMLHttpRequest` calls (SIGNALS.md §4.2 "pending-network
 * state", error clicks on 4xx/5xx). The wrappers call the originals unchanged and only note
 * times and statuses; requests to `skip` (the tracker's endpoint) are not followed. `stop`
 * restores the originals unless someone wrapped them after us.
 */
export function watchNetwork(
  now: () => number,
  skip: (url: string) => boolean,
  onStart: (r: RequestRecord) => void,
  onEnd: (r: RequestRecord) => void,
): Stop {
  const stops: Stop[] = [];
  const begin = (url: string): RequestRecord | undefined => {
    if (skip(url)) return undefined;
    const r: RequestRecord = { _start: now() };
    onStart(r);
    return r;
  };
  const end = (r: RequestRecord | undefined, status: number) => {
    if (!r || r._end !== undefined) return;
    r._end = now();
    r._status = status;
    onEnd(r);
  };
  const origFetch = window.fetch;
  if (typeof origFetch === 'function') {
    const wrapped = function (this: unknown, ...args: Parameters<typeof fetch>) {
      const input = args[0];
      let r: RequestRecord | undefined;
      try {
        r = begin(typeof input === 'string' ? input : ((input as Request)?.url ?? String(input)));
      } catch {}
      const p = origFetch.apply(this, args);
      if (r)
        p.then(
          (res) => end(r, res.status),
          () => end(r, 0),
        );
      return p;
    } as typeof fetch;
    window.fetch = wrapped;
    ownFetchWrapper(wrapped, origFetch); // the SDK's own posts go around it
    stops.push(() => {
      if (window.fetch === wrapped) window.fetch = origFetch;
    });
  }
  const proto = typeof XMLHttpRequest === 'function' ? XMLHttpRequest.prototype : undefined;
  if (proto) {
    const { open, send } = proto;
    const urls = new WeakMap<XMLHttpRequest, string>();
    proto.open = function (this: XMLHttpRequest, ...args: unknown[]) {
      urls.set(this, String(args[1]));
      return (open as (...a: unknown[]) => void).apply(this, args);
    } as typeof open;
    proto.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
      let r: RequestRecord | undefined;
      try {
        r = begin(urls.get(this) ?? '');
        if (r)
          this.addEventListener('loadend', () => end(r, this.status), {
            once: true,
            passive: true,
          });
      } catch {}
      return send.call(this, body);
    };
    stops.push(() => {
      proto.open = open;
      proto.send = send;
    });
  }
  return () => {
    for (const s of stops.splice(0)) s();
  };
}
