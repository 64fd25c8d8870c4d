import { boundedKey, devicesOf, num, str, strings } from './event.js';
import type { ReportEvent } from './event.js';
import { createSample } from './sample.js';
import type { Sample } from './sample.js';
import type { FunnelStepRow } from './types.js';

interface StepState {
  _funnel: string;
  _step: string;
  _index: number;
  _device: string;
  _sessions: number;
  _entered: number;
  _skipped: number;
  _gaps: Sample;
}

/** Streams `funnel_step` events into per-step rows. */
export function createFunnelsAggregator() {
  const steps = new Map<string, StepState>();
  // Step indexes by funnel and name, so a skipped step gets a row before it is reached.
  const indexes = new Map<string, number>();

  function state(funnel: string, step: string, device: string): StepState {
    const key = boundedKey(
      steps,
      `${funnel}\u0000${step}\u0000${device}`,
      `(other)\u0000(other)\u0000${device}`,
    );
    let s = steps.get(key);
    if (!s) {
      s = {
        _funnel: funnel,
        _step: step,
        _index: indexes.get(`${funnel}\u0000${step}`) ?? -1,
        _device: device,
        _sessions: 0,
        _entered: 0,
        _skipped: 0,
        _gaps: createSample(),
      };
      steps.set(key, s);
    }
    return s;
  }

  return {
    add(e: ReportEvent): void {
      const p = e.props;
      const funnel = str(p.funnel);
      const step = str(p.step);
      if (!funnel || !step) return;
      const index = num(p.index);
      if (index !== undefined) indexes.set(`${funnel}\u0000${step}`, index);
      for (const device of devicesOf(e)) {
        const s = state(funnel, step, device);
        if (index !== undefined) s._index = index;
        // A repeat is the same session reaching the step again: count sessions once.
        if (p.repeat === true) continue;
        s._sessions++;
        if (p.fromStep === null || p.fromStep === undefined) s._entered++;
        const gap = num(p.msSincePrevious);
        if (gap !== undefined && gap >= 0) s._gaps.add(gap);
        for (const skipped of strings(p.skipped)) state(funnel, skipped, device)._skipped++;
      }
    },
    finish(): FunnelStepRow[] {
      return [...steps.values()]
        .map((s) => ({
          funnel: s._funnel,
          step: s._step,
          index: s._index >= 0 ? s._index : (indexes.get(`${s._funnel}\u0000${s._step}`) ?? 0),
          device: s._device,
          sessions: s._sessions,
          entered: s._entered,
          skipped: s._skipped,
          medianMs: s._gaps.count ? s._gaps.quantile(0.5) : null,
        }))
        .sort(
          (a, b) =>
            a.funnel.localeCompare(b.funnel) ||
            a.device.localeCompare(b.device) ||
            a.index - b.index,
        );
    },
  };
}
