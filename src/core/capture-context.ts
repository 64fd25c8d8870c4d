import type { ResolvedConfig } from './config.js';
import type { Guard } from './guard.js';
import type { ReplayRecorder } from './replay-types.js';
import type { HookName } from './plugin-types.js';
import type { Stop } from './stop.js';
import type { DropCounts, Json, TrackEvent } from './types.js';

/** What every `start*` capture module receives from the tracker. */
export interface CaptureContext {
  readonly cfg: ResolvedConfig;
  readonly guard: Guard;
  now(): number;
  /** The tracker's localStorage (the session's), or undefined where it is unusable or disabled. */
  readonly local: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined;
  /** Records an event; props must already be JSON. Returns it, or undefined when dropped. */
  emit(type: string, props: { [k: string]: Json }): TrackEvent | undefined;
  /** A passive, capture-phase, guarded listener; returns its stop. */
  listen(target: EventTarget, type: string, fn: (e: Event) => void): Stop;
  /** Counts an event dropped on purpose (reported in the next batch's `sdk_dropped`). */
  count(reason: keyof DropCounts): void;
  /** Records a page view unless this URL was the last one recorded. */
  pageview(spa: boolean): void;
  /** The URL as events carry it (parameters stripped). */
  url(href?: string): string;
  /**
   * Calls `fn` after each recorded event of that kind (`event`: every one; `pageview` with
   * `props.spa` is a route change), or before the page's last write (`flush`); returns its stop.
   */
  on(hook: HookName, fn: (event?: TrackEvent) => void): Stop;
  /** Reaches a funnel step, as `tracker.step` (bad names are dropped and counted). */
  step(funnel: string, step: string): void;
  /** Registers the replay capture module, which `exportSession()` and `startReplayCapture()` use. */
  replay(recorder: ReplayRecorder): void;
}
