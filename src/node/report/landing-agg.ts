import { boundedKey, deviceOf, num, obj, str, strings } from './event.js';
import type { ReportEvent } from './event.js';
import type { CampaignRow } from './types.js';

/** The campaign a landing is reported under: its name, else source / medium. */
export function campaignLabel(value: unknown): string {
  const c = obj(value);
  const name = str(c.campaign);
  if (name) return name;
  const source = str(c.source);
  const medium = str(c.medium);
  return source || medium ? `${source || '?'} / ${medium || '?'}` : '(none)';
}

interface Landing {
  _campaign: string;
  _device: string;
  _mismatched: boolean;
}

interface CampaignState {
  _landings: number;
  _scoreSum: number;
  _mismatches: Map<string, number>;
}

/**
 * Streams `landing_check` and `landing_exit` events into campaign rows. A session's first
 * landing check is joined to its quick exit (if any) at the end, so the order of the two in
 * the files does not matter.
 */
export function createLandingAggregator() {
  const landings = new Map<string, Landing>();
  const quickExits = new Set<string>();
  const campaigns = new Map<string, CampaignState>();

  function check(e: ReportEvent): void {
    const p = e.props;
    const campaign = campaignLabel(p.campaign);
    const mismatches = strings(p.mismatches);
    const score = num(p.score) ?? 0;
    const device = deviceOf(e);
    if (!landings.has(e.sid)) {
      landings.set(e.sid, {
        _campaign: campaign,
        _device: device,
        _mismatched: mismatches.length > 0,
      });
    }
    for (const d of [device, 'all']) {
      const key = boundedKey(campaigns, `${campaign}\u0000${d}`, `(other)\u0000${d}`);
      let c = campaigns.get(key);
      if (!c) campaigns.set(key, (c = { _landings: 0, _scoreSum: 0, _mismatches: new Map() }));
      c._landings++;
      c._scoreSum += score;
      for (const id of mismatches) {
        if (c._mismatches.size < 100 || c._mismatches.has(id)) {
          c._mismatches.set(id, (c._mismatches.get(id) ?? 0) + 1);
        }
      }
    }
  }

  return {
    add(e: ReportEvent): void {
      if (e.type === 'landing_check') check(e);
      else if (e.type === 'landing_exit' && str(e.props.kind) === 'quick_exit')
        quickExits.add(e.sid);
    },
    finish(): CampaignRow[] {
      const rows = new Map<string, CampaignRow>();
      for (const [key, c] of campaigns) {
        const [campaign, device] = key.split('\u0000') as [string, string];
        rows.set(key, {
          campaign,
          device,
          landings: c._landings,
          meanScore: c._landings ? c._scoreSum / c._landings : 0,
          mismatched: 0,
          mismatchedQuickExits: 0,
          matched: 0,
          matchedQuickExits: 0,
          mismatches: [...c._mismatches]
            .map(([id, count]) => ({ id, count }))
            .sort((a, b) => b.count - a.count || a.id.localeCompare(b.id)),
        });
      }
      for (const [sid, l] of landings) {
        const exited = quickExits.has(sid);
        for (const d of [l._device, 'all']) {
          const r = rows.get(`${l._campaign}\u0000${d}`) ?? rows.get(`(other)\u0000${d}`);
          if (!r) continue;
          if (l._mismatched) {
            r.mismatched++;
            if (exited) r.mismatchedQuickExits++;
          } else {
            r.matched++;
            if (exited) r.matchedQuickExits++;
          }
        }
      }
      return [...rows.values()];
    },
  };
}
