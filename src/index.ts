export { init } from './init.js';
export { createTracker } from './core/tracker.js';
export { ConfigError } from './core/config-error.js';
export type { Consent, ResolvedConfig, TrackerConfig } from './core/config.js';
export type {
  FunnelConfig,
  FunnelMatch,
  FunnelPreset,
  ResolvedFunnel,
  ResolvedMatch,
  StepMatch,
} from './core/funnel-types.js';
export type { HookName, PageInfo, Plugin, PluginContext } from './core/plugin-types.js';
export type { SessionDevice, SessionDocument } from './core/replay-types.js';
export type { CaptureModule, Tracker, TrackerOptions } from './core/tracker-types.js';
export type {
  Batch,
  DeviceInfo,
  DropCounts,
  EventType,
  FlushResult,
  Json,
  TrackEvent,
} from './core/types.js';
