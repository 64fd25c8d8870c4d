// Aggregates judged runs into per-detector precision, recall, F1 and clean-traffic false
// positives per 1000 activations, and lists what failed (with what the SDK emitted there).
import { KINDS as FRUSTRATION, detections } from './judge.mjs';

// Returns and cart undo are frustration events of the misclick detectors; misclicks are scored
// together and per kind (`misclick:near_miss`, `misclick:wrong_control`).
const KINDS = [
  ...FRUSTRATION,
  'u_turn',
  'quick_back',
  'cart_undo',
  'misclick',
  'misclick:near_miss',
  'misclick:wrong_control',
  'misclick:accidental_activation',
];

/** Whether a tp / fn entry (`{ kind, label }`) or a detection (`{ kind, sub }`) is of `kind`. */
function isKind(x, kind) {
  const [k, sub] = kind.split(':');
  if (x.kind !== k) return false;
  if (!sub) return true;
  return (x.label ? x.label.kind : x.sub) === sub;
}

const ratio = (a, b) => (b ? a / b : null);

/** Per-kind `{ tp, fn, fp, precision, recall, f1 }` over judged runs. */
export function score(judged) {
  const out = {};
  for (const kind of KINDS) {
    let tp = 0;
    let fn = 0;
    let fp = 0;
    for (const j of judged) {
      tp += j.verdict.tp.filter((x) => isKind(x, kind)).length;
      fn += j.verdict.fn.filter((x) => isKind(x, kind)).length;
      fp += j.verdict.fp.filter((x) => isKind(x, kind)).length;
    }
    const precision = ratio(tp, tp + fp);
    const recall = ratio(tp, tp + fn);
    const f1 =
      precision !== null && recall !== null && precision + recall
        ? (2 * precision * recall) / (precision + recall)
        : null;
    out[kind] = { tp, fn, fp, precision, recall, f1 };
  }
  return out;
}

/** Clean corpus: per-kind false positives and their rate per 1000 activations. */
export function cleanRates(judged) {
  const activations = judged.reduce((s, j) => s + j.run.actions.length, 0);
  const out = { activations };
  for (const kind of KINDS) {
    const fp = judged.reduce((s, j) => s + j.verdict.fp.filter((x) => isKind(x, kind)).length, 0);
    out[kind] = { fp, per1000: activations ? (fp * 1000) / activations : null };
  }
  return out;
}

/** A compact account of what the SDK emitted in a run (kind@anchor and key evidence). */
export function emitted(run) {
  return detections(run).map((d) => {
    const ev = d.props?.evidence ?? {};
    const keys = [
      'variant',
      'reactionProfile',
      'clicks',
      'latencyMs',
      'explained',
      'source',
      'reason',
      'hadLoadingFeedback',
      'pendingNetwork',
    ];
    const brief = keys.filter((k) => ev[k] !== undefined).map((k) => `${k}=${ev[k]}`);
    if (d.sub) brief.unshift(`${d.sub}/${d.props?.pattern}`, `c=${d.props?.confidence}`);
    return `${d.kind}@${d.anchor ?? '?'}${brief.length ? `(${brief.join(',')})` : ''}`;
  });
}

/** The runs that missed an expectation or raised a forbidden verdict. */
export function failures(judged) {
  return judged
    .filter((j) => j.verdict.fn.length || j.verdict.fp.length || j.run.failed || j.run.invalid)
    .map((j) => ({
      run: `${j.sc.id} ${j.run.device ?? j.device} seed=${j.run.seed ?? j.seed} theme=${j.run.theme ?? j.theme}`,
      failed:
        j.run.failed ?? (j.run.invalid ? `stimulus not as scripted: ${j.run.invalid}` : undefined),
      missed: j.verdict.fn.map(
        (x) =>
          `${[].concat(x.label.type).join('|')}${x.label.kind ? `:${x.label.kind}` : ''}@${x.label.anchor ?? 'any'}`,
      ),
      forbidden: j.verdict.fp.map((d) => `${d.kind}${d.sub ? `:${d.sub}` : ''}@${d.anchor ?? '?'}`),
      emitted: j.run.failed ? [] : emitted(j.run),
      tries: j.run.tries,
      mismatches: j.verdict.mismatches.length,
    }));
}

const f2 = (x) => (x === null ? '  — ' : x.toFixed(2));

/** The printed table: one row per detector and split. */
export function table(splits, clean) {
  const rows = [
    [
      'detector',
      ...Object.keys(splits).flatMap((s) => [`${s} P`, 'R', 'F1', 'tp/fn/fp']),
      'clean FP/1000',
    ],
  ];
  for (const kind of KINDS) {
    rows.push([
      kind,
      ...Object.values(splits).flatMap((s) => {
        const m = s[kind];
        return [f2(m.precision), f2(m.recall), f2(m.f1), `${m.tp}/${m.fn}/${m.fp}`];
      }),
      clean ? `${clean[kind].per1000?.toFixed(1) ?? '—'} (${clean[kind].fp})` : '—',
    ]);
  }
  const w = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  return rows.map((r) => r.map((x, c) => String(x).padEnd(w[c])).join('  ')).join('\n');
}
