import { afterEach, beforeEach, vi } from 'vitest';
import type { TrackerConfig } from '../../../src/core/config.js';
import type { Queue } from '../../../src/core/queue.js';
import { createTracker } from '../../../src/core/tracker.js';
import type { Tracker, TrackerOptions } from '../../../src/core/tracker-types.js';
import type { Batch, TrackEvent } from '../../../src/core/types.js';
import { createMemoryQueue } from '../../../src/store/memory-queue.js';

export const T0 = 1_763_830_000_000;
export const ENDPOINT = 'https://collect.test/v1/batch';
export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A localStorage stand-in that outlives trackers, as the real one outlives page loads. */
export function memoryStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> & {
  data: Map<string, string>;
} {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, String(v)),
    removeItem: (k) => void data.delete(k),
  };
}

export interface Harness {
  t: Tracker;
  queue: Queue;
  /** Every body POSTed to the endpoint, parsed. */
  bodies: Batch[];
  post: ReturnType<typeof vi.fn<NonNullable<TrackerOptions['post']>>>;
  /** The injected clock: set `clock.now` to move time. */
  clock: { now: number };
  /** Flushes, then returns every event the endpoint received so far. */
  received(): Promise<TrackEvent[]>;
}

const live: Tracker[] = [];

/**
 * A tracker on a memory queue, a recording endpoint, a manual clock and no localStorage (unless `options.storage` says otherwise). Shut down after each test.
 */
export function harness(
  config: Partial<TrackerConfig> = {},
  options: TrackerOptions = {},
  start: (c: TrackerConfig, o: TrackerOptions) => Tracker = createTracker,
  status: () => number = () => 200,
): Harness {
  const bodies: Batch[] = [];
  const clock = { now: T0 };
  const queue = options.queue ?? createMemoryQueue({ maxEvents: 10_000, ttlMs: 86_400_000 });
  const post = vi.fn<NonNullable<TrackerOptions['post']>>(async (_url, json) => {
    bodies.push(JSON.parse(json) as Batch);
    return { status: status() };
  });
  const t = start(
    { endpoint: ENDPOINT, ...config },
    {
      queue,
      storage: null,
      now: () => clock.now,
      schedule: (fn) => fn(),
      encode: async (json) => ({ body: json, headers: {}, size: json.length }),
      post,
      beacon: () => true,
      ...options,
    },
  );
  live.push(t);
  return {
    t,
    queue,
    bodies,
    post,
    clock,
    async received() {
      await t.flush();
      return bodies.flatMap((b) => b.events);
    },
  };
}

/** Fake timers (never setImmediate/queueMicrotask: fake-indexeddb needs them), a clean page, and every tracker shut down. */
export function useTrackerSandbox(): void {
  beforeEach(() => {
    vi.useFakeTimers({
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
    });
    vi.setSystemTime(T0);
    history.replaceState(null, '', '/');
    document.body.innerHTML = '';
    document.title = 'Shop';
  });
  afterEach(async () => {
    await Promise.allSettled(live.splice(0).map((t) => t.shutdown()));
    vi.restoreAllMocks();
    vi.useRealTimers();
  });
}

/** Events of one type, in the order they were stamped. */
export const ofType = (events: TrackEvent[], type: string) =>
  events.filter((e) => e.type === type).sort((a, b) => a.seq - b.seq);
