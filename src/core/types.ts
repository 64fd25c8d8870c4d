/**
 * The event model and the wire format v1 (../DESIGN.md "Events", "Wire format").
 * Every event is a plain JSON object; receivers dedupe on `id` and order by (`sid`, `seq`).
 */

/** A JSON value, as props carry it after sanitising. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Event kinds the core emits; plugins and later detectors add their own. */
export type EventType =
  | 'pageview'
  | 'click'
  | 'custom'
  | 'identify'
  | 'funnel_step'
  | 'error'
  | 'sdk_error'
  | (string & {});

/** One tracked event, stamped by the tracker. */
export interface TrackEvent {
  /** UUID v4, the dedupe key. */
  id: string;
  /** What happened (`pageview`, `click`, `custom`, …). */
  type: EventType;
  /** Epoch milliseconds when it happened. */
  ts: number;
  /** Position in the session, from 1, never repeated within a session. */
  seq: number;
  /** Session id: new after `session.timeoutMs` of inactivity or on a new campaign. */
  sid: string;
  /** Visitor id, persistent across sessions. */
  vid: string;
  /** User id, after `identify`. */
  uid?: string;
  /** Page URL with `privacy.stripParams` removed. */
  url: string;
  /** `location.pathname` of the page. */
  path: string;
  /** Event data. */
  props: { [key: string]: Json };
  /** Set on events of a page driven by `parcours replay`: not a real visitor. */
  replay?: true;
  /** The visitor's device, added by the `parcours/plugins/device` plugin. */
  device?: DeviceInfo;
}

/** What the device plugin adds to every event (README "Device"). */
export interface DeviceInfo {
  [key: string]: Json;
  /** `mobile`, `tablet` or `desktop` (consoles and TVs count as desktop). */
  class: 'mobile' | 'tablet' | 'desktop';
  browser: string | null;
  browserVersion: string | null;
  os: string | null;
  osVersion: string | null;
  /** The device has a touch screen (`navigator.maxTouchPoints > 0`). */
  touch: boolean;
}

/** How many events the SDK dropped, by reason, since the last acknowledged report. */
export interface DropCounts {
  /** Evicted because the queue held `storage.maxEvents`. */
  overflow?: number;
  /** Evicted because older than `storage.ttlMs`. */
  expired?: number;
  /** Rejected for good by the endpoint (4xx other than 408/413/429). */
  rejected?: number;
  /** Bad runtime input (bad name, over the size limit). */
  invalid?: number;
  /** Rate limits inside the page (an error storm). */
  throttled?: number;
}

/** The body of `POST endpoint` (wire format v1). */
export interface Batch {
  v: 1;
  batchId: string;
  sentAt: number;
  siteId?: string;
  sdk: { name: 'parcours'; version: string };
  events: TrackEvent[];
  /** Drop counters (the `sdk_dropped` report); present only when something was dropped. */
  sdk_dropped?: DropCounts;
}

/** Result of `tracker.flush()`. */
export interface FlushResult {
  /** Events acknowledged by the endpoint during this flush. */
  sent: number;
  /** Events rejected for good during this flush. */
  failed: number;
  /** Events still queued (waiting for a retry, consent, or another tab). */
  pending: number;
}
