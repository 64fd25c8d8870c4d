// @vitest-environment node
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../../src/node/cli-args.js';
import { runCli } from '../../../src/node/run-cli.js';

const SID = '6f1c2a4e-0b8d-4c1e-9a7f-2d3b4c5d6e7f';
const line = (seq: number, sid = SID, type = 'click') =>
  JSON.stringify({
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    type,
    ts: 1_763_830_000_000 + seq,
    seq,
    sid,
    vid: 'v',
    url: 'http://shop/',
    path: '/',
    props: type === 'pageview' ? { viewport: { w: 800, h: 600 } } : {},
    receivedAt: 1,
    siteId: null,
  });

let dir: string;
let out: string[];
let err: string[];
const io = () => ({
  stdout: (t: string) => void out.push(t),
  stderr: (t: string) => void err.push(t),
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parcours-replay-cli-'));
  out = [];
  err = [];
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('export and replay command lines', () => {
  it('reads export flags, with ./data by default', () => {
    expect(parseCliArgs(['export', '--sid', SID])).toEqual({
      command: 'export',
      sid: SID,
      dataDir: './data',
      clickhouse: undefined,
      out: undefined,
    });
    expect(
      parseCliArgs([
        'export',
        '--sid',
        SID,
        '--from-clickhouse',
        'http://127.0.0.1:8123',
        '--table',
        't',
        '--out',
        'f.json',
      ]),
    ).toMatchObject({
      clickhouse: { url: 'http://127.0.0.1:8123', database: 'parcours', table: 't' },
      out: 'f.json',
    });
  });

  it('reads replay flags, with ./replay-out and max speed by default', () => {
    expect(parseCliArgs(['replay', 's.json', '--base-url', 'http://localhost:3000'])).toEqual({
      command: 'replay',
      file: 's.json',
      baseUrl: 'http://localhost:3000',
      outDir: './replay-out',
      speed: 'max',
      headed: false,
      chromium: undefined,
    });
    expect(
      parseCliArgs([
        'replay',
        's.json',
        '--base-url',
        'http://h',
        '--speed',
        '1',
        '--headed',
        '--out',
        'o',
      ]),
    ).toMatchObject({ speed: '1', headed: true, outDir: 'o' });
  });

  it('returns 2 with the problem for a bad command line', async () => {
    for (const argv of [
      ['export'],
      ['export', '--sid', SID, 'extra'],
      ['export', '--sid', SID, '--from-clickhouse', 'ftp://x'],
      ['replay', '--base-url', 'http://h'],
      ['replay', 's.json'],
      ['replay', 's.json', '--base-url', 'localhost:3000'],
      ['replay', 's.json', '--base-url', 'http://h', '--speed', '2'],
      ['replay', 's.json', '--base-url', 'http://h', '--nope'],
    ]) {
      err = [];
      expect(await runCli(argv, io()), argv.join(' ')).toBe(2);
      expect(err.join('')).toMatch(/^parcours: /);
    }
  });

  it('exports one session from the NDJSON files, rotated ones included', async () => {
    await writeFile(
      join(dir, 'events.2025-11-22.000.ndjson'),
      `${line(1, SID, 'pageview')}\n${line(2, 'other')}\n`,
    );
    await writeFile(join(dir, 'events.ndjson'), `${line(3)}\n${line(3)}\nnot json\n`);
    expect(await runCli(['export', '--data', dir, '--sid', SID], io())).toBe(0);
    const doc = JSON.parse(out.join(''));
    expect(doc).toMatchObject({ v: 1, sid: SID, viewport: { w: 800, h: 600 } });
    expect(doc.events.map((e: { seq: number }) => e.seq)).toEqual([1, 3]);
    expect(doc.events[0]).not.toHaveProperty('receivedAt');

    const file = join(dir, 'session.json');
    expect(await runCli(['export', '--data', dir, '--sid', SID, '--out', file], io())).toBe(0);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(doc);
  });

  it('returns 1 when the session is not in the data', async () => {
    expect(await runCli(['export', '--data', dir, '--sid', SID], io())).toBe(1);
    expect(err.join('')).toContain(`no event of session ${SID} was found in ${dir}`);
    expect(await runCli(['export', '--data', dir, '--sid', "x' OR 1=1"], io())).toBe(1);
    expect(err.join('')).toMatch(/--sid must be a session id/);
  });

  it('returns 2 with a clear message for a session file it cannot replay, before starting a browser', async () => {
    const cases: [string, RegExp][] = [
      ['{"v":2}', /unsupported session document version 2/],
      ['{"v":1,"sid":"s"}', /invalid session document: vid/],
      ['<html>', /not JSON/],
    ];
    for (const [text, expected] of cases) {
      const file = join(dir, 'bad.json');
      await writeFile(file, text);
      err = [];
      expect(
        await runCli(
          ['replay', file, '--base-url', 'http://127.0.0.1:1', '--out', join(dir, 'o')],
          io(),
        ),
      ).toBe(2);
      expect(err.join('')).toMatch(expected);
    }
    err = [];
    expect(
      await runCli(['replay', join(dir, 'missing.json'), '--base-url', 'http://h'], io()),
    ).toBe(2);
    expect(err.join('')).toMatch(/ENOENT|no such file/);
  });
});
