import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TrackerConfig } from '../../../src/core/config.js';
import type { Batch, TrackEvent } from '../../../src/core/types.js';
import { createTracker } from '../../../src/core/tracker.js';
import { createMemoryQueue } from '../../../src/store/memory-queue.js';
import { PERSIST_DELAY_MS } from '../../../src/store/outbox.js';
import { FIRST_SEND_DELAY_MS } from '../../../src/transport/start-transport.js';

const T0 = 1_763_830_000_000;

function make(over: Partial<TrackerConfig> = {}, status = () => 200) {
  const bodies: Batch[] = [];
  const beacons: Batch[] = [];
  const queue = createMemoryQueue({ maxEvents: 10_000, ttlMs: 86_400_000 });
  const t = createTracker(
    { endpoint: 'https://c.test/v1/batch', batch: { maxEvents: 10, intervalMs: 5000 }, ...over },
    {
      queue,
      random: () => 0.9,
      encode: async (json) => ({ body: json, headers: {}, size: json.length }),
      storage: null,
      schedule: (fn, ms) => setTimeout(fn, ms),
      post: async (_u, json) => {
        bodies.push(JSON.parse(json) as Batch);
        return { status: status() };
      },
      beacon: (_u, json) => (beacons.push(JSON.parse(json) as Batch), true),
    },
  );
  const sent = () => bodies.flatMap((b) => b.events);
  return { t, queue, bodies, beacons, sent };
}
const settle = () => vi.advanceTimersByTimeAsync(PERSIST_DELAY_MS + 50);

beforeEach(() => {
  vi.useFakeTimers({
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
  });
  vi.setSystemTime(T0);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('batcher', () => {
  it('writes every event to the queue within 500 ms of track()', async () => {
    const { t, queue } = make();
    t.track('a');
    t.track('b');
    expect(await queue.count()).toBe(0); // off the click path
    await vi.advanceTimersByTimeAsync(500);
    expect(await queue.count()).toBe(2);
    void t.shutdown(); // its write would wait behind the hung one
  });

  it('sends as soon as a batch is full, without waiting for the interval', async () => {
    const { t, bodies, sent } = make();
    for (let i = 0; i < 10; i++) t.track('e', { i });
    await settle();
    expect(bodies).toHaveLength(1);
    expect(sent().map((e) => e.props.i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    await t.shutdown();
  });

  it('sends as soon as the waiting bytes reach maxBytes', async () => {
    const { t, bodies } = make({ batch: { maxEvents: 1000, maxBytes: 5000, intervalMs: 60_000 } });
    for (let i = 0; i < 4; i++) t.track('big', { pad: 'x'.repeat(999) });
    await settle();
    expect(bodies.length).toBeGreaterThanOrEqual(1);
    expect(bodies.every((b) => JSON.stringify(b).length <= 5000 + 500)).toBe(true);
    await t.shutdown();
  });

  it('sends leftovers of earlier pages shortly after start', async () => {
    const { t, queue, bodies } = make();
    await queue.add([], T0);
    t.track('one');
    await vi.advanceTimersByTimeAsync(FIRST_SEND_DELAY_MS + 10);
    expect(bodies).toHaveLength(1);
    await t.shutdown();
  });

  it('sends every intervalMs while events wait, and stays quiet otherwise', async () => {
    const { t, bodies } = make();
    await vi.advanceTimersByTimeAsync(FIRST_SEND_DELAY_MS + 10);
    expect(bodies).toHaveLength(0);
    t.track('a');
    await vi.advanceTimersByTimeAsync(5000);
    expect(bodies).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(bodies).toHaveLength(1);
    await t.shutdown();
  });

  it('sends when the page is hidden', async () => {
    const { t, bodies } = make({ batch: { maxEvents: 50, intervalMs: 60_000 } });
    await vi.advanceTimersByTimeAsync(FIRST_SEND_DELAY_MS + 10);
    t.track('before-hide');
    const vis = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    vis.mockRestore();
    await vi.advanceTimersByTimeAsync(10);
    expect(bodies.flatMap((b) => b.events).map((e) => e.props.name)).toContain('before-hide');
    await t.shutdown();
  });

  it('beacons unsent events on pagehide, then does not send them again', async () => {
    const { t, beacons, bodies } = make({ batch: { maxEvents: 50, intervalMs: 60_000 } });
    await vi.advanceTimersByTimeAsync(FIRST_SEND_DELAY_MS + 10);
    t.track('last-words');
    window.dispatchEvent(new Event('pagehide'));
    expect(beacons.flatMap((b) => b.events).map((e) => e.props.name)).toEqual(['last-words']);
    await vi.advanceTimersByTimeAsync(30_000);
    await t.flush();
    expect(bodies.flatMap((b) => b.events).map((e) => e.props.name)).not.toContain('last-words');
    await t.shutdown();
  });

  it('writes on pagehide without reading, including events whose idle write had not landed', async () => {
    const { t, queue } = make({ batch: { maxEvents: 50, intervalMs: 60_000 }, consent: 'pending' });
    const putNow = vi.spyOn(queue, 'putNow');
    const add = vi.spyOn(queue, 'add').mockImplementation(() => new Promise(() => {})); // never lands
    t.track('a');
    await vi.advanceTimersByTimeAsync(PERSIST_DELAY_MS + 50); // the idle write starts, and hangs
    t.track('b');
    window.dispatchEvent(new Event('pagehide'));
    add.mockRestore();
    expect(putNow).toHaveBeenCalledTimes(1);
    expect(
      putNow.mock.calls[0]![0].map((s) => (JSON.parse(s.j) as TrackEvent).props.name).sort(),
    ).toEqual(['a', 'b']);
    expect(await queue.count()).toBe(2);
    void t.shutdown(); // its write would wait behind the hung one
  });

  it('cuts what waits in the queue on pagehide, before its put-only write, until a restore', async () => {
    const { t, queue } = make({ batch: { maxEvents: 50, intervalMs: 60_000 } });
    const calls: string[] = [];
    vi.spyOn(queue, 'cut').mockImplementation(() => void calls.push('cut'));
    vi.spyOn(queue, 'putNow').mockImplementation(() => void calls.push('putNow'));
    vi.spyOn(queue, 'resume').mockImplementation(() => void calls.push('resume'));
    t.track('a');
    window.dispatchEvent(new Event('pagehide'));
    expect(calls).toEqual(['cut', 'putNow']);
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    expect(calls).toEqual(['cut', 'putNow', 'resume']);
    await t.shutdown();
  });

  it('beacons and writes at once what is recorded between pagehide and visibilitychange', async () => {
    const { t, queue, beacons } = make({ batch: { maxEvents: 50, intervalMs: 60_000 } });
    await vi.advanceTimersByTimeAsync(FIRST_SEND_DELAY_MS + 10);
    const putNow = vi.spyOn(queue, 'putNow');
    t.track('before');
    window.dispatchEvent(new Event('pagehide'));
    t.track('between'); // web-vitals reports in its visibilitychange listener, after pagehide
    const vis = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    expect(beacons.map((b) => b.events.map((e) => e.props.name))).toEqual([
      ['before'],
      ['between'],
    ]);
    expect(putNow).toHaveBeenCalledTimes(2);
    // Shown again from the back/forward cache: hiding is an ordinary hide once more.
    window.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: true }));
    t.track('after-restore');
    document.dispatchEvent(new Event('visibilitychange'));
    vis.mockRestore();
    expect(putNow).toHaveBeenCalledTimes(2);
    await t.shutdown();
  });

  it('ignores a visibilitychange to visible', async () => {
    const { t, queue } = make({ batch: { maxEvents: 50, intervalMs: 60_000 } });
    const add = vi.spyOn(queue, 'add');
    const putNow = vi.spyOn(queue, 'putNow');
    t.track('a');
    document.dispatchEvent(new Event('visibilitychange'));
    expect(add).not.toHaveBeenCalled();
    expect(putNow).not.toHaveBeenCalled();
    await t.shutdown();
  });

  it('sends again after a running send when more events arrive meanwhile', async () => {
    let release = () => {};
    const bodies: Batch[] = [];
    const queue = createMemoryQueue({ maxEvents: 10_000, ttlMs: 86_400_000 });
    const t = createTracker(
      { endpoint: 'https://c.test/v1/batch', batch: { maxEvents: 2, intervalMs: 60_000 } },
      {
        queue,
        storage: null,
        encode: async (json) => ({ body: json, headers: {}, size: json.length }),
        schedule: (fn, ms) => setTimeout(fn, ms),
        post: async (_u, json) => {
          bodies.push(JSON.parse(json) as Batch);
          if (bodies.length === 1) await new Promise<void>((r) => (release = r));
          return { status: 200 };
        },
        beacon: () => true,
      },
    );
    t.track('a');
    t.track('b');
    await settle(); // a full batch: the first send starts and hangs
    expect(bodies).toHaveLength(1);
    t.track('c');
    t.track('d');
    await settle(); // full again while the first send runs: noted, not started
    expect(bodies).toHaveLength(1);
    release();
    await settle();
    expect(bodies.map((b) => b.events.map((e) => e.props.name))).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    await t.shutdown();
  });

  it('writes beaconed events with their lease on pagehide', async () => {
    const { t, queue, beacons } = make({ batch: { maxEvents: 50, intervalMs: 60_000 } });
    await vi.advanceTimersByTimeAsync(FIRST_SEND_DELAY_MS + 10);
    t.track('gone');
    window.dispatchEvent(new Event('pagehide'));
    expect(beacons).toHaveLength(1);
    // Stored with the beacon lease: no sender takes it for 60 s.
    expect(
      (await queue.claim({ now: Date.now(), leaseMs: 1, maxEvents: 10, maxBytes: 1e6 })).items,
    ).toHaveLength(0);
    await t.shutdown();
  });

  it('retries after a failure at the backoff time, and at once when the network comes back', async () => {
    let status = 503;
    const { t, bodies } = make({ retry: { baseMs: 10_000, maxMs: 60_000 } }, () => status);
    t.track('a');
    await vi.advanceTimersByTimeAsync(FIRST_SEND_DELAY_MS + 10);
    expect(bodies).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(5000); // interval fires, but the retry is not due
    expect(bodies).toHaveLength(1);
    status = 200;
    window.dispatchEvent(new Event('online'));
    await settle();
    expect(bodies).toHaveLength(2);
    expect(await t.flush()).toEqual({ sent: 0, failed: 0, pending: 0 });
    await t.shutdown();
  });

  it('flush() reports what left, including a send already under way', async () => {
    const { t } = make();
    for (let i = 0; i < 25; i++) t.track('e', { i });
    const r = await t.flush();
    expect(r).toEqual({ sent: 25, failed: 0, pending: 0 });
    await t.shutdown();
  });

  it('flush() reports pending events while the endpoint fails', async () => {
    const { t } = make({}, () => 500);
    t.track('a');
    t.track('b');
    expect(await t.flush()).toEqual({ sent: 0, failed: 0, pending: 2 });
    await t.shutdown();
  });

  it('sends nothing while consent is pending, and everything once granted', async () => {
    const { t, bodies } = make({ consent: 'pending' });
    t.track('a');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(bodies).toHaveLength(0);
    window.dispatchEvent(new Event('pagehide')); // into the back/forward cache: no beacon
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true })); // restored
    expect(await t.flush()).toMatchObject({ sent: 0, pending: 1 });
    t.setConsent('granted');
    await settle();
    expect(bodies.flatMap((b) => b.events).map((e) => e.props.name)).toEqual(['a']);
    await t.shutdown();
  });
});
