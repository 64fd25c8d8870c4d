// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createGroupCommit } from '../../../src/node/group-commit.js';
import type { GroupCommitOptions, Rows } from '../../../src/node/group-commit.js';

const rows = (...events: string[]): Rows => ({ events, dropped: [], count: events.length });

function setup(overrides: Partial<GroupCommitOptions> = {}) {
  const writes: Rows[] = [];
  const logs: string[] = [];
  const commit = createGroupCommit({
    write: async (r) => void writes.push(r),
    isRetryable: () => true,
    maxRows: 100,
    maxDelayMs: 0,
    maxPendingRows: 1_000,
    retryBaseMs: 10,
    retryMaxMs: 40,
    random: () => 0.5,
    log: (line) => logs.push(line),
    ...overrides,
  });
  const settled: boolean[] = [];
  const submit = (r: Rows, timeoutMs = 2_000) =>
    commit.submit(r, { timeoutMs, onSettled: (written) => settled.push(written) });
  return { commit, writes, logs, settled, submit };
}

describe('createGroupCommit', () => {
  it('writes the rows of requests that queue during a write in one next write', async () => {
    let release!: () => void;
    const writes: Rows[] = [];
    const { submit } = setup({
      write: async (r) => {
        writes.push(r);
        if (writes.length === 1) await new Promise<void>((resolve) => (release = resolve));
      },
    });
    const first = submit(rows('a'));
    const others = [submit(rows('b')), submit(rows('c', 'd')), submit(rows('e'))];
    await new Promise((resolve) => setTimeout(resolve, 10));
    release();
    await Promise.all([first, ...others]);
    expect(writes.map((w) => w.events)).toEqual([['a'], ['b', 'c', 'd', 'e']]);
  });

  it('waits maxDelayMs for more rows, unless maxRows are waiting', async () => {
    const { submit, writes } = setup({ maxDelayMs: 200, maxRows: 3 });
    const started = Date.now();
    await Promise.all([submit(rows('a')), submit(rows('b'))]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(writes.map((w) => w.events)).toEqual([['a', 'b']]);
    const full = Date.now();
    await Promise.all([submit(rows('c', 'd')), submit(rows('e'))]);
    expect(Date.now() - full).toBeLessThan(150);
  });

  it('never puts more than maxRows in one write, except one larger request alone', async () => {
    const { submit, writes } = setup({ maxDelayMs: 50, maxRows: 3 });
    await Promise.all([
      submit(rows('a', 'b')),
      submit(rows('c', 'd')),
      submit(rows('1', '2', '3', '4')),
    ]);
    expect(writes.map((w) => w.events)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['1', '2', '3', '4'],
    ]);
  });

  it('retries a failed write with backoff and answers once it succeeded', async () => {
    let failures = 2;
    const { submit, logs, settled } = setup({
      write: async () => {
        if (failures-- > 0) throw new Error('ECONNREFUSED');
      },
    });
    await submit(rows('a'));
    expect(settled).toEqual([true]);
    expect(logs).toEqual([
      'write of 1 row(s) failed (attempt 1), retrying in 8 ms: ECONNREFUSED',
      'write of 1 row(s) failed (attempt 2), retrying in 15 ms: ECONNREFUSED',
    ]);
  });

  it('answers 503 at the timeout, and still reports the rows written when the retry lands', async () => {
    let failures = 3;
    const { submit, settled } = setup({
      write: async () => {
        if (failures-- > 0) throw new Error('down');
      },
    });
    await expect(submit(rows('a'), 20)).rejects.toMatchObject({
      status: 503,
      code: 'timeout',
      headers: { 'Retry-After': '5' },
    });
    expect(settled).toEqual([]);
    await expect.poll(() => settled).toEqual([true]);
  });

  it('drops a queued request at its timeout without writing it', async () => {
    let release!: () => void;
    const written: string[] = [];
    const { submit, settled } = setup({
      write: async (r) => {
        if (!written.length) await new Promise<void>((resolve) => (release = resolve));
        written.push(...r.events);
      },
    });
    const first = submit(rows('a'));
    await expect(submit(rows('late'), 20)).rejects.toMatchObject({ code: 'timeout' });
    release();
    await first;
    expect(written).toEqual(['a']);
    expect(settled).toEqual([false, true]);
  });

  it('splits a refused write until the refused request is alone, and stores the others', async () => {
    let release!: () => void;
    const written: string[] = [];
    const { submit, logs } = setup({
      isRetryable: () => false,
      write: async (r) => {
        if (!written.length && r.events[0] === 'first') {
          await new Promise<void>((resolve) => (release = resolve));
        } else if (r.events.includes('bad')) throw new Error('Cannot parse input');
        written.push(...r.events);
      },
    });
    const first = submit(rows('first'));
    const replies = ['a', 'b', 'bad', 'c', 'd'].map((e) =>
      submit(rows(e)).then(
        () => 'ok',
        (error) => error.status,
      ),
    );
    release();
    await first;
    expect(await Promise.all(replies)).toEqual(['ok', 'ok', 500, 'ok', 'ok']);
    expect(written.sort()).toEqual(['a', 'b', 'c', 'd', 'first']);
    expect(logs).toEqual(['storage refused the rows of one request: Cannot parse input']);
  });

  it('turns requests away with 503 once maxPendingRows are held', async () => {
    let release!: () => void;
    const { submit, commit, settled } = setup({
      maxPendingRows: 3,
      write: () => new Promise<void>((resolve) => (release = resolve)),
    });
    const held = submit(rows('a', 'b'));
    await expect(submit(rows('c', 'd'))).rejects.toMatchObject({ status: 503, code: 'overloaded' });
    expect(commit.pendingRows).toBe(2);
    expect(settled).toEqual([false]);
    release();
    await held;
    expect(commit.pendingRows).toBe(0);
  });

  it('writes what is queued at close at once, and refuses what comes after', async () => {
    const { submit, commit, writes } = setup({ maxDelayMs: 60_000 });
    const queued = submit(rows('a'));
    await commit.close(1_000);
    await queued;
    expect(writes.map((w) => w.events)).toEqual([['a']]);
    await expect(submit(rows('b'))).rejects.toMatchObject({ status: 503 });
  });

  it('gives up at the close deadline while the storage is down', async () => {
    const { submit, commit, settled } = setup({
      write: async () => {
        throw new Error('down');
      },
    });
    const reply = submit(rows('a')).catch((error) => error.status);
    const started = Date.now();
    await commit.close(100);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await reply).toBe(503);
    expect(settled).toEqual([false]);
  });
});
