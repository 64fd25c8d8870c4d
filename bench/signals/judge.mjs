// Matching detections to labels (SIGNALS.md §5.3). Each labelled activation is tied to the
// SDK's `click` event by order, target testid and time; a `frustration` event is tied to an
// activation through its `clickSeq`, or (for verdicts without a click event, such as a press on
// a disabled button) through its target testid and time. A `misclick` counts from confidence
// 0.65 (as the report does); its `kind` (near_miss, wrong_control, accidental_activation) is
// `sub`, and a label or forbid entry can name it: `{ type: 'misclick', kind: 'near_miss' }`,
// `forbid: ['misclick:near_miss']`.

export const KINDS = ['rage_click', 'dead_click', 'slow_click', 'blocked_click', 'error_click'];

/** The misclick confidence the report counts. */
export const MISCLICK_MIN = 0.65;

const testidOf = (target) => target?.testid ?? null;
const CLICK_SLACK_MS = 800;

/** Map click-event seq → activation index. */
export function linkClicks(actions, events) {
  const clicks = events.filter((e) => e.type === 'click');
  const used = new Set();
  const bySeq = new Map();
  for (const a of actions) {
    const c = clicks.find(
      (e) =>
        !used.has(e.seq) &&
        Math.abs(e.ts - a.t) <= CLICK_SLACK_MS &&
        (a.target === '(background)' || testidOf(e.props?.target) === a.target),
    );
    if (!c) continue;
    used.add(c.seq);
    bySeq.set(c.seq, a.i);
  }
  // Second pass: a press on a disabled control is clicked on its ancestor, so its click event
  // names another element; take the unused click nearest in time.
  const linked = new Set(bySeq.values());
  for (const a of actions) {
    if (linked.has(a.i)) continue;
    const near = clicks
      .filter((e) => !used.has(e.seq) && Math.abs(e.ts - a.t) <= 300)
      .sort((x, y) => Math.abs(x.ts - a.t) - Math.abs(y.ts - a.t))[0];
    if (!near) continue;
    used.add(near.seq);
    bySeq.set(near.seq, a.i);
  }
  return bySeq;
}

/** The detections of a run: `{ kind, anchor (activation index or null), props, ts }`. */
export function detections(run) {
  const bySeq = linkClicks(run.actions, run.events);
  return run.events
    .filter(
      (e) =>
        e.type === 'frustration' ||
        (e.type === 'misclick' && (e.props?.confidence ?? 0) >= MISCLICK_MIN),
    )
    .map((e) => {
      const kind = e.type === 'misclick' ? 'misclick' : e.props?.kind;
      const sub = e.type === 'misclick' ? e.props?.kind : undefined;
      let anchor = bySeq.get(e.props?.clickSeq) ?? null;
      if (anchor === null) {
        const id = testidOf(e.props?.target);
        const before = run.actions.filter((a) => a.target === id && a.t <= e.ts + 50);
        anchor = before.length ? before[before.length - 1].i : null;
      }
      return { kind, sub, anchor, props: e.props, ts: e.ts };
    });
}

const anchorsOf = (x) => (x === 'any' || x === undefined ? null : Array.isArray(x) ? x : [x]);
const typesOf = (x) => (Array.isArray(x) ? x : [x]);
const evidenceMatches = (d, want = {}, pattern) =>
  (!pattern || d.props?.pattern === pattern) &&
  Object.entries(want).every(([k, v]) => (d.props?.evidence ?? d.props ?? {})[k] === v);
/** Whether detection `d` is of forbid entry `f` (`kind` or `misclick:<kind>`). */
const isOf = (d, f) => f === d.kind || (d.sub !== undefined && f === `${d.kind}:${d.sub}`);

/**
 * Judges a run against its scenario's `expect` / `forbid`: returns `{ tp, fn, fp, other,
 * mismatches }` where tp/fn are per expectation (with the kind credited), fp the unmatched
 * detections of forbidden kinds, `mismatches` the matched ones whose evidence differs.
 */
export function judge(sc, run) {
  const dets = detections(run);
  const taken = new Set();
  const tp = [];
  const fn = [];
  const mismatches = [];
  const covered = []; // [kind, anchors] of matched labels: their duplicates are ignored
  for (const ex of sc.expect ?? []) {
    const types = typesOf(ex.type);
    const anchors = anchorsOf(ex.anchor);
    const fits = (d) =>
      types.includes(d.kind) &&
      (!ex.kind || d.sub === ex.kind) &&
      (!anchors || anchors.includes(d.anchor));
    const cands = dets.filter((d, k) => !taken.has(k) && fits(d));
    const best = cands.find((d) => evidenceMatches(d, ex.evidence, ex.pattern)) ?? cands[0];
    if (!best) {
      fn.push({ kind: types[0], label: ex });
      continue;
    }
    taken.add(dets.indexOf(best));
    tp.push({ kind: best.kind, label: ex, det: best });
    if (!evidenceMatches(best, ex.evidence, ex.pattern))
      mismatches.push({ label: ex, got: best.props });
    covered.push(fits);
  }
  const fp = [];
  const other = [];
  dets.forEach((d, k) => {
    if (taken.has(k) || covered.some((f) => f(d))) return;
    if ((sc.forbid ?? []).some((f) => isOf(d, f)) || sc.clean) fp.push(d);
    else other.push(d);
  });
  return { tp, fn, fp, other, mismatches };
}
