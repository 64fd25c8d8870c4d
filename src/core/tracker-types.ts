import type { CaptureContext } from './capture-context.js';
import type { Consent } from './config.js';
import type { Plugin } from './plugin-types.js';
import type { SessionDocument } from './replay-types.js';
import type { Outbox, Queue } from './queue.js';
import type { Stop } from './stop.js';
import type { FlushResult } from './types.js';

/** The tracker `init` and `createTracker` return. No method throws into the page. */
export interface Tracker {
  /**
   * Records a `custom` event. `name`: 1–100 characters. Props are made JSON-safe (cycles cut,
   * long strings truncated); an invalid name drops the event (counted, debug warning).
   * @example t.track('add_to_cart', { sku: 'A1', price: 29.9, currency: 'EUR' })
   */
  track(name: string, props?: Record<string, unknown>): void;
  /** Records a page view now (SPA routers that want control); the URL last recorded is not recorded twice in a row. */
  page(): void;
  /** Sets the user id on every later event (kept across sessions) and records an `identify` event. */
  identify(uid: string, traits?: Record<string, unknown>): void;
  /**
   * Records that the visitor reached `step` of `funnel` (a `funnel_step` event with `index`,
   * `fromStep`, `msSincePrevious`, `skipped`, `repeat`). For a configured funnel, a step it does
   * not define is dropped (debug warning); other funnels number steps in the order reached.
   * @example t.step('checkout', 'payment')
   */
  step(funnel: string, step: string): void;
  /** `granted` sends what waited; `denied` deletes what waited and records nothing more. */
  setConsent(consent: Consent): void;
  /** The consent in force (`denied` when Do Not Track / GPC is honoured). */
  readonly consent: Consent;
  /** Writes, sends what can be sent now, and resolves with what happened. Never rejects. */
  flush(): Promise<FlushResult>;
  /** Adds a plugin. */
  use(plugin: Plugin): void;
  /**
   * This session's events as a versioned document for `parcours replay`. With replay capture on
   * (`replay.sample`, {@link Tracker.startReplayCapture}) it holds the session across the tab's
   * page loads (bounded); otherwise only this page's events. Never rejects.
   * @example const doc = await t.exportSession(); // { v: 1, sid, vid, device, viewport, startedAt, events }
   */
  exportSession(): Promise<SessionDocument>;
  /** Saves {@link Tracker.exportSession}'s document as a `.json` file (a QA tester's download). */
  downloadSession(): void;
  /**
   * Records inputs and scrolls and keeps this session's events for export, in this tab from now
   * on (across page loads). Needs the replay capture module (`init` starts it).
   */
  startReplayCapture(): void;
  /** Stops capture, tears plugins down, writes what is buffered and tries a last send. */
  shutdown(): Promise<void>;
}

/** A capture module: starts on the tracker's context and returns its stop. */
export type CaptureModule = (ctx: CaptureContext) => Stop;

/** Test seams and composition; every field is optional. */
export interface TrackerOptions {
  /** Capture modules to start (`init` passes the defaults). */
  capture?: CaptureModule[];
  now?: () => number;
  random?: () => number;
  /** Replaces the IndexedDB queue. */
  queue?: Queue;
  /** Replaces the outbox's scheduler (default: idle callback or timeout). */
  schedule?: (fn: () => void, ms: number) => void;
  post?: (
    url: string,
    json: string,
    now: () => number,
  ) => Promise<{ status: number; retryAfterMs?: number }>;
  beacon?: (url: string, json: string) => boolean;
  /** Replaces the gzip encoder. */
  encode?: (
    json: string,
  ) => Promise<{ body: BodyInit; headers: Record<string, string>; size: number }>;
  /** `null` disables localStorage for session state. */
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  /** Observes the outbox (tests). */
  onOutbox?: (o: Outbox) => void;
}
