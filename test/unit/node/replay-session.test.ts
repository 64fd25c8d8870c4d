// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { TrackEvent } from '../../../src/core/types.js';
import { parseSession, SessionFileError } from '../../../src/node/replay/session-schema.js';
import {
  checkSid,
  eventOfRow,
  sessionFromEvents,
  sessionQuery,
} from '../../../src/node/replay/session-export.js';

const SID = '6f1c2a4e-0b8d-4c1e-9a7f-2d3b4c5d6e7f';
let n = 0;
function ev(type: string, props: Record<string, unknown> = {}, seq = ++n): TrackEvent {
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    type,
    ts: 1_763_830_000_000 + seq * 1000,
    seq,
    sid: SID,
    vid: 'v1',
    url: 'https://shop.example/',
    path: '/',
    props: props as TrackEvent['props'],
  };
}
const doc = (over: Record<string, unknown> = {}) => ({
  v: 1,
  sid: SID,
  vid: 'v1',
  device: {},
  viewport: { w: 1024, h: 700 },
  startedAt: 1,
  events: [ev('pageview', { viewport: { w: 1024, h: 700 } })],
  ...over,
});
const message = (text: string) => {
  try {
    parseSession(text);
  } catch (e) {
    expect(e).toBeInstanceOf(SessionFileError);
    return (e as Error).message;
  }
  throw new Error('parsed');
};

describe('session documents', () => {
  it('reads a valid document and sorts its events by seq', () => {
    const events = [ev('click', {}, 5), ev('pageview', {}, 2)];
    expect(parseSession(JSON.stringify(doc({ events }))).events.map((e) => e.seq)).toEqual([2, 5]);
  });

  it('refuses another version, naming it', () => {
    expect(message(JSON.stringify(doc({ v: 2 })))).toBe(
      'unsupported session document version 2: this parcours reads version 1',
    );
    expect(message(JSON.stringify({ sid: SID }))).toMatch(/version null/);
  });

  it('names the first missing or mistyped field', () => {
    const noViewport: Record<string, unknown> = doc();
    delete noViewport.viewport;
    expect(message(JSON.stringify(noViewport))).toMatch(/^invalid session document: viewport: /);
    expect(message(JSON.stringify(doc({ events: [{ ...ev('click'), seq: 'x' }] })))).toMatch(
      /events\.0\.seq/,
    );
    expect(message(JSON.stringify(doc({ viewport: { w: 0, h: 700 } })))).toMatch(/viewport\.w/);
    expect(message(JSON.stringify(doc({ events: 'none' })))).toMatch(/events/);
  });

  it('refuses what is not JSON or not an object', () => {
    expect(message('{"v":1,')).toMatch(/^the session file is not JSON/);
    expect(message('[1]')).toMatch(/invalid session document/);
    expect(message('null')).toMatch(/invalid session document/);
  });

  it('keeps script in text fields as plain data', () => {
    const text = '<script>alert(1)</script>';
    const parsed = parseSession(
      JSON.stringify(doc({ events: [ev('click', { target: { text, selector: text } })] })),
    );
    expect((parsed.events[0]!.props.target as { text: string }).text).toBe(text);
  });
});

describe('export from collected events', () => {
  it('builds the document of one session: deduped, in seq order, without collector fields', () => {
    const a = ev('pageview', { viewport: { w: 390, h: 844 } });
    const b = ev('click', { pointer: 'touch' });
    const other = { ...ev('click'), sid: 'other' };
    const d = sessionFromEvents(
      [
        { ...b, receivedAt: 9, siteId: 's' },
        { ...a, receivedAt: 9, siteId: 's' },
        { ...b, receivedAt: 10 },
        other,
        null,
      ],
      SID,
    );
    expect(d).toEqual({
      v: 1,
      sid: SID,
      vid: 'v1',
      device: { touch: true },
      viewport: { w: 390, h: 844 },
      startedAt: a.ts,
      events: [a, b],
    });
    expect(() => parseSession(JSON.stringify(d))).not.toThrow();
  });

  it('says when the session is not there', () => {
    expect(() => sessionFromEvents([ev('click')], 'nope')).toThrow(/no event of session nope/);
  });

  it('puts only a plain session id into the ClickHouse query', () => {
    expect(sessionQuery('parcours', 'events', SID)).toBe(
      `SELECT id, type, ts, seq, sid, vid, uid, url, path, props, extra FROM parcours.events FINAL WHERE sid = '${SID}' ORDER BY seq FORMAT JSONEachRow`,
    );
    expect(() => sessionQuery('parcours', 'events', "x' OR 1=1 --")).toThrow(/--sid/);
    expect(() => sessionQuery('p;drop', 'events', SID)).toThrow(/database/);
    expect(() => checkSid('')).toThrow();
  });

  it('turns a ClickHouse row back into the event, its extra keys on top', () => {
    const e = eventOfRow({
      id: 'i',
      type: 'click',
      ts: '1763830000000',
      seq: '3',
      sid: SID,
      vid: 'v',
      uid: '',
      url: 'u',
      path: '/',
      props: '{"x":1}',
      extra: '{"replay":true}',
    });
    expect(e).toEqual({
      replay: true,
      id: 'i',
      type: 'click',
      ts: 1_763_830_000_000,
      seq: 3,
      sid: SID,
      vid: 'v',
      url: 'u',
      path: '/',
      props: { x: 1 },
    });
    expect(eventOfRow({ props: 'not json', extra: '' } as never).props).toEqual({});
  });
});
