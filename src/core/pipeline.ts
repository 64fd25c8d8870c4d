// Part of the composition root (tracker.ts): the only other core file that starts store and
// transport modules.
import { createQueue } from '../store/create-queue.js';
import { createOutbox } from '../store/outbox.js';
import { createSender, type TabMessage } from '../transport/sender.js';
import { startTransport, type Transport } from '../transport/start-transport.js';
import type { ResolvedConfig } from './config.js';
import type { Guard } from './guard.js';
import type { Outbox, Queue } from './queue.js';
import type { Stop } from './stop.js';
import type { TrackerOptions } from './tracker-types.js';

/** Where events go after `emit`: outbox → IndexedDB queue → batches → endpoint. */
export interface Pipeline {
  queue: Queue;
  outbox: Outbox;
  transport: Transport;
  /** Deletes everything waiting (consent denied). */
  forget(): void;
  stop: Stop;
}

export function createPipeline(
  cfg: ResolvedConfig,
  o: TrackerOptions,
  d: {
    now: () => number;
    random: () => number;
    guard: Guard;
    canSend: () => boolean;
    beforeFlush: () => void;
    listen: (target: EventTarget, type: string, fn: (e: Event) => void) => Stop;
  },
): Pipeline {
  const warn = (kind: string, message: string) => (e: unknown) => d.guard.warn(kind, message, e);
  const queue =
    o.queue ??
    createQueue(
      cfg.storage.dbName,
      cfg.storage,
      warn('idb', 'IndexedDB unusable: queue kept in memory for this page'),
    );
  let persisted = () => {}; // set once the transport exists
  const outbox = createOutbox(
    queue,
    cfg.storage.maxEvents,
    d.now,
    o.schedule ?? idle,
    () => persisted(),
    warn('persist', 'could not write events'),
  );
  o.onOutbox?.(outbox);
  // A page in the back/forward cache that receives a BroadcastChannel message is evicted from
  // it, so the channel is closed while the page is cached and opened again when it is restored.
  const open = (): BroadcastChannel | undefined => {
    if (typeof BroadcastChannel !== 'function') return undefined;
    const c = new BroadcastChannel(`${cfg.storage.dbName}:v1`);
    c.onmessage = d.guard.wrap('channel', (ev: MessageEvent<TabMessage>) => {
      const m = ev.data;
      if (m?.t === 'hold') outbox.hold(m.keys, m.until);
      else if (m?.t === 'done') outbox.forget(m.keys);
    });
    return c;
  };
  let channel = open();
  const sender = createSender({
    cfg,
    queue,
    outbox,
    now: d.now,
    random: d.random,
    version: __PARCOURS_VERSION__,
    post: o.post,
    beacon: o.beacon,
    encode: o.encode,
    broadcast: (m) => {
      try {
        channel?.postMessage(m);
      } catch {} // closed by shutdown while a send was in flight
    },
  });
  const transport = startTransport({
    sender,
    outbox,
    queue,
    ...cfg.batch,
    now: d.now,
    canSend: d.canSend,
    beforeFlush: d.beforeFlush,
    listen: d.listen,
    onError: warn('send', 'send failed'),
  });
  persisted = transport.persisted;
  // After the transport's own pagehide (its last beacons announce their lease first).
  const offCache = [
    d.listen(window, 'pagehide', (e) => {
      if (!(e as PageTransitionEvent).persisted) return;
      channel?.close();
      channel = undefined;
    }),
    d.listen(window, 'pageshow', (e) => {
      if ((e as PageTransitionEvent).persisted && !channel) channel = open();
    }),
  ];
  return {
    queue,
    outbox,
    transport,
    forget() {
      outbox.clear();
      outbox
        .persist()
        .then(() => queue.clear())
        .catch(warn('idb', 'could not clear the queue'));
    },
    stop() {
      transport.stop();
      for (const off of offCache) off();
      channel?.close();
    },
  };
}

/**
 * Waits a moment, so that the events of a burst of clicks share one IndexedDB transaction, then
 * for an idle period: `ms` at most in all (the write's upper bound, PERSIST_DELAY_MS).
 */
function idle(fn: () => void, ms: number): void {
  const gather = Math.round(ms * 0.6);
  setTimeout(() => {
    if (typeof requestIdleCallback === 'function')
      requestIdleCallback(fn, { timeout: ms - gather });
    else fn();
  }, gather);
}
