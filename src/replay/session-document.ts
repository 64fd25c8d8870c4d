import type { SessionDocument } from '../core/replay-types.js';
import type { TrackEvent } from '../core/types.js';

/**
 * The session document of `events` (wire events, any order): the session of the latest event,
 * in `seq` order, with this browser's device and the first page view's viewport.
 */
export function sessionDocument(events: TrackEvent[]): SessionDocument {
  const last = events.reduce<TrackEvent | undefined>(
    (a, e) => (!a || e.ts >= a.ts ? e : a),
    undefined,
  );
  const own = events.filter((e) => e.sid === last?.sid).sort((a, b) => a.seq - b.seq);
  const view = own.find((e) => e.type === 'pageview')?.props.viewport as
    { w: number; h: number } | undefined;
  return {
    v: 1,
    sid: last?.sid ?? '',
    vid: last?.vid ?? '',
    device: {
      userAgent: navigator.userAgent,
      dpr: devicePixelRatio,
      touch: navigator.maxTouchPoints > 0,
      mobile: matchMedia('(pointer: coarse)').matches,
    },
    viewport: view ?? { w: innerWidth, h: innerHeight },
    startedAt: own[0]?.ts ?? 0,
    events: own,
  };
}

/** Saves `doc` as `parcours-session-<sid>.json` through a download link. */
export function downloadDocument(doc: SessionDocument): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([JSON.stringify(doc)], { type: 'application/json' }));
  a.download = `parcours-session-${doc.sid || 'empty'}.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
