// @vitest-environment node
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forEachJsonLine, repairTail } from '../../../src/node/ndjson-file.js';
import { tempDir } from './helpers.js';

describe('ndjson files', () => {
  let file: string;
  let removeDir: () => Promise<void>;

  beforeEach(async () => {
    const temp = await tempDir();
    file = join(temp.dir, 'events.ndjson');
    removeDir = temp.remove;
  });
  afterEach(() => removeDir());

  it('cuts a partial line longer than one read chunk', async () => {
    await writeFile(file, `{"id":"a"}\n{"id":"b"}\n${'x'.repeat(200_000)}`);
    expect(await repairTail(file)).toBe(200_000);
    expect(await readFile(file, 'utf8')).toBe('{"id":"a"}\n{"id":"b"}\n');
  });

  it('empties a file without any newline', async () => {
    await writeFile(file, '{"id":');
    expect(await repairTail(file)).toBe(6);
    expect(await readFile(file, 'utf8')).toBe('');
  });

  it('leaves whole and missing files alone', async () => {
    expect(await repairTail(file)).toBe(0);
    await writeFile(file, '{"id":"a"}\n');
    expect(await repairTail(file)).toBe(0);
    expect(await readFile(file, 'utf8')).toBe('{"id":"a"}\n');
  });

  it('streams parsed lines and counts the unreadable ones', async () => {
    await writeFile(file, '{"id":"a"}\nnot json\n\n{"id":"b"}\r\n');
    const seen: unknown[] = [];
    expect(await forEachJsonLine(file, (value) => seen.push(value))).toBe(1);
    expect(seen).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(await forEachJsonLine(join(file, '..', 'missing.ndjson'), () => {})).toBe(0);
  });
});
