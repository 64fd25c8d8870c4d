import { KEEPALIVE_BUDGET_BYTES, type ResolvedConfig } from '../core/config.js';
import type { Outbox, Queue, Stored } from '../core/queue.js';
import type { Batch, DropCounts } from '../core/types.js';
import { uuid } from '../core/uuid.js';
import { backoff } from './backoff.js';
import { classify } from './classify.js';
import { beacon, encode, type Encoded, post, type PostResult, REQUEST_TIMEOUT_MS } from './post.js';

/** How long a sender owns the events it claimed: past the request timeout, then free again. */
export const LEASE_MS = REQUEST_TIMEOUT_MS + 5_000;
/** How long events beaconed on `pagehide` wait before another page may send them again. */
export const BEACON_LEASE_MS = 60_000;

/** Room for the batch envelope around the events (ids, sdk, siteId). */
const ENVELOPE_BYTES = 256;

/** Messages between tabs of the site (BroadcastChannel), so a closing tab does not beacon what another sent. */
export type TabMessage =
  { t: 'hold'; keys: string[]; until: number } | { t: 'done'; keys: string[] };

export interface SenderDeps {
  cfg: ResolvedConfig;
  queue: Queue;
  outbox: Outbox;
  now: () => number;
  random: () => number;
  version: string;
  /** Posts a body; injected in tests. */
  post?: (url: string, json: string, now: () => number, enc?: Encoded) => Promise<PostResult>;
  beacon?: (url: string, json: string) => boolean;
  /** Encodes a body (gzip); injected in tests. */
  encode?: (json: string) => Promise<Encoded>;
  broadcast?: (m: TabMessage) => void;
}

export interface DrainResult {
  sent: number;
  failed: number;
  /** When the next attempt is due after a retryable failure (epoch ms), or 0. */
  retryAt: number;
  /** Events left in the queue (leased by another sender, or waiting for the retry). */
  left: number;
}

/**
 * The sending half of the transport: claim → post → acknowledge. The transport runs one drain
 * at a time; tabs draining together claim disjoint events (leases, in one transaction).
 */
export interface Sender {
  /** Sends until the queue is empty or a send fails. `force`: try now even while backing off. */
  drain(force: boolean): Promise<DrainResult>;
  /**
   * On `pagehide`: beacons this page's unsent events, synchronously, and returns them (held
   * with the beacon lease, for the caller to write). Nothing while offline or backing off:
   * the beacon would likely be lost, and its lease would only delay the next page.
   */
  beaconUnsent(): Stored[];
  /** On `pageshow` from the bfcache: the page lived, so its beacons went out; forget them. */
  confirmBeacons(): void;
}

export function createSender(d: SenderDeps): Sender {
  const { cfg, queue, outbox, now } = d;
  const send = d.post ?? post;
  const sendBeacon = d.beacon ?? beacon;
  let attempt = 0;
  let retryAt = 0;
  let limit = cfg.batch.maxEvents; // lowered when the endpoint answers 413
  let beaconed: string[] = [];
  const beaconedSet = new Set<string>(); // every key this page beaconed

  // The wire-format v1 batch, with the events' stored JSON put in place (no second stringify;
  // a function, so no `$&` in an event is read as a pattern).
  const batch = (items: Stored[], dropped?: DropCounts): string =>
    JSON.stringify({
      v: 1,
      batchId: uuid(d.random),
      sentAt: now(),
      ...(cfg.siteId ? { siteId: cfg.siteId } : {}),
      sdk: { name: 'parcours', version: d.version },
      events: 0,
      ...(dropped && Object.keys(dropped).length ? { sdk_dropped: dropped } : {}),
    } satisfies Omit<Batch, 'events'> & { events: 0 }).replace(
      '"events":0',
      () => `"events":[${items.map((s) => s.j).join()}]`,
    );
  const settle = async (keys: string[], add?: DropCounts, subtract?: DropCounts) => {
    await queue.remove(keys, add, subtract);
    outbox.forget(keys);
    d.broadcast?.({ t: 'done', keys });
  };

  const drainAll = async (): Promise<DrainResult> => {
    let sent = 0;
    let failed = 0;
    let left = 0;
    while (retryAt <= now()) {
      const c = await queue.claim({
        now: now(),
        leaseMs: LEASE_MS,
        maxEvents: limit,
        maxBytes: cfg.batch.maxBytes,
        skip: beaconedSet,
      });
      const claimed = c.items;
      // A claim that takes nothing has seen every record: `left` is then exact.
      left = c.left;
      if (!claimed.length) break;
      const keys = claimed.map((s) => s.k);
      const dropped = c.dropped;
      const owed = Object.keys(dropped).length > 0;
      const json = batch(claimed, dropped);
      const enc = await (d.encode ?? encode)(json);
      // `pagehide` may have beaconed some of these while we awaited: leave those to the beacon.
      if (keys.some((k) => beaconedSet.has(k))) {
        await queue.free(keys.filter((k) => !beaconedSet.has(k)));
        continue;
      }
      // Held from here on, so a `pagehide` during the request does not beacon them too.
      outbox.hold(keys, now() + LEASE_MS);
      d.broadcast?.({ t: 'hold', keys, until: now() + LEASE_MS });
      const res = await send(cfg.endpoint, json, now, enc);
      const outcome = classify(res.status);
      if (outcome === 'ok') {
        await settle(keys, undefined, owed ? dropped : undefined);
        sent += keys.length;
        attempt = 0;
        // The claim saw every record and left none: claiming again costs a transaction to
        // find only what was written since, which the next send takes.
        if (!left) break;
      } else if (outcome === 'drop' || (outcome === 'split' && keys.length === 1)) {
        await settle(keys, { rejected: keys.length });
        failed += keys.length;
        if (!left) break;
      } else {
        await queue.free(keys);
        outbox.hold(keys, 0);
        d.broadcast?.({ t: 'hold', keys, until: 0 });
        if (outcome === 'split') {
          limit = Math.max(1, Math.floor(keys.length / 2));
          continue;
        }
        const wait = Math.max(
          backoff(attempt++, cfg.retry.baseMs, cfg.retry.maxMs, d.random),
          Math.min(res.retryAfterMs ?? 0, cfg.retry.maxMs),
          50,
        );
        retryAt = now() + wait;
        left = await queue.count();
      }
    }
    return { sent, failed, retryAt: retryAt > now() ? retryAt : 0, left };
  };

  return {
    drain(force) {
      if (force) retryAt = 0;
      // No cross-tab lock: the claim's lease keeps two senders off the same event, and a page
      // frozen in the back/forward cache with a lock request under way is evicted when the
      // answer comes (Chromium: JavaScriptExecution, 3 to 4 visits in 30 sending every 200 ms).
      return retryAt > now()
        ? Promise.resolve({ sent: 0, failed: 0, retryAt, left: 1 })
        : drainAll();
    },
    beaconUnsent() {
      const t = now();
      if (retryAt > t || (typeof navigator !== 'undefined' && navigator.onLine === false))
        return [];
      const items = outbox.unsent(t);
      let budget = KEEPALIVE_BUDGET_BYTES; // shared by every beacon of the page
      const keys: string[] = [];
      for (let i = 0; i < items.length;) {
        const chunk: Stored[] = [];
        let bytes = ENVELOPE_BYTES;
        const room = Math.min(cfg.batch.maxBytes, budget);
        while (i < items.length && chunk.length < limit && bytes + items[i]!.bytes + 1 <= room) {
          bytes += items[i]!.bytes + 1;
          chunk.push(items[i++]!);
        }
        if (!chunk.length) break;
        const json = batch(chunk);
        if (json.length > budget || !sendBeacon(cfg.endpoint, json)) break;
        budget -= json.length;
        keys.push(...chunk.map((s) => s.k));
      }
      beaconed.push(...keys);
      for (const k of keys) beaconedSet.add(k);
      outbox.hold(keys, t + BEACON_LEASE_MS);
      return items.slice(0, keys.length);
    },
    confirmBeacons() {
      const keys = beaconed;
      beaconed = [];
      if (keys.length) settle(keys).catch(() => {});
    },
  };
}
