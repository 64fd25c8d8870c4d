import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { listRotated, LIVE_FILE } from '../ndjson-rotation.js';
import { createAggregator } from './aggregate.js';
import type { TimeRange } from './aggregate.js';
import type { ReportData } from './types.js';

/**
 * The event files of `input`: the file itself, or a data directory's rotated files
 * (`events.<day>.<n>.ndjson`, oldest first) then its live `events.ndjson`.
 */
export async function eventFiles(input: string): Promise<string[]> {
  const info = await stat(input);
  if (!info.isDirectory()) return [input];
  const files = await listRotated(input);
  const live = join(input, LIVE_FILE);
  if (
    await stat(live).then(
      () => true,
      () => false,
    )
  )
    files.push(live);
  return files;
}

/**
 * Reads `input` (an NDJSON file or a data directory) line by line, never whole, into a
 * report. Lines that are not JSON are counted as unreadable and skipped.
 *
 * @throws when `input` does not exist or holds no event file.
 */
export async function reportFromNdjson(input: string, range: TimeRange = {}): Promise<ReportData> {
  const files = await eventFiles(input);
  if (!files.length) throw new Error(`no events.ndjson or rotated event file in ${input}`);
  const aggregator = createAggregator(range);
  for (const file of files) {
    const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line) continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        aggregator.unreadable();
        continue;
      }
      aggregator.add(value);
    }
  }
  return aggregator.finish(files.length === 1 ? files[0]! : `${input} (${files.length} files)`);
}
