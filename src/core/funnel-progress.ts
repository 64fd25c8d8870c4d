import type { ResolvedFunnel } from './funnel-types.js';
import type { Json } from './types.js';

/** Where one funnel stands in a session. */
interface FunnelState {
  /** Step names reached, in the order first reached. */
  r: string[];
  /** The last step reached. */
  l: string;
  /** When it was reached, epoch ms. */
  t: number;
}
interface ProgressRecord {
  sid: string;
  /** The last step reached in any funnel, `funnel:step`. */
  at?: string;
  f: Record<string, FunnelState>;
}

/** Funnel progress of the session, kept next to the session record so it survives page loads. */
export interface FunnelProgress {
  /**
   * Reaching `step` of `funnel`: a function that, given the session id and time (epoch ms) the
   * `funnel_step` event is stamped with, records the step and returns the event's props.
   * Undefined for a step the funnel does not define.
   */
  reach(
    funnel: string,
    step: string,
  ): ((sid: string, ts: number) => { [k: string]: Json }) | undefined;
  /** The last step reached in session `sid`, as `funnel:step`. */
  at(sid: string): string | undefined;
  /** Forgets the progress (consent denied). */
  forget(): void;
}

/**
 * `index` is the step's position in its funnel (0-based); a funnel that is not configured (only
 * `tracker.step()` calls) numbers its steps in the order first reached. `skipped` lists the
 * steps between the previous step and this one that were never reached in the session.
 */
export function createFunnelProgress(o: {
  key: string;
  funnels: ResolvedFunnel[];
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined;
  onStorageError: (e: unknown) => void;
}): FunnelProgress {
  let storage = o.storage;
  let mem: ProgressRecord | undefined;
  const defs = new Map(o.funnels.map((f) => [f.name, f.steps.map((s) => s.name)]));

  const read = (sid: string): ProgressRecord => {
    let rec = mem;
    try {
      const raw = storage?.getItem(o.key);
      if (raw) rec = JSON.parse(raw) as ProgressRecord;
    } catch (e) {
      storage = undefined;
      o.onStorageError(e);
    }
    return rec && rec.sid === sid && typeof rec.f === 'object' ? rec : { sid: '', f: {} };
  };

  return {
    reach(funnel, step) {
      const def = defs.get(funnel);
      if (def && !def.includes(step)) return undefined;
      return (sid, now) => {
        const rec = read(sid);
        const prev = rec.f[funnel];
        const reached = prev?.r ?? [];
        const order = def ?? (reached.includes(step) ? reached : [...reached, step]);
        const index = order.indexOf(step);
        const from = prev ? order.indexOf(prev.l) : -1;
        const repeat = reached.includes(step);
        rec.sid = sid;
        rec.at = `${funnel}:${step}`;
        rec.f[funnel] = { r: repeat ? reached : [...reached, step], l: step, t: now };
        mem = rec;
        try {
          storage?.setItem(o.key, JSON.stringify(rec));
        } catch (e) {
          storage = undefined;
          o.onStorageError(e);
        }
        return {
          funnel,
          step,
          index,
          fromStep: prev?.l ?? null,
          msSincePrevious: prev ? Math.max(0, now - prev.t) : null,
          skipped: order
            .slice(from + 1, Math.max(index, from + 1))
            .filter((s) => !reached.includes(s)),
          repeat,
        };
      };
    },
    at: (sid) => read(sid).at,
    forget() {
      mem = undefined;
      try {
        storage?.removeItem(o.key);
      } catch {}
    },
  };
}
