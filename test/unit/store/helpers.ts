import type { Stored } from '../../../src/core/queue.js';
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
  return { k: keyOf(e), e, lease, bytes: JSON.stringify(e).length };
}

let db = 0;
/** A database name no other test uses. */
export const freshDb = () => `test-${process.pid}-${++db}`;
