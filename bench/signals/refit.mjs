// Re-scores the corrective-pattern misclicks of a `bench:signals` run with other weights, from
// the evidence each event carries, and judges the runs again: the way the scoring weights are
// fitted on the tuning split (SIGNALS.md §4.6 "weights … fitted on the benchmark dev split").
// Run the bench with every candidate emitted (`--sdk '{"capture":{"misclicks":{"emitAt":1}}}'`),
// then `node bench/signals/refit.mjs bench/results/signals.json [weights.json]`.
import { readFile } from 'node:fs/promises';
import { judge, MISCLICK_MIN } from './judge.mjs';
import { cleanRates, score } from './metrics.mjs';
import { SCENARIOS } from './scenarios.mjs';
import { walk } from './walks.mjs';

/** The weights of src/capture/misclicks/score.ts, by name. */
export const CURRENT = {
  gap: 0.35,
  /** ms of the gap not counted against it (GRACE_MS; 0 is the spec's plain linear term). */
  grace: 500,
  adjacent: 0.25,
  sameGroup: 0.1,
  edge25: 0.2,
  edge35: 0.05,
  opposed: 0.15,
  small: 0.05,
  exploring: -0.4,
  base: {},
};

/** `scorePair` with weights `w` (a pattern's base from the event unless `w.base` names it). */
export function rescore(ev, pattern, w) {
  const g = w.grace ?? 0;
  const late = Math.max(0, ev.gapMs - g) / Math.max(1, ev.windowMs - g);
  const key = ev.explicit ? `${pattern}:explicit` : pattern;
  let s = (w.base[key] ?? ev.base) + w.gap * Math.max(0, 1 - late);
  s += ev.adjacent ? w.adjacent : ev.sameGroup ? w.sameGroup : 0;
  if (ev.edge !== null && ev.edge !== undefined)
    s += ev.edge <= 0.25 ? w.edge25 : ev.edge <= 0.35 ? w.edge35 : 0;
  if (ev.opposed) s += w.opposed;
  if (ev.small) s += w.small;
  if (ev.exploring) s += w.exploring;
  return Math.round(Math.min(1, Math.max(0, s)) * 100) / 100;
}

const STEPS = 14;
const scenarioOf = (r) =>
  r.split === 'clean' ? walk(r.seed, STEPS) : SCENARIOS.find((s) => s.id === r.id);

/** Judges the stored runs with misclick confidences recomputed under `w`. */
export function evaluate(data, w, splits = ['tune']) {
  const judged = [];
  for (const r of data.runs) {
    if (!splits.includes(r.split) && r.split !== 'clean') continue;
    if (r.failed || r.invalid) continue;
    const signals = (r.signals ?? []).map((e) => {
      if (e.type !== 'misclick' || e.props.kind !== 'wrong_control' || !e.props.evidence?.windowMs)
        return e;
      return {
        ...e,
        props: { ...e.props, confidence: rescore(e.props.evidence, e.props.pattern, w) },
      };
    });
    const events = [
      ...(r.clicks ?? []).map((c) => ({
        type: 'click',
        seq: c.seq,
        ts: c.ts,
        props: { target: { testid: c.target } },
      })),
      ...signals,
    ];
    const run = { actions: r.actions, events };
    const sc = scenarioOf(r);
    judged.push({
      split: r.split,
      id: r.id,
      device: r.device,
      seed: r.seed,
      verdict: judge(sc, run),
      run,
    });
  }
  const held = judged.filter((j) => j.split !== 'clean');
  return { all: score(held), clean: cleanRates(judged.filter((j) => j.split === 'clean')), judged };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const data = JSON.parse(await readFile(process.argv[2], 'utf8'));
  const w = process.argv[3] ? JSON.parse(await readFile(process.argv[3], 'utf8')) : CURRENT;
  const splits = (process.argv[4] ?? 'tune').split(',');
  const { all, clean, judged } = evaluate(data, w, splits);
  for (const k of ['misclick', 'misclick:near_miss', 'misclick:wrong_control'])
    console.log(k, JSON.stringify(all[k]));
  console.log('clean misclick', JSON.stringify(clean.misclick), 'activations', clean.activations);
  for (const j of judged)
    for (const f of j.verdict.fn.filter((x) => x.kind === 'misclick'))
      console.log('FN', j.id, j.device, j.seed, f.label.pattern ?? f.label.kind);
  for (const j of judged)
    for (const f of j.verdict.fp.filter((x) => x.kind === 'misclick'))
      console.log('FP', j.id, j.device, j.seed, f.props.pattern, f.props.confidence);
  console.log('threshold', MISCLICK_MIN);
}
