import type { CaptureContext } from '../core/capture-context.js';
import type { Stop } from '../core/stop.js';
import type { CaptureModule } from '../core/tracker-types.js';
import type { TrackEvent } from '../core/types.js';
import { downloadDocument, sessionDocument } from './session-document.js';

/** Most events kept for one session's export. */
export const MAX_REPLAY_EVENTS = 2_000;
/** Most bytes of JSON kept in sessionStorage for them (the shop's own 5 MB is shared). */
export const MAX_REPLAY_BYTES = 400_000;
const SAVE_DELAY_MS = 1_000;

interface Kept {
  /** Replay capture was asked for in this tab (`startReplayCapture()`). */
  on: boolean;
  sid: string;
  events: TrackEvent[];
}

/** Whether session `sid` falls in the sampled share (the same answer on every page and tab). */
export function sampled(sid: string, share: number): boolean {
  let h = 0x811c9dc5; // FNV-1a
  for (let i = 0; i < sid.length; i++) h = Math.imul(h ^ sid.charCodeAt(i), 0x01000193);
  return (h >>> 0) / 2 ** 32 < share;
}

/**
 * The replay capture layer: for sessions opted into replay (`replay.sample`, or
 * `startReplayCapture()` in this tab) it starts `inputs` (input and scroll capture) and keeps
 * the session's events, the latest {@link MAX_REPLAY_EVENTS} within {@link MAX_REPLAY_BYTES},
 * in sessionStorage (written after a quiet second and before the page's last flush, never per
 * event), so `exportSession()` on a later page of the tab still has the whole journey.
 * With `capture.inputs` on, input capture runs for every session.
 */
export function startReplay(ctx: CaptureContext, inputs: CaptureModule): Stop {
  const key = `${ctx.cfg.storage.dbName}:v1:replay`;
  // Set in localStorage by startReplayCapture(): a tab's record can only matter to this page if
  // the session is sampled or some tab turned replay capture on, so other pages never read
  // sessionStorage (its first access costs milliseconds of the page's start-up).
  const flagKey = `${key}-on`;
  let store: Storage | undefined;
  let kept: Kept = { on: false, sid: '', events: [] };
  let loaded = false;
  let flagged: boolean | undefined;
  const load = () => {
    if (loaded) return;
    loaded = true;
    try {
      store = sessionStorage;
      const raw = store.getItem(key);
      if (raw) kept = { ...kept, ...(JSON.parse(raw) as Kept) };
      if (!Array.isArray(kept.events)) kept.events = [];
    } catch (e) {
      ctx.guard.warn(
        'replay:storage',
        'sessionStorage unusable: replay events kept for this page only',
        e,
      );
    }
  };
  const local = ctx.local;
  const isFlagged = () => {
    if (flagged === undefined) {
      try {
        // Without a usable localStorage the flag cannot be known: read the record.
        flagged = !local || local.getItem(flagKey) !== null;
      } catch {
        flagged = true;
      }
    }
    return flagged;
  };
  let recording = false;
  const page: TrackEvent[] = [];
  let stopInputs: Stop | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const want = (sid: string) => kept.on || sampled(sid, ctx.cfg.replay.sample);
  const startInputs = () => void (stopInputs ??= inputs(ctx));
  const begin = () => {
    recording = true;
    startInputs();
  };
  const save = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!store) return;
    let json = JSON.stringify(kept);
    while (json.length > MAX_REPLAY_BYTES && kept.events.length) {
      kept.events.splice(0, Math.ceil(kept.events.length / 10));
      json = JSON.stringify(kept);
    }
    try {
      store.setItem(key, json);
    } catch (e) {
      ctx.guard.warn('replay:save', 'could not keep replay events in sessionStorage', e);
    }
  };
  const later = () => void (timer ??= setTimeout(ctx.guard.wrap('replay', save), SAVE_DELAY_MS));
  if (ctx.cfg.capture.inputs) startInputs();
  const stops = [
    ctx.on('event', (e) => {
      if (!e) return;
      // This page's events, so that startReplayCapture() keeps the page view it follows.
      if (page.push(e) > MAX_REPLAY_EVENTS) page.shift();
      if (!loaded && (sampled(e.sid, ctx.cfg.replay.sample) || isFlagged())) load();
      if (e.sid !== kept.sid) kept = { on: kept.on, sid: e.sid, events: [] };
      recording = want(e.sid);
      if (!recording) return;
      begin();
      kept.events.push(e);
      if (kept.events.length > MAX_REPLAY_EVENTS) kept.events.shift();
      later();
    }),
    ctx.on('flush', () => recording && save()),
  ];
  ctx.replay({
    _doc: () => sessionDocument(recording && want(kept.sid) ? kept.events : page),
    _forget() {
      kept = { on: false, sid: '', events: [] };
      page.length = 0;
      recording = false;
      // The flag stays: other tabs may still hold a record of their own (it names no one).
      loaded = true;
      try {
        (store ??= sessionStorage).removeItem(key);
      } catch {}
    },
    _download: downloadDocument,
    _start() {
      load();
      if (!flagged) {
        flagged = true;
        try {
          local?.setItem(flagKey, '1');
        } catch {}
      }
      if (!recording) {
        const sid = page[page.length - 1]?.sid ?? kept.sid;
        const seen = new Set(kept.sid === sid ? kept.events.map((e) => e.id) : []);
        kept = {
          on: true,
          sid,
          events: [
            ...(kept.sid === sid ? kept.events : []),
            ...page.filter((e) => e.sid === sid && !seen.has(e.id)),
          ],
        };
      }
      kept.on = true;
      begin();
      save();
    },
  });
  return () => {
    stops.forEach((s) => s());
    stopInputs?.();
    if (timer) save();
  };
}
