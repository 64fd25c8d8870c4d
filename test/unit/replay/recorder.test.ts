import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { init } from '../../../src/init.js';
import { MAX_REPLAY_BYTES, sampled } from '../../../src/replay/recorder.js';
import { harness, memoryStorage, ofType, useTrackerSandbox } from '../core/helpers.js';

useTrackerSandbox();
afterEach(() => {
  sessionStorage.clear();
  delete window.__parcoursReplay;
});

const KEY = 'parcours:v1:replay';
const type = (el: HTMLInputElement, value: string) => {
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
  el.dispatchEvent(new Event('change', { bubbles: true }));
};

describe('replay capture', () => {
  it('samples the same sessions on every call, in about the configured share', () => {
    const sids = Array.from(
      { length: 2000 },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    const share = sids.filter((s) => sampled(s, 0.1)).length / sids.length;
    expect(share).toBeGreaterThan(0.07);
    expect(share).toBeLessThan(0.13);
    expect(sids.map((s) => sampled(s, 0.1))).toEqual(sids.map((s) => sampled(s, 0.1)));
    expect(sids.some((s) => sampled(s, 0))).toBe(false);
    expect(sids.every((s) => sampled(s, 1))).toBe(true);
  });

  it('records no input, and exports only this page, when the session is not opted in', async () => {
    document.body.innerHTML = '<input id="q" name="q">';
    const h = harness({}, {}, init);
    type(document.querySelector('#q')!, 'shoes');
    const doc = await h.t.exportSession();
    expect(ofType(await h.received(), 'input')).toEqual([]);
    expect(doc.events.map((e) => e.type)).toEqual(['pageview']);
    expect(sessionStorage.getItem(KEY)).toBeNull();
  });

  it('keeps the session across page loads after startReplayCapture(), page view included', async () => {
    document.body.innerHTML = '<button id="b">Go</button>';
    const storage = new Map<string, string>();
    const local = {
      getItem: (k: string) => storage.get(k) ?? null,
      setItem: (k: string, v: string) => void storage.set(k, v),
      removeItem: (k: string) => void storage.delete(k),
    };
    const first = harness({}, { storage: local }, init);
    first.t.startReplayCapture();
    document.querySelector<HTMLButtonElement>('#b')!.click();
    await first.t.shutdown(); // the page's last flush writes the kept events
    expect(JSON.parse(sessionStorage.getItem(KEY)!).events).toHaveLength(2);

    history.replaceState(null, '', '/next');
    const second = harness({}, { storage: local }, init);
    const doc = await second.t.exportSession();
    expect(doc.v).toBe(1);
    expect(doc.events.map((e) => `${e.type} ${e.path}`)).toEqual([
      'pageview /',
      'click /',
      'pageview /next',
    ]);
    expect(new Set(doc.events.map((e) => e.sid))).toEqual(new Set([doc.sid]));
    expect(doc.startedAt).toBe(doc.events[0]!.ts);
    expect(doc.viewport).toEqual({ w: innerWidth, h: innerHeight });
  });

  it('reads sessionStorage only for a sampled session or after startReplayCapture()', async () => {
    document.body.innerHTML = '<button id="b">Go</button>';
    const local = memoryStorage();
    const read = vi.spyOn(sessionStorage, 'getItem');
    const reads = () => read.mock.calls.filter(([k]) => k === KEY).length;
    const plain = harness({}, { storage: local }, init);
    document.querySelector<HTMLButtonElement>('#b')!.click();
    await plain.received();
    expect(reads()).toBe(0);
    plain.t.startReplayCapture(); // flags the origin: later pages read their tab's record
    expect(reads()).toBe(1);
    expect(local.data.get(`${KEY}-on`)).toBe('1');
    await plain.t.shutdown();

    const next = harness({}, { storage: local }, init);
    expect(reads()).toBe(2);
    expect((await next.t.exportSession()).events.map((e) => e.type)).toEqual([
      'pageview',
      'click',
      'pageview',
    ]);
    next.t.setConsent('denied');
    expect(sessionStorage.getItem(KEY)).toBeNull();

    sessionStorage.clear();
    read.mockClear();
    harness({ replay: { sample: 1 } }, { storage: memoryStorage() }, init);
    expect(reads()).toBe(1);
  });

  it('records every event of a sampled session and stays within its storage budget', async () => {
    document.body.innerHTML = '';
    const h = harness({ replay: { sample: 1 } }, {}, init);
    for (let i = 0; i < 300; i++) h.t.track('big', { blob: 'x'.repeat(900), i });
    await h.t.flush();
    vi.advanceTimersByTime(2_000);
    const raw = sessionStorage.getItem(KEY)!;
    expect(raw.length).toBeLessThanOrEqual(MAX_REPLAY_BYTES);
    const kept = JSON.parse(raw).events as { props: { i?: number } }[];
    expect(kept.length).toBeGreaterThan(100);
    expect(kept.at(-1)!.props.i).toBe(299); // the oldest go first
  });

  it('forgets what it kept when consent is denied', async () => {
    const h = harness({ replay: { sample: 1 } }, {}, init);
    h.t.track('a');
    await h.t.flush();
    vi.advanceTimersByTime(2_000);
    expect(sessionStorage.getItem(KEY)).not.toBeNull();
    h.t.setConsent('denied');
    expect(sessionStorage.getItem(KEY)).toBeNull();
    expect((await h.t.exportSession()).events).toEqual([]);
  });

  it('keeps saving after consent is denied then granted again, on a page that never read the record', async () => {
    const h = harness({}, { storage: memoryStorage() }, init);
    h.t.setConsent('denied');
    h.t.setConsent('granted');
    h.t.track('a');
    h.t.startReplayCapture();
    expect(
      JSON.parse(sessionStorage.getItem(KEY)!).events.map((e: { type: string }) => e.type),
    ).toEqual(['custom']);
  });

  it('stamps replay: true on the events of a page the replay runner drives', async () => {
    window.__parcoursReplay = true;
    const h = harness({}, {}, init);
    h.t.track('a');
    const events = await h.received();
    expect(events.length).toBeGreaterThan(1);
    expect(events.every((e) => e.replay === true)).toBe(true);
  });

  it('gives an empty document from createTracker alone, which has no replay layer', async () => {
    const h = harness();
    h.t.track('a');
    h.t.startReplayCapture();
    expect(await h.t.exportSession()).toMatchObject({ v: 1, sid: '', events: [] });
  });

  it('downloads the document as a JSON file', async () => {
    const h = harness({}, {}, init);
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blobs.push(b as Blob);
      return 'blob:x';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    h.t.downloadSession();
    expect(clicked).toHaveBeenCalledTimes(1);
    const a = clicked.mock.contexts[0] as HTMLAnchorElement;
    const doc = JSON.parse(await blobs[0]!.text());
    expect(a.download).toBe(`parcours-session-${doc.sid}.json`);
    expect(doc.events[0].type).toBe('pageview');
  });
});
