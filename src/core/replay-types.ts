import type { TrackEvent } from './types.js';

/** The device a session was recorded on, as far as the page could tell. */
export interface SessionDevice {
  /** `navigator.userAgent` (absent in exports from collected data). */
  userAgent?: string;
  /** `devicePixelRatio`. */
  dpr?: number;
  /** A touch screen (`maxTouchPoints > 0`, or a click with `pointer: 'touch'`). */
  touch?: boolean;
  /** A coarse pointer is the primary one (phones, tablets). */
  mobile?: boolean;
}

/**
 * A captured session as `exportSession()` and `parcours export` write it, and
 * `parcours replay` reads it (version 1).
 */
export interface SessionDocument {
  v: 1;
  sid: string;
  vid: string;
  device: SessionDevice;
  /** The viewport of the session's first page view, CSS pixels. */
  viewport: { w: number; h: number };
  /** Epoch ms of the first event. */
  startedAt: number;
  /** The session's events in `seq` order. */
  events: TrackEvent[];
}

/** What the replay capture module gives the tracker (`exportSession`, `startReplayCapture`). */
export interface ReplayRecorder {
  /** Turns replay capture on for this tab. */
  _start(): void;
  /** The document of the kept events, or of this page's events when not recording. */
  _doc(): SessionDocument;
  /** Forgets every kept event (consent denied). */
  _forget(): void;
  /** Saves a document as a file. */
  _download(doc: SessionDocument): void;
}
