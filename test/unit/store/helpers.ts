import type { ClaimOptions, Queue, Stored } from '../../../src/core/queue.js';
import type { TrackEvent } from '../../../src/core/types.js';
import { keyOf } from '../../../src/store/queue-types.js';

let n = 0;
/** A stamped event at `ts`, unique id and seq. */
export function ev(ts: number, props: TrackEvent['props'] = {}): TrackEvent {
  n++;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    type: 'custom',
    ts,
    seq: n,
    sid: 's',
    vid: 'v',
    url: 'https://shop.test/',
    path: '/',
    props,
  };
}

/** The queue's view of an event. */
export function stored(e: TrackEvent, lease = 0): Stored {
  const j = JSON.stringify(e);
  return { k: keyOf(e), j, lease, bytes: j.length };
}

/** The event a record holds. */
export const eventOf = (s: Stored): TrackEvent => JSON.parse(s.j) as TrackEvent;

/** The records a claim took. */
export const take = async (q: Queue, o: ClaimOptions): Promise<Stored[]> =>
  (await q.claim(o)).items;

let db = 0;
/** A database name no other test uses. */
export const freshDb = () => `test-${process.pid}-${++db}`;
