import { describe, expect, it, vi } from 'vitest';
import { resolveConfig, type TrackerConfig } from '../../../src/core/config.js';
import type { Queue } from '../../../src/core/queue.js';
import type { Batch } from '../../../src/core/types.js';
import { createIdbQueue } from '../../../src/store/idb-queue.js';
import { createMemoryQueue } from '../../../src/store/memory-queue.js';
import { createOutbox } from '../../../src/store/outbox.js';
import { BEACON_LEASE_MS, createSender, type SenderDeps } from '../../../src/transport/sender.js';
import { ev, freshDb, stored } from '../store/helpers.js';

const T0 = 1_763_830_000_000;
const plain = async (json: string) => ({ body: json, headers: {}, size: json.length });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function setup(
  answer: (b: Batch) => { status: number; retryAfterMs?: number },
  over: Partial<TrackerConfig> = {},
  queue: Queue = createMemoryQueue({ maxEvents: 10_000, ttlMs: 86_400_000 }),
  extra: Partial<SenderDeps> = {},
) {
  let t = T0;
  const cfg = resolveConfig({ endpoint: 'https://c.test/v1/batch', siteId: 'shop', ...over });
  const bodies: Batch[] = [];
  const post = vi.fn(async (_url: string, json: string) => {
    const b = JSON.parse(json) as Batch;
    bodies.push(b);
    return answer(b);
  });
  const outbox = createOutbox(
    queue,
    10_000,
    () => t,
    () => {},
    () => {},
    () => {},
  );
  const sender = createSender({
    cfg,
    queue,
    outbox,
    now: () => t,
    random: () => 0.5,
    version: '9.9.9',
    post,
    encode: plain,
    ...extra,
  });
  const fill = async (n: number) => {
    const events = Array.from({ length: n }, (_, i) => ev(T0 + i, { i }));
    await queue.add(
      events.map((e) => stored(e)),
      t,
    );
    return events;
  };
  return {
    cfg,
    queue,
    outbox,
    sender,
    post,
    bodies,
    fill,
    tick: (ms: number) => (t += ms),
    now: () => t,
  };
}
const ids = (bodies: Batch[]) => bodies.flatMap((b) => b.events.map((e) => e.id));

describe('sender', () => {
  it('sends the queue in wire-format v1 batches of maxEvents and removes what was acknowledged', async () => {
    const s = setup(() => ({ status: 200 }), { batch: { maxEvents: 10 } });
    const events = await s.fill(25);
    const r = await s.sender.drain(false);
    expect(r).toEqual({ sent: 25, failed: 0, retryAt: 0, left: 0 });
    expect(s.bodies.map((b) => b.events.length)).toEqual([10, 10, 5]);
    expect(ids(s.bodies)).toEqual(events.map((e) => e.id));
    const b = s.bodies[0]!;
    expect(b).toMatchObject({
      v: 1,
      siteId: 'shop',
      sentAt: T0,
      sdk: { name: 'parcours', version: '9.9.9' },
    });
    expect(b.batchId).toMatch(UUID);
    expect(b.sdk_dropped).toBeUndefined();
    expect(await s.queue.count()).toBe(0);
  });

  it('claims no more once a claim left nothing: what is written during the send goes next time', async () => {
    const s = setup(() => ({ status: 200 }), { batch: { maxEvents: 10 } });
    const claim = vi.spyOn(s.queue, 'claim');
    await s.fill(25);
    await s.sender.drain(false);
    // Two full claims, then one that took the last 5 and saw nothing else: no fourth claim.
    expect(claim).toHaveBeenCalledTimes(3);
    const later = ev(T0 + 100, { late: true });
    s.post.mockImplementationOnce(async (_url, json) => {
      s.bodies.push(JSON.parse(json) as Batch);
      await s.queue.add([stored(later)], s.now()); // written while the batch is on the wire
      return { status: 200 };
    });
    await s.fill(3);
    expect(await s.sender.drain(false)).toEqual({ sent: 3, failed: 0, retryAt: 0, left: 0 });
    expect(claim).toHaveBeenCalledTimes(4);
    expect(await s.queue.count()).toBe(1);
    expect(await s.sender.drain(false)).toMatchObject({ sent: 1, left: 0 });
    expect(s.bodies.at(-1)!.events.map((e) => e.id)).toEqual([later.id]);
  });

  it('builds the body from the stored JSON: the same batch as a JSON.stringify of it', async () => {
    const jsons: string[] = [];
    const s = setup(() => ({ status: 200 }), {}, undefined, {
      post: async (_u, json) => (jsons.push(json), { status: 200 }),
    });
    await s.queue.dropped({ overflow: 2 });
    const odd = ev(T0 - 1, { t: `$& $' $\` "events":0 ` });
    await s.queue.add([stored(odd)], T0);
    const events = [odd, ...(await s.fill(3))];
    await s.sender.drain(false);
    const b = JSON.parse(jsons[0]!) as Batch;
    expect(jsons[0]).toBe(
      JSON.stringify({
        v: 1,
        batchId: b.batchId,
        sentAt: T0,
        siteId: 'shop',
        sdk: { name: 'parcours', version: '9.9.9' },
        events,
        sdk_dropped: { overflow: 2 },
      }),
    );
    const bare = setup(() => ({ status: 200 }), { siteId: undefined }, undefined, {
      post: async (_u, json) => (jsons.push(json), { status: 200 }),
    });
    const one = await bare.fill(1);
    await bare.sender.drain(false);
    const b2 = JSON.parse(jsons[1]!) as Batch;
    expect(b2).toEqual({
      v: 1,
      batchId: b2.batchId,
      sentAt: T0,
      sdk: { name: 'parcours', version: '9.9.9' },
      events: one,
    });
  });

  it('sends the records the previous version left in IndexedDB (the event as an object)', async () => {
    const db = freshDb();
    const queue = createIdbQueue(db, { maxEvents: 10_000, ttlMs: 86_400_000 });
    const s = setup(() => ({ status: 200 }), {}, queue);
    const old = ev(T0 - 10, { legacy: true });
    const k = `q:${old.ts.toString(36).padStart(9, '0')}:${old.seq.toString(36).padStart(6, '0')}:${old.id}`;
    await queue.count();
    await new Promise<void>((ok, fail) => {
      const open = indexedDB.open(`${db}:v1`);
      open.onsuccess = () => {
        const tx = open.result.transaction('queue', 'readwrite');
        tx.objectStore('queue').put({ k, e: old, lease: 0, bytes: JSON.stringify(old).length }, k);
        tx.oncomplete = () => (open.result.close(), ok());
        tx.onerror = () => fail(tx.error);
      };
    });
    const events = await s.fill(2);
    expect(await s.sender.drain(false)).toEqual({ sent: 3, failed: 0, retryAt: 0, left: 0 });
    expect(s.bodies[0]!.events).toEqual([old, ...events]);
    expect(await queue.count()).toBe(0);
  });

  it('drops a batch the endpoint rejects for good, and reports the count in the next batch', async () => {
    let first = true;
    const s = setup(() => (first ? ((first = false), { status: 400 }) : { status: 200 }), {
      batch: { maxEvents: 5 },
    });
    await s.fill(8);
    const r = await s.sender.drain(false);
    expect(r.sent).toBe(3);
    expect(r.failed).toBe(5);
    expect(s.bodies[1]!.sdk_dropped).toEqual({ rejected: 5 });
    expect(await s.queue.dropped()).toEqual({}); // acknowledged, so no longer owed
    expect(await s.queue.count()).toBe(0);
  });

  it('keeps the drop report until a batch carrying it is acknowledged', async () => {
    let status = 503;
    const s = setup(() => ({ status }));
    await s.queue.dropped({ overflow: 4 });
    await s.fill(1);
    await s.sender.drain(false);
    expect(await s.queue.dropped()).toEqual({ overflow: 4 });
    status = 200;
    await s.sender.drain(true);
    expect(s.bodies.map((b) => b.sdk_dropped)).toEqual([{ overflow: 4 }, { overflow: 4 }]);
    expect(await s.queue.dropped()).toEqual({});
  });

  it('splits a batch answered 413 until it fits, and drops a single event that never fits', async () => {
    const s = setup(
      (b) => ({ status: b.events.some((e) => e.props.i === 7) || b.events.length > 4 ? 413 : 200 }),
      {
        batch: { maxEvents: 20 },
      },
    );
    await s.fill(12);
    const r = await s.sender.drain(false);
    expect(r.sent).toBe(11);
    expect(r.failed).toBe(1);
    const accepted = s.bodies.filter(
      (b) => b.events.length <= 4 && !b.events.some((e) => e.props.i === 7),
    );
    expect(new Set(ids(accepted)).size).toBe(11);
    // The dropped event is reported in a later accepted batch, then no longer owed.
    expect(accepted.some((b) => b.sdk_dropped?.rejected === 1)).toBe(true);
    expect(await s.queue.dropped()).toEqual({});
  });

  it('backs off after a retryable failure, frees the events, and honours Retry-After', async () => {
    let answer: { status: number; retryAfterMs?: number } = { status: 503 };
    const s = setup(() => answer, { retry: { baseMs: 1000, maxMs: 60_000 } });
    await s.fill(3);
    const r1 = await s.sender.drain(false);
    expect(r1.sent).toBe(0);
    expect(r1.retryAt).toBe(T0 + 500); // random 0.5 × base · 2^0
    expect(await s.queue.count()).toBe(3);
    // Not due yet: no request.
    expect((await s.sender.drain(false)).retryAt).toBe(T0 + 500);
    expect(s.post).toHaveBeenCalledTimes(1);
    s.tick(500);
    answer = { status: 429, retryAfterMs: 2000 };
    const r2 = await s.sender.drain(false);
    expect(r2.retryAt).toBe(s.now() + 2000); // Retry-After beats the 1000 ms draw
    s.tick(2000);
    answer = { status: 200 };
    expect((await s.sender.drain(false)).sent).toBe(3);
    expect(s.post).toHaveBeenCalledTimes(3);
  });

  it('caps a long Retry-After at retry.maxMs', async () => {
    const s = setup(() => ({ status: 429, retryAfterMs: 3_600_000 }), {
      retry: { baseMs: 100, maxMs: 10_000 },
    });
    await s.fill(1);
    expect((await s.sender.drain(false)).retryAt).toBe(T0 + 10_000);
  });

  it('sends at once when forced, even while backing off', async () => {
    let status = 503;
    const s = setup(() => ({ status }));
    await s.fill(2);
    await s.sender.drain(false);
    status = 200;
    expect((await s.sender.drain(true)).sent).toBe(2);
  });

  it('never sends an event twice when two tabs drain the same database at once', async () => {
    const db = freshDb();
    const bounds = { maxEvents: 10_000, ttlMs: 86_400_000 };
    const seen: Batch[] = [];
    const slow = (b: Batch) => (seen.push(b), { status: 200 });
    const a = setup(slow, { batch: { maxEvents: 7 } }, createIdbQueue(db, bounds));
    const b = setup(slow, { batch: { maxEvents: 7 } }, createIdbQueue(db, bounds));
    const events = await a.fill(60);
    const [ra, rb] = await Promise.all([a.sender.drain(false), b.sender.drain(false)]);
    expect(ra.sent + rb.sent).toBe(60);
    const all = [...a.bodies, ...b.bodies];
    expect(ids(all).sort()).toEqual(events.map((e) => e.id).sort());
  });

  it('beacons the unsent events of the page on pagehide, within the 64 kB budget, once', async () => {
    const beacons: string[] = [];
    const s = setup(() => ({ status: 200 }), { batch: { maxEvents: 50 } }, undefined, {
      beacon: (_url, json) => (beacons.push(json), true),
    });
    const big = Array.from({ length: 300 }, (_, i) => ev(T0 + i, { pad: 'x'.repeat(500), i }));
    for (const e of big) s.outbox.push(e, JSON.stringify(e).length);
    s.sender.beaconUnsent();
    const total = beacons.reduce((n, j) => n + j.length, 0);
    expect(total).toBeLessThanOrEqual(64_000);
    const sentIds = beacons.flatMap((j) => (JSON.parse(j) as Batch).events.map((e) => e.id));
    expect(sentIds.length).toBeGreaterThan(50);
    expect(sentIds).toEqual(big.slice(0, sentIds.length).map((e) => e.id));
    s.sender.beaconUnsent(); // a second pagehide sends only what the budget left out
    const again = beacons
      .slice(-1)
      .flatMap((j) => (JSON.parse(j) as Batch).events.map((e) => e.id));
    expect(again.some((id) => sentIds.includes(id))).toBe(false);
    await s.outbox.persist();
    // Beaconed events wait out their lease before any sender sends them again.
    await s.sender.drain(false);
    expect(ids(s.bodies).some((id) => sentIds.includes(id))).toBe(false);
    s.tick(BEACON_LEASE_MS + 1);
    await s.sender.drain(true); // the page that beaconed never sends them itself
    expect(ids(s.bodies).some((id) => sentIds.includes(id))).toBe(false);
    // The next page of the site sends them once the lease is over, in case the beacon was lost.
    const next = createSender({
      cfg: s.cfg,
      queue: s.queue,
      outbox: createOutbox(
        s.queue,
        10_000,
        s.now,
        () => {},
        () => {},
        () => {},
      ),
      now: s.now,
      random: () => 0.5,
      version: '9.9.9',
      post: s.post,
      encode: plain,
    });
    await next.drain(false);
    expect(ids(s.bodies)).toEqual(expect.arrayContaining(sentIds));
  });

  it('beacons the JSON the tracker computed for an event, as it is', async () => {
    const beacons: string[] = [];
    const s = setup(() => ({ status: 200 }), {}, undefined, {
      beacon: (_url, json) => (beacons.push(json), true),
    });
    const e = ev(T0);
    const json = JSON.stringify(e);
    s.outbox.push(e, json.length, json);
    s.sender.beaconUnsent();
    expect(beacons[0]).toContain(`"events":[${json}]`);
    expect((JSON.parse(beacons[0]!) as Batch).events).toEqual([e]);
  });

  it('beacons nothing while backing off or offline: the next page sends at once instead', async () => {
    const beacons: string[] = [];
    const s = setup(() => ({ status: 503 }), {}, undefined, {
      beacon: (_u, j) => (beacons.push(j), true),
    });
    await s.fill(1);
    await s.sender.drain(false); // 503: backing off
    const e = ev(T0 + 5);
    s.outbox.push(e, JSON.stringify(e).length);
    expect(s.sender.beaconUnsent()).toEqual([]);
    const online = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    try {
      s.tick(60_000); // backoff over, but offline
      expect(s.sender.beaconUnsent()).toEqual([]);
    } finally {
      online.mockRestore();
    }
    expect(beacons).toHaveLength(0);
  });

  it('reports the events left behind leases, so the page sends them when the lease ends', async () => {
    const s = setup(() => ({ status: 200 }));
    await s.fill(3);
    await s.queue.claim({ now: T0, leaseMs: 35_000, maxEvents: 2, maxBytes: 1e6 }); // a dead page's claim
    const r = await s.sender.drain(false);
    expect(r).toMatchObject({ sent: 1, left: 2 });
    s.tick(35_001);
    expect(await s.sender.drain(false)).toMatchObject({ sent: 2, left: 0 });
  });

  it('forgets beaconed events when the page comes back from the back/forward cache', async () => {
    const s = setup(() => ({ status: 200 }), {}, undefined, { beacon: () => true });
    const e = ev(T0);
    s.outbox.push(e, JSON.stringify(e).length);
    s.sender.beaconUnsent();
    await s.outbox.persist();
    s.sender.confirmBeacons();
    await vi.waitFor(async () => expect(await s.queue.count()).toBe(0));
    expect(s.outbox.size).toBe(0);
  });

  it('tells other tabs what it holds and what it sent', async () => {
    const messages: unknown[] = [];
    const s = setup(() => ({ status: 200 }), {}, undefined, { broadcast: (m) => messages.push(m) });
    const [e] = await s.fill(1);
    await s.sender.drain(false);
    const key = expect.stringContaining(e!.id);
    expect(messages).toEqual([
      { t: 'hold', keys: [key], until: expect.any(Number) },
      { t: 'done', keys: [key] },
    ]);
  });
});
