import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';

const CHUNK_BYTES = 64 * 1024;

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

/**
 * Cuts a trailing partial line (left by a crash mid-write) back to the last `\n`.
 * Scans backwards in chunks, so a huge file is never read whole.
 *
 * @returns how many bytes were cut (0 when the file is whole or missing).
 */
export async function repairTail(file: string): Promise<number> {
  let handle;
  try {
    handle = await open(file, 'r+');
  } catch (error) {
    if (isMissing(error)) return 0;
    throw error;
  }
  try {
    const { size } = await handle.stat();
    const buf = Buffer.alloc(CHUNK_BYTES);
    let end = size;
    while (end > 0) {
      const start = Math.max(0, end - CHUNK_BYTES);
      const { bytesRead } = await handle.read(buf, 0, end - start, start);
      const at = buf.subarray(0, bytesRead).lastIndexOf(0x0a);
      if (at !== -1) {
        end = start + at + 1;
        break;
      }
      end = start;
    }
    if (end < size) {
      await handle.truncate(end);
      await handle.datasync();
    }
    return size - end;
  } finally {
    await handle.close();
  }
}

/**
 * Calls `onLine` with each parsed JSON line of an NDJSON file, streaming it line by line.
 * A missing file has no lines.
 *
 * @returns how many non-empty lines were not JSON (skipped).
 */
export async function forEachJsonLine(
  file: string,
  onLine: (value: unknown) => void,
): Promise<number> {
  const input = createReadStream(file);
  const opened = new Promise<boolean>((resolve, reject) => {
    input.once('open', () => resolve(true));
    input.once('error', (error) => (isMissing(error) ? resolve(false) : reject(error)));
  });
  if (!(await opened)) return 0;
  let bad = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    if (!line) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      bad++;
      continue;
    }
    onLine(value);
  }
  return bad;
}
