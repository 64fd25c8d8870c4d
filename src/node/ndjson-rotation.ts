import { open, readdir, rename } from 'node:fs/promises';
import { join } from 'node:path';

/** The file events are appended to, in the data directory. */
export const LIVE_FILE = 'events.ndjson';

const ROTATED = /^events\.(\d{4}-\d{2}-\d{2})\.(\d+)\.ndjson$/;

/** The UTC day of an epoch-ms time, `2025-11-22`. */
export function dayOf(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? '1970-01-01' : date.toISOString().slice(0, 10);
}

/**
 * The rotated event files of `dataDir` (`events.<day>.<n>.ndjson`), oldest first: by the day
 * their first line was received, then by their number within that day.
 */
export async function listRotated(dataDir: string): Promise<string[]> {
  const names = await readdir(dataDir).catch(() => [] as string[]);
  return names
    .map((name) => ({ name, match: ROTATED.exec(name) }))
    .filter((entry) => entry.match)
    .sort(
      (a, b) =>
        a.match![1]!.localeCompare(b.match![1]!) || Number(a.match![2]) - Number(b.match![2]),
    )
    .map((entry) => join(dataDir, entry.name));
}

/**
 * Renames the live file to the next free `events.<day>.<n>.ndjson` (n from 000) and syncs the
 * directory, so the rename survives a power cut. Callers close the live file first.
 *
 * @returns the new path.
 */
export async function rotateLive(dataDir: string, day: string): Promise<string> {
  const taken = (await listRotated(dataDir))
    .map((file) => ROTATED.exec(file.slice(dataDir.length + 1)))
    .filter((match) => match?.[1] === day)
    .map((match) => Number(match![2]));
  const next = taken.length ? Math.max(...taken) + 1 : 0;
  const target = join(dataDir, `events.${day}.${String(next).padStart(3, '0')}.ndjson`);
  await rename(join(dataDir, LIVE_FILE), target);
  const dir = await open(dataDir, 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
  return target;
}
