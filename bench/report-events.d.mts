/** Calls `onEvent` with about `count` generated events (whole sessions); returns how many. */
export function generateEvents(options: {
  count: number;
  seed?: number;
  start?: number;
  onEvent: (event: Record<string, unknown>) => void;
}): number;

/** Writes about `count` generated events as a data directory (one rotated file and events.ndjson). */
export function writeDataDir(dir: string, count: number, seed?: number): number;
