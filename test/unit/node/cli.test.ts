// @vitest-environment node
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../../src/node/cli-args.js';
import { runCli } from '../../../src/node/run-cli.js';
import { makeBatch, postBatch, readLines, tempDir } from './helpers.js';

describe('parseCliArgs', () => {
  it('reads help from no arguments, help and --help', () => {
    for (const argv of [[], ['help'], ['--help'], ['collect', '--help']]) {
      expect(parseCliArgs(argv)).toEqual({ command: 'help' });
    }
  });

  it('gives collect its defaults', () => {
    expect(parseCliArgs(['collect'])).toEqual({
      command: 'collect',
      port: 8787,
      host: '127.0.0.1',
      dataDir: './data',
      cors: ['*'],
      sites: undefined,
      maxBodyBytes: 1_000_000,
      rotateBytes: 256 * 1024 * 1024,
      clickhouse: undefined,
      rateLimit: 50,
      rateBurst: undefined,
      trustProxy: false,
      flushRows: undefined,
      flushMs: undefined,
      quiet: false,
    });
  });

  it('reads every collect flag', () => {
    const argv = ['collect', '--port', '9000', '--host=0.0.0.0', '--data', '/tmp/d'];
    argv.push(
      '--cors',
      'https://a.example, https://b.example',
      '--sites',
      'a,b',
      '--max-body',
      '500',
      '--rotate-bytes',
      '1000',
      '--clickhouse',
      'http://u:p@127.0.0.1:8123',
      '--database',
      'shop',
      '--table',
      'ev_1',
      '--rate-limit',
      '5',
      '--rate-burst',
      '10',
      '--trust-proxy',
      '--flush-rows',
      '100',
      '--flush-ms',
      '0',
      '--quiet',
    );
    expect(parseCliArgs(argv)).toEqual({
      command: 'collect',
      port: 9000,
      host: '0.0.0.0',
      dataDir: '/tmp/d',
      cors: ['https://a.example', 'https://b.example'],
      sites: ['a', 'b'],
      maxBodyBytes: 500,
      rotateBytes: 1000,
      clickhouse: { url: 'http://u:p@127.0.0.1:8123', database: 'shop', table: 'ev_1' },
      rateLimit: 5,
      rateBurst: 10,
      trustProxy: true,
      flushRows: 100,
      flushMs: 0,
      quiet: true,
    });
  });

  it.each([
    [['publish', 'x.ndjson'], /unknown command "publish"/],
    [['collect', '--verbose'], /Unknown option '--verbose'/],
    [['collect', 'extra'], /positional argument/],
    [['collect', '--port', '70000'], /--port must be an integer from 0 to 65535/],
    [['collect', '--port', '8a'], /--port must be/],
    [['collect', '--max-body', '0'], /--max-body must be/],
    [['collect', '--sites', ' , '], /--sites needs at least one value/],
    [['collect', '--port'], /argument missing/],
    [['collect', '--clickhouse', 'localhost:8123'], /--clickhouse must be an http/],
    [['collect', '--clickhouse', 'not a url'], /--clickhouse must be a URL/],
    [['collect', '--clickhouse', 'http://h', '--table', 'x; DROP TABLE y'], /--table must be/],
    [['collect', '--database', '1db', '--clickhouse', 'http://h'], /--database must be/],
    [['collect', '--rate-limit', '1.5'], /--rate-limit must be/],
    [['collect', '--flush-ms', 'soon'], /--flush-ms must be/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});

describe('runCli', () => {
  let out: string[];
  let err: string[];
  let dir: string;
  let removeDir: () => Promise<void>;
  const io = () => ({ stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) });

  beforeEach(async () => {
    out = [];
    err = [];
    ({ dir, remove: removeDir } = await tempDir());
  });
  afterEach(() => removeDir());

  it('prints usage and returns 0 for help', async () => {
    expect(await runCli([], io())).toBe(0);
    expect(out.join('')).toMatch(/^Usage: parcours <command>/);
    expect(out.join('')).toMatch(/^ {2}replay {4}Replay a session document/m);
  });

  it('prints the problem on stderr and returns 2 for a bad command line', async () => {
    expect(await runCli(['collect', '--nope'], io())).toBe(2);
    expect(err.join('')).toMatch(/^parcours: Unknown option '--nope'/);
    expect(out).toEqual([]);
  });

  it('collects until its signal aborts, logging one line per batch', async () => {
    const controller = new AbortController();
    const running = runCli(['collect', '--port', '0', '--data', dir], {
      ...io(),
      signal: controller.signal,
    });
    await expect.poll(() => out.join('')).toMatch(/listening on/);
    const base = /listening on (http:\/\/127\.0\.0\.1:\d+)\/v1\/batch/.exec(out.join(''))![1]!;
    expect((await postBatch(base, makeBatch())).status).toBe(200);
    controller.abort();
    expect(await running).toBe(0);
    expect(out.join('')).toMatch(/batch "[\w-]+" site="shop-fr" \+3 new, 0 duplicate\(s\)/);
    expect(await readLines(join(dir, 'events.ndjson'))).toHaveLength(3);
  });

  it('finishes the request under way when stopped, then exits 0', async () => {
    const controller = new AbortController();
    const running = runCli(['collect', '--port', '0', '--data', dir, '--flush-ms', '300'], {
      ...io(),
      signal: controller.signal,
    });
    await expect.poll(() => out.join('')).toMatch(/listening on/);
    const base = /listening on (http:\/\/127\.0\.0\.1:\d+)\/v1\/batch/.exec(out.join(''))![1]!;
    const held = postBatch(base, makeBatch());
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort();
    expect((await held).status).toBe(200);
    expect(await running).toBe(0);
    expect(out.join('')).toMatch(/stopping: no new connections[\s\S]*collector stopped\n$/);
    expect(await readLines(join(dir, 'events.ndjson'))).toHaveLength(3);
  });

  it('says the port is busy and returns 1', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      expect(await runCli(['collect', '--port', String(port), '--data', dir], io())).toBe(1);
      expect(err.join('')).toMatch(new RegExp(`port ${port} is already in use on 127.0.0.1`));
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
