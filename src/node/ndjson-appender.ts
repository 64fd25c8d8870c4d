import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';

/** Appends whole lines to one file; see {@link createAppender}. */
export interface Appender {
  /** Appends `text` (whole lines, ending with `\n`) in one write, then `fdatasync`s. */
  append(text: string): Promise<void>;
  /** Closes the file. */
  close(): Promise<void>;
}

/**
 * Opens `file` (flag `a`) on first use. A failed append is cut back off the file, so a
 * reader never sees a partial line, and the file is reopened on the next append. Callers
 * serialise appends (one writer).
 */
export function createAppender(file: string): Appender {
  let handle: FileHandle | undefined;

  async function drop(): Promise<void> {
    const h = handle;
    handle = undefined;
    await h?.close().catch(() => {});
  }

  return {
    async append(text) {
      handle ??= await open(file, 'a');
      const h = handle;
      const { size } = await h.stat();
      const buf = Buffer.from(text, 'utf8');
      try {
        // One write(2) of the whole batch; the loop only matters if the kernel writes short.
        let done = 0;
        while (done < buf.length) {
          const { bytesWritten } = await h.write(buf, done, buf.length - done);
          done += bytesWritten;
        }
        await h.datasync();
      } catch (error) {
        await h.truncate(size).catch(() => {});
        await drop();
        throw error;
      }
    },
    close: drop,
  };
}
