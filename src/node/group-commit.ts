import { backoffMs } from './backoff.js';
import { httpError, unavailable } from './http-error.js';

/**
 * Lines to store, from one request or merged from several: events and `sdk_dropped`
 * reports. Each string holds one or more whole lines (a request's lines come as one
 * string: thousands of small strings held across a write cost the garbage collector).
 */
export interface Rows {
  events: string[];
  dropped: string[];
  /** How many lines (events and reports) the strings hold. */
  count: number;
}

/** Options of {@link createGroupCommit}. */
export interface GroupCommitOptions {
  /** Stores rows durably; resolves only once they are (fsync'd, or acknowledged by the database). */
  write: (rows: Rows) => Promise<void>;
  /** Whether a failed write may succeed later (retried) or the rows themselves are refused. */
  isRetryable: (error: unknown) => boolean;
  /** A write starts once this many rows wait… */
  maxRows: number;
  /** …or once the oldest waiting row has waited this long, in ms (0: as soon as possible). */
  maxDelayMs: number;
  /** Rows waiting or being written beyond which new requests are turned away (503). */
  maxPendingRows: number;
  /**
   * Writes under way at once. 1 keeps an append-only file in order; 2 lets a database
   * parse one insert while the next one fills up. @defaultValue 1
   */
  maxWrites?: number;
  /** First retry delay of a failed write, in ms; doubles up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Jitter source, [0, 1). @defaultValue `Math.random` */
  random?: () => number;
  log: (line: string) => void;
}

/** How one request waits for its rows; see {@link GroupCommit.submit}. */
export interface SubmitOptions {
  /** The returned promise rejects (503) if the rows are not stored by then, in ms. */
  timeoutMs: number;
  /** Called exactly once: `true` when the rows were stored (even after the timeout), else `false`. */
  onSettled: (written: boolean) => void;
}

/** Writes the rows of many requests together; see {@link createGroupCommit}. */
export interface GroupCommit {
  /** Queues `rows`; resolves once they are stored, rejects with an `HttpError` if they are not. */
  submit(rows: Rows, options: SubmitOptions): Promise<void>;
  /** Writes what is queued now, refuses new rows, and resolves when done or after `graceMs`. */
  close(graceMs: number): Promise<void>;
  /** Rows queued or being written. */
  readonly pendingRows: number;
}

interface Ticket extends SubmitOptions {
  rows: Rows;
  count: number;
  at: number;
  taken: boolean;
  done: boolean;
  timer?: ReturnType<typeof setTimeout>;
  resolve: () => void;
  reject: (error: Error) => void;
}

const merge = (group: readonly Ticket[]): Rows =>
  group.length === 1
    ? group[0]!.rows
    : {
        events: group.flatMap((ticket) => ticket.rows.events),
        dropped: group.flatMap((ticket) => ticket.rows.dropped),
        count: group.reduce((sum, ticket) => sum + ticket.count, 0),
      };

/**
 * Group commit: requests queue their rows, and one write at a time stores everything
 * queued (up to `maxRows`), so a thousand requests cost a handful of fsyncs or inserts and
 * each request is answered only once its own rows are stored. A write that fails for a
 * passing reason (network, disk, database down) is retried with backoff while its
 * requests wait up to their timeout; a write refused for its content is split in halves
 * until the refused request is found, so one bad request never blocks the others.
 */
export function createGroupCommit(options: GroupCommitOptions): GroupCommit {
  const { write, isRetryable, maxRows, maxDelayMs, maxPendingRows, log } = options;
  const random = options.random ?? Math.random;
  const maxWrites = options.maxWrites ?? 1;
  const queue: Ticket[] = [];
  let queuedRows = 0;
  let heldRows = 0;
  let writing = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closing = false;
  let deadline = Infinity;
  let wake: (() => void) | undefined;
  let onIdle: (() => void) | undefined;

  function settle(ticket: Ticket, written: boolean, error?: Error): void {
    if (ticket.done) return;
    ticket.done = true;
    clearTimeout(ticket.timer);
    heldRows -= ticket.count;
    if (written) ticket.resolve();
    else ticket.reject(error ?? unavailable('unavailable', 'events could not be stored'));
    ticket.onSettled(written);
  }

  const due = () => closing || queuedRows >= maxRows || Date.now() - queue[0]!.at >= maxDelayMs;

  function takeGroup(): Ticket[] {
    const group: Ticket[] = [];
    let rows = 0;
    while (queue.length && (!group.length || rows + queue[0]!.count <= maxRows)) {
      const ticket = queue.shift()!;
      ticket.taken = true;
      rows += ticket.count;
      queuedRows -= ticket.count;
      group.push(ticket);
    }
    return group;
  }

  async function writeGroup(group: Ticket[]): Promise<void> {
    const rows = merge(group);
    for (let attempt = 1; ; attempt++) {
      try {
        await write(rows);
        for (const ticket of group) settle(ticket, true);
        return;
      } catch (error) {
        const message = (error as Error)?.message ?? String(error);
        if (!isRetryable(error)) {
          if (group.length > 1) {
            const half = Math.ceil(group.length / 2);
            await writeGroup(group.slice(0, half));
            await writeGroup(group.slice(half));
            return;
          }
          log(`storage refused the rows of one request: ${message}`);
          settle(group[0]!, false, httpError(500, 'storage_refused', 'events could not be stored'));
          return;
        }
        const delay = Math.min(
          backoffMs(attempt, options.retryBaseMs, options.retryMaxMs, random),
          deadline - Date.now(),
        );
        if (delay <= 0) {
          for (const ticket of group) settle(ticket, false);
          return;
        }
        const { count } = rows;
        log(
          `write of ${count} row(s) failed (attempt ${attempt}), retrying in ${delay} ms: ${message}`,
        );
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, delay);
          wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
        wake = undefined;
      }
    }
  }

  function kick(): void {
    while (writing < maxWrites && queue.length && due()) {
      clearTimeout(timer);
      timer = undefined;
      writing++;
      void writeGroup(takeGroup()).then(() => {
        writing--;
        kick();
      });
    }
    if (!writing && !queue.length) onIdle?.();
    else if (queue.length && !timer && writing < maxWrites) {
      timer = setTimeout(
        () => {
          timer = undefined;
          kick();
        },
        Math.max(0, queue[0]!.at + maxDelayMs - Date.now()),
      );
    }
  }

  return {
    submit(rows, submitOptions) {
      const { count } = rows;
      let refusal: Error | undefined;
      if (closing) refusal = unavailable('unavailable', 'the collector is stopping');
      else if (heldRows > 0 && heldRows + count > maxPendingRows) {
        refusal = unavailable('overloaded', `${heldRows} events are waiting to be stored`);
      }
      if (refusal) {
        submitOptions.onSettled(false);
        return Promise.reject(refusal);
      }
      return new Promise<void>((resolve, reject) => {
        const ticket: Ticket = {
          ...submitOptions,
          rows,
          count,
          at: Date.now(),
          taken: false,
          done: false,
          resolve,
          reject,
        };
        ticket.timer = setTimeout(() => {
          const late = unavailable('timeout', 'events were not stored in time');
          if (ticket.taken) {
            ticket.reject(late);
            return;
          }
          queue.splice(queue.indexOf(ticket), 1);
          queuedRows -= count;
          settle(ticket, false, late);
        }, submitOptions.timeoutMs);
        queue.push(ticket);
        queuedRows += count;
        heldRows += count;
        kick();
      });
    },
    async close(graceMs) {
      if (closing) return;
      closing = true;
      deadline = Date.now() + graceMs;
      const stop = setTimeout(() => {
        wake?.();
        for (const ticket of queue.splice(0)) {
          queuedRows -= ticket.count;
          settle(ticket, false, unavailable('unavailable', 'the collector is stopping'));
        }
        kick();
      }, graceMs);
      await new Promise<void>((resolve) => {
        onIdle = resolve;
        kick();
      });
      clearTimeout(stop);
    },
    get pendingRows() {
      return heldRows;
    },
  };
}
