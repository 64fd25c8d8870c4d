import { describe, expect, it, vi } from 'vitest';
import { createSession, SEQ_BLOCK } from '../../../src/core/session.js';
import { memoryStorage, UUID_V4 } from './helpers.js';

const TIMEOUT_MS = 30 * 60_000;
const PAGE = 'https://shop.test/product/1';

function session(
  storage: Parameters<typeof createSession>[0]['storage'],
  clock = { now: 1_000_000 },
  onStorageError = vi.fn(),
) {
  const s = createSession({
    prefix: 'parcours:v1',
    timeoutMs: TIMEOUT_MS,
    now: () => clock.now,
    storage,
    onStorageError,
  });
  return { s, clock, onStorageError };
}

describe('session', () => {
  it('stamps sid, vid and seq from 1, increasing by 1', () => {
    const { s } = session(memoryStorage());
    const stamps = [s.next(PAGE), s.next(PAGE), s.next(PAGE)];
    expect(stamps.map((x) => x.seq)).toEqual([1, 2, 3]);
    expect(new Set(stamps.map((x) => x.sid)).size).toBe(1);
    expect(new Set(stamps.map((x) => x.vid)).size).toBe(1);
    expect(stamps[0]!.sid).toMatch(UUID_V4);
    expect(stamps[0]!.vid).toMatch(UUID_V4);
    expect(stamps[0]!.sid).not.toBe(stamps[0]!.vid);
    expect(stamps[0]).not.toHaveProperty('uid');
  });

  it('continues the same session and seq on the next page load', () => {
    const storage = memoryStorage();
    const clock = { now: 1_000_000 };
    const first = session(storage, clock).s;
    first.next(PAGE);
    const last = first.next(PAGE);
    clock.now += 5_000;
    const reloaded = session(storage, clock).s; // a new page, same localStorage
    const next = reloaded.next('https://shop.test/cart');
    expect(next.sid).toBe(last.sid);
    expect(next.vid).toBe(last.vid);
    // Never repeated, even had the first page crashed: it starts above the reserved block.
    expect(next.seq).toBe(SEQ_BLOCK + 1);
  });

  it('never repeats a seq between two tabs stamping in turn on one storage', () => {
    const storage = memoryStorage();
    const clock = { now: 1_000_000 };
    const a = session(storage, clock).s;
    const b = session(storage, clock).s;
    const seqs: number[] = [];
    for (let i = 0; i < 300; i++) {
      clock.now += 10;
      seqs.push((i % 3 ? a : b).next(PAGE).seq);
    }
    expect(new Set(seqs).size).toBe(300);
  });

  it('writes the record once per block of seq, not on every event', () => {
    const storage = memoryStorage();
    const set = vi.spyOn(storage, 'setItem');
    const { s } = session(storage, { now: 1_000_000 });
    for (let i = 0; i < 120; i++) s.next(PAGE);
    // the visitor record once, then the session at seq 1, 51 and 101
    expect(set.mock.calls.filter(([k]) => k.endsWith(':session'))).toHaveLength(3);
  });

  it('starts a new session after timeoutMs of inactivity, with seq back at 1', () => {
    const { s, clock } = session(memoryStorage());
    const a = s.next(PAGE);
    s.next(PAGE);
    clock.now += TIMEOUT_MS; // exactly the timeout: still the same visit
    const b = s.next(PAGE);
    expect(b.sid).toBe(a.sid);
    expect(b.seq).toBe(3);
    clock.now += TIMEOUT_MS + 1;
    const c = s.next(PAGE);
    expect(c.sid).not.toBe(a.sid);
    expect(c.seq).toBe(1);
    expect(c.vid).toBe(a.vid);
  });

  it('measures inactivity from the last event, not the session start', () => {
    const { s, clock } = session(memoryStorage());
    const a = s.next(PAGE);
    for (let i = 0; i < 5; i++) {
      clock.now += TIMEOUT_MS - 1_000;
      expect(s.next(PAGE).sid).toBe(a.sid);
    }
  });

  it('starts a new session when a different campaign arrives', () => {
    const { s } = session(memoryStorage());
    const a = s.next('https://shop.test/?utm_source=news&utm_campaign=spring');
    const b = s.next('https://shop.test/?utm_source=news&utm_campaign=summer');
    expect(b.sid).not.toBe(a.sid);
    expect(b.seq).toBe(1);
    const c = s.next('https://shop.test/?gclid=abc');
    expect(c.sid).not.toBe(b.sid);
    const d = s.next('https://shop.test/?gclid=def');
    expect(d.sid).not.toBe(c.sid);
    expect(new Set([a.vid, b.vid, c.vid, d.vid]).size).toBe(1);
  });

  it('starts a new session when a campaign arrives mid-visit', () => {
    const { s } = session(memoryStorage());
    const a = s.next(PAGE);
    const b = s.next('https://shop.test/?utm_campaign=retargeting');
    expect(b.sid).not.toBe(a.sid);
  });

  it('keeps the session when the campaign parameters disappear on the next page', () => {
    const { s } = session(memoryStorage());
    const a = s.next('https://shop.test/landing?utm_source=ads&utm_campaign=spring');
    const b = s.next('https://shop.test/product/1');
    const c = s.next('https://shop.test/landing?utm_source=ads&utm_campaign=spring');
    expect(b.sid).toBe(a.sid);
    expect(c.sid).toBe(a.sid);
    expect(c.seq).toBe(3);
  });

  it('keeps the visitor id across sessions and page loads', () => {
    const storage = memoryStorage();
    const clock = { now: 1_000_000 };
    const a = session(storage, clock).s.next(PAGE);
    clock.now += 10 * TIMEOUT_MS;
    const b = session(storage, clock).s.next(PAGE);
    expect(b.sid).not.toBe(a.sid);
    expect(b.vid).toBe(a.vid);
  });

  it('stamps uid after identify, across sessions and page loads', () => {
    const storage = memoryStorage();
    const clock = { now: 1_000_000 };
    const { s } = session(storage, clock);
    expect(s.next(PAGE)).not.toHaveProperty('uid');
    s.identify('user-42');
    expect(s.next(PAGE).uid).toBe('user-42');
    clock.now += 2 * TIMEOUT_MS;
    expect(session(storage, clock).s.next(PAGE).uid).toBe('user-42');
  });

  it('forgets the session, visitor and user', () => {
    const storage = memoryStorage();
    const { s } = session(storage);
    s.identify('u');
    const a = s.next(PAGE);
    s.forget();
    expect(storage.data.size).toBe(0);
    const b = s.next(PAGE);
    expect(b.vid).not.toBe(a.vid);
    expect(b.sid).not.toBe(a.sid);
    expect(b.seq).toBe(1);
    expect(b).not.toHaveProperty('uid');
  });

  it('keeps working in memory without storage', () => {
    const { s } = session(undefined);
    const a = s.next(PAGE);
    const b = s.next(PAGE);
    expect(b.sid).toBe(a.sid);
    expect(b.vid).toBe(a.vid);
    expect(b.seq).toBe(2);
  });

  it('falls back to memory when storage throws a SecurityError, and says so once', () => {
    const denied = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
    const storage = { getItem: denied, setItem: denied, removeItem: denied };
    const { s, onStorageError } = session(storage);
    let stamps: ReturnType<typeof s.next>[] = [];
    expect(() => {
      stamps = [s.next(PAGE), s.next(PAGE), s.next(PAGE)];
      s.identify('u');
      stamps.push(s.next(PAGE));
      s.forget();
    }).not.toThrow();
    expect(stamps.map((x) => x.seq)).toEqual([1, 2, 3, 4]);
    expect(new Set(stamps.map((x) => x.sid)).size).toBe(1);
    expect(stamps[3]!.uid).toBe('u');
    expect(onStorageError).toHaveBeenCalledTimes(1);
    expect((onStorageError.mock.calls[0]![0] as DOMException).name).toBe('SecurityError');
  });

  it('falls back to memory when writes fail (quota exceeded)', () => {
    const storage = memoryStorage();
    storage.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    const { s, onStorageError } = session(storage);
    expect([s.next(PAGE).seq, s.next(PAGE).seq]).toEqual([1, 2]);
    expect(onStorageError).toHaveBeenCalledTimes(1);
  });

  it('starts afresh over a corrupt stored record', () => {
    const storage = memoryStorage();
    storage.setItem('parcours:v1:session', '{not json');
    const { s } = session(storage);
    expect(() => s.next(PAGE)).not.toThrow();
    expect(s.next(PAGE).seq).toBe(2);
  });
});
