import { boundedKey, deviceOf, devicesOf, num, obj, str, strings } from './event.js';
import type { ReportEvent } from './event.js';
import type { ReassuranceConversionRow, ReassurancePresenceRow } from './types.js';

interface Exposure {
  _funnel: string;
  _step: string;
  _kind: string;
  _seen: boolean;
}

interface SessionFunnels {
  _device: string;
  _reached: Map<string, number>;
  _exposures: Exposure[];
}

/**
 * Streams `reassurance` events (kinds present and seen per page type) and `funnel_step`
 * events (`reassuranceSeen` / `reassuranceUnseen`, and how far each session got) into
 * presence rows and conversion with vs without having seen each kind. Conversion means
 * reaching the funnel's last step (the highest index in the data); it needs one small
 * record per session that reached a step, the report's only per-session memory with landings.
 */
export function createReassuranceAggregator() {
  const presence = new Map<string, ReassurancePresenceRow>();
  const sessions = new Map<string, SessionFunnels>();
  const lastIndex = new Map<string, number>();

  function page(e: ReportEvent): void {
    const pageType = str(e.props.pageType, '(unknown)');
    for (const [kind, raw] of Object.entries(obj(e.props.kinds))) {
      const k = obj(raw);
      for (const device of devicesOf(e)) {
        const key = boundedKey(
          presence,
          `${pageType}\u0000${kind}\u0000${device}`,
          `(other)\u0000(other)\u0000${device}`,
        );
        let r = presence.get(key);
        if (!r) {
          r = { pageType, kind, device, pages: 0, present: 0, visible: 0, aboveFold: 0 };
          presence.set(key, r);
        }
        r.pages++;
        if (k.present === true) r.present++;
        if (k.visible === true) r.visible++;
        if (k.aboveFold === true) r.aboveFold++;
      }
    }
  }

  function step(e: ReportEvent): void {
    const p = e.props;
    const funnel = str(p.funnel);
    const index = num(p.index);
    if (!funnel || index === undefined) return;
    lastIndex.set(funnel, Math.max(lastIndex.get(funnel) ?? index, index));
    let s = sessions.get(e.sid);
    if (!s)
      sessions.set(e.sid, (s = { _device: deviceOf(e), _reached: new Map(), _exposures: [] }));
    s._reached.set(funnel, Math.max(s._reached.get(funnel) ?? index, index));
    if (p.repeat === true) return;
    const step = str(p.step);
    for (const kind of strings(p.reassuranceSeen)) {
      s._exposures.push({ _funnel: funnel, _step: step, _kind: kind, _seen: true });
    }
    for (const kind of strings(p.reassuranceUnseen)) {
      s._exposures.push({ _funnel: funnel, _step: step, _kind: kind, _seen: false });
    }
  }

  return {
    add(e: ReportEvent): void {
      if (e.type === 'reassurance') page(e);
      else if (e.type === 'funnel_step') step(e);
    },
    finish(): { presence: ReassurancePresenceRow[]; conversion: ReassuranceConversionRow[] } {
      const conversion = new Map<string, ReassuranceConversionRow>();
      for (const s of sessions.values()) {
        for (const x of s._exposures) {
          const converted = s._reached.get(x._funnel) === lastIndex.get(x._funnel);
          for (const device of [s._device, 'all']) {
            const key = `${x._funnel}\u0000${x._step}\u0000${x._kind}\u0000${device}`;
            let r = conversion.get(key);
            if (!r) {
              r = {
                funnel: x._funnel,
                step: x._step,
                kind: x._kind,
                device,
                seen: 0,
                seenConverted: 0,
                unseen: 0,
                unseenConverted: 0,
              };
              conversion.set(key, r);
            }
            if (x._seen) {
              r.seen++;
              if (converted) r.seenConverted++;
            } else {
              r.unseen++;
              if (converted) r.unseenConverted++;
            }
          }
        }
      }
      return { presence: [...presence.values()], conversion: [...conversion.values()] };
    },
  };
}
