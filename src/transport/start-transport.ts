import type { Outbox, Queue } from '../core/queue.js';
import type { Stop } from '../core/stop.js';
import type { FlushResult } from '../core/types.js';
import type { DrainResult, Sender } from './sender.js';

/** Delay before the first send of a page: leftovers of earlier pages go out without slowing the load. */
export const FIRST_SEND_DELAY_MS = 1_000;

export interface TransportDeps {
  sender: Sender;
  outbox: Outbox;
  queue: Queue;
  maxEvents: number;
  maxBytes: number;
  intervalMs: number;
  now: () => number;
  /** False while consent is not granted. */
  canSend: () => boolean;
  /** Lets plugins emit what they hold before the page's last write and send. */
  beforeFlush: () => void;
  /** Adds a passive listener (guarded) and returns its stop. */
  listen: (target: EventTarget, type: string, fn: (e: Event) => void) => Stop;
  onError: (e: unknown) => void;
}

export interface Transport {
  /** Sends soon, unless a send is running (then once more after it) or a retry is pending. */
  kick(force?: boolean): void;
  /** Writes, sends what can be sent, and tells what is left. */
  flush(): Promise<FlushResult>;
  /** Called after the outbox wrote: sends when a batch is full. */
  persisted(): void;
  stop: Stop;
}

/**
 * The batcher: sends when a batch is full (count or bytes), every `intervalMs` while events
 * wait, when the page is hidden, when the network comes back, and when a retry is due. On
 * `pagehide` it beacons synchronously what the page has not sent (the page may not live for
 * another task).
 */
export function startTransport(d: TransportDeps): Transport {
  let running: Promise<DrainResult | undefined> | undefined;
  let again = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let retryAt = 0;
  let backlog = false; // events left after the last send: leased elsewhere, or another tab's
  let stopped = false;
  let unloading = false; // between pagehide and a bfcache restore: no send starts

  const run = (force: boolean) => {
    const p = d.sender.drain(force).then((r) => {
      retryAt = r.retryAt;
      backlog = r.left > 0;
      clearTimeout(retryTimer);
      if (r.retryAt && !stopped) retryTimer = setTimeout(() => kick(), r.retryAt - d.now());
      return r;
    });
    running = p
      .catch((e: unknown) => void d.onError(e))
      .finally(() => {
        running = undefined;
        if (again && !stopped) {
          again = false;
          kick();
        }
      });
    return p;
  };
  const kick = (force = false) => {
    if (stopped || unloading || !d.canSend()) return;
    if (!force && retryAt > d.now()) return;
    if (running) {
      again = true;
      return;
    }
    void run(force);
  };

  // The page may not live for another task (or is frozen in the bfcache): beacon, cut what
  // waits in IndexedDB, then write without reading (putNow).
  const last = () => {
    const beaconed = d.canSend() ? d.sender.beaconUnsent() : [];
    d.queue.cut();
    d.outbox.persistNow(beaconed);
  };
  const stops: Stop[] = [
    d.listen(document, 'visibilitychange', () => {
      if (document.visibilityState !== 'hidden') return;
      d.beforeFlush();
      // Chromium fires visibilitychange after pagehide when leaving: what was recorded in
      // between (web-vitals reports there) needs the pagehide path too.
      if (unloading) last();
      else d.outbox.persist().then(() => kick(), d.onError);
    }),
    d.listen(window, 'pagehide', () => {
      unloading = true;
      d.beforeFlush();
      last();
    }),
    d.listen(window, 'pageshow', (e) => {
      unloading = false;
      d.queue.resume();
      if ((e as PageTransitionEvent).persisted) {
        d.sender.confirmBeacons();
        kick();
      }
    }),
    d.listen(window, 'online', () => kick(true)),
  ];
  const interval = setInterval(() => {
    if (d.outbox.size || backlog) kick();
  }, d.intervalMs);
  const first = setTimeout(() => kick(), FIRST_SEND_DELAY_MS);
  stops.push(() => {
    stopped = true;
    clearInterval(interval);
    clearTimeout(first);
    clearTimeout(retryTimer);
  });

  return {
    kick,
    persisted() {
      if (d.outbox.size >= d.maxEvents || d.outbox.bytes >= d.maxBytes) kick();
    },
    async flush() {
      d.beforeFlush();
      await d.outbox.persist();
      let sent = 0;
      let failed = 0;
      if (d.canSend()) {
        // A send already under way counts: its events left during this flush.
        for (const r of [await running, await run(true)]) {
          sent += r?.sent ?? 0;
          failed += r?.failed ?? 0;
        }
      }
      return { sent, failed, pending: await d.queue.count() };
    },
    stop: () => {
      for (const s of stops.splice(0)) s();
    },
  };
}
