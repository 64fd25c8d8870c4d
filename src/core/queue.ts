import type { DropCounts, TrackEvent } from './types.js';

/**
 * An event in the queue. `j` is the event as JSON, what a batch carries (IndexedDB clones a
 * string, not an object tree, and a batch is built by concatenation). `lease` is the epoch ms
 * until which a sender owns it (0: free).
 */
export interface Stored {
  k: string;
  j: string;
  lease: number;
  bytes: number;
}

/** What a claim took, with what it read in the same transaction. */
export interface Claim {
  items: Stored[];
  /** The drop counters to report with these events. */
  dropped: DropCounts;
  /** Records not taken: exact when the claim stopped short of its limits, at least 1 otherwise. */
  left: number;
}

/** What a sender asks for. */
export interface ClaimOptions {
  now: number;
  leaseMs: number;
  maxEvents: number;
  maxBytes: number;
  /** Keys this page must not take (it beaconed them). */
  skip?: ReadonlySet<string>;
}

/**
 * Queue bounds, applied on every claim, and on a write when this page's writes may have
 * crossed `maxEvents` since the last check or that check is a few seconds old.
 */
export interface Bounds {
  maxEvents: number;
  ttlMs: number;
}

/** What a queue call rejects with when {@link Queue.cut} aborted its transaction. */
export const CUT = /* @__PURE__ */ new Error('cut at pagehide');

/**
 * The durable queue shared by every tab of the site. Claiming leases events atomically (one
 * IndexedDB readwrite transaction), so two senders never get the same event.
 */
export interface Queue {
  readonly kind: 'idb' | 'memory';
  /** Writes events (with their current lease) and applies the bounds when they may be crossed. */
  add(items: Stored[], now: number): Promise<void>;
  /**
   * For `pagehide`: writes the records as they are, in one transaction with no read, committed
   * at once. Chromium drops a transaction left to auto-commit, or one that waits for a read,
   * when the page goes away.
   */
  putNow(items: Stored[]): void;
  /**
   * For `pagehide`, before {@link Queue.putNow}: aborts this page's transactions still open,
   * and those it starts until {@link Queue.resume}, which reject with {@link CUT}. A page frozen
   * in the back/forward cache with a transaction waiting for a read blocks the next page's
   * transactions, and Chromium evicts it for that (IgnoreEventAndEvict). What a cut transaction
   * did is done again: `putNow` writes the unsaved events, a claim's lease was never written,
   * the next send claims again. The drop counters' updates and `clear` are never cut.
   */
  cut(): void;
  /** On `pageshow` from the back/forward cache: the page lives again, so do its transactions. */
  resume(): void;
  claim(o: ClaimOptions): Promise<Claim>;
  /** Frees these keys from the lease a claim took. */
  free(keys: string[]): Promise<void>;
  /** Removes events, and adds to / subtracts from the drop counters in the same transaction. */
  remove(keys: string[], add?: DropCounts, subtract?: DropCounts): Promise<void>;
  count(): Promise<number>;
  clear(): Promise<void>;
  /** Adds to the persisted drop counters and returns the totals. */
  dropped(add?: DropCounts, subtract?: DropCounts): Promise<DropCounts>;
}

/**
 * This page's own events between `emit` and acknowledgement: a memory buffer written to the
 * {@link Queue} off the click path, and mirrored so `pagehide` can beacon them synchronously.
 */
export interface Outbox {
  /**
   * O(1): buffers the event and schedules its write. `bytes`: the UTF-8 length of its JSON;
   * `json`: that JSON, when the caller has it (else it is computed here).
   */
  push(e: TrackEvent, bytes: number, json?: string): void;
  /** Writes what is buffered now (page hidden, flush). */
  persist(): Promise<void>;
  /**
   * On `pagehide`: writes, with {@link Queue.putNow}, every own event whose write is not yet
   * confirmed, and `extra` (events whose lease changed, e.g. beaconed).
   */
  persistNow(extra?: Stored[]): void;
  /** Own events that no sender holds, oldest first. */
  unsent(now: number): Stored[];
  /** Marks events as held by a sender until `until` (0: free again). */
  hold(keys: string[], until: number): void;
  /** Forgets events that were acknowledged or dropped (here or in another tab). */
  forget(keys: string[]): void;
  /** Forgets every buffered and mirrored event (consent denied). */
  clear(): void;
  /** Own events not yet acknowledged, and their bytes. */
  readonly size: number;
  readonly bytes: number;
}
