// Safe reads of collected events: every field may be missing or of another type (the
// collector keeps props as any JSON object), and a bad field never stops a report.

/** A collected event as the report reads it. */
export interface ReportEvent {
  type: string;
  ts: number;
  sid: string;
  path: string;
  props: Record<string, unknown>;
  device?: unknown;
  replay?: unknown;
  [key: string]: unknown;
}

export type Obj = Record<string, unknown>;

/** `value` when it is a plain object, else an empty one. */
export const obj = (value: unknown): Obj =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Obj) : {};

/** `value` when it is a string, else `fallback`. */
export const str = (value: unknown, fallback = ''): string =>
  typeof value === 'string' ? value : fallback;

/** `value` when it is a finite number, else undefined. */
export const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/** The strings of an array (others dropped); empty when it is not an array. */
export const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

const CLASSES = new Set(['mobile', 'tablet', 'desktop']);

/** The event's device class from the device plugin, `unknown` without it. */
export function deviceOf(event: ReportEvent): string {
  const cls = obj(event.device).class;
  return typeof cls === 'string' && CLASSES.has(cls) ? cls : 'unknown';
}

/** The device keys an event counts under: its class and `all`. */
export const devicesOf = (event: ReportEvent): [string, string] => [deviceOf(event), 'all'];

/** Whether `value` looks enough like an event to be counted. */
export function isEvent(value: unknown): value is ReportEvent {
  const e = value as ReportEvent;
  return typeof value === 'object' && value !== null && typeof e.type === 'string';
}

/** The event with its commonly read fields made safe. */
export function normalise(e: ReportEvent): ReportEvent {
  if (typeof e.sid !== 'string') e.sid = '';
  if (typeof e.path !== 'string') e.path = '';
  if (typeof e.ts !== 'number') e.ts = 0;
  e.props = obj(e.props);
  return e;
}

/** Upper bound on distinct keys per table; later keys are summed under `(other)`. */
export const MAX_KEYS = 20_000;

/** `key` while `map` has room for it, else `other` (the caller's overflow key, `(other)…`). */
export function boundedKey<V>(map: Map<string, V>, key: string, other: string): string {
  return map.has(key) || map.size < MAX_KEYS ? key : other;
}
