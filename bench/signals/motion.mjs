// The seeded motion model (SIGNALS.md §5.2): minimum-jerk mouse paths whose duration follows
// Fitts' law, 0–2 corrective sub-movements, end points drawn from a 2-D normal with
// SD = W / 4.133 per axis, a verification pause and a press duration; touch offsets are a
// per-user systematic bias plus noise.

/** A seeded PRNG in [0, 1) (mulberry32). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit seed from any string (FNV-1a). */
export function seedOf(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A standard normal draw (Box–Muller). */
export const gauss = (r) => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());

/** Uniform in [lo, hi). */
export const between = (r, lo, hi) => lo + (hi - lo) * r();

/** Fitts' law movement time a + b·log2(D/W + 1) with a = 100 ms, b = 150 ms/bit, ±15 % jitter. */
export const fittsMs = (r, distance, width) =>
  (100 + 150 * Math.log2(distance / Math.max(width, 1) + 1)) * between(r, 0.85, 1.15);

/** Position along a minimum-jerk profile at normalised time τ ∈ [0, 1]. */
const minJerk = (tau) => 10 * tau ** 3 - 15 * tau ** 4 + 6 * tau ** 5;

/**
 * The points of one sub-movement from `a` to `b` lasting `ms`, sampled every ~16 ms, with a
 * slight seeded curvature perpendicular to the path (hands do not move in straight lines).
 */
export function segment(r, a, b, ms) {
  const steps = Math.max(2, Math.round(ms / 16));
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy) || 1;
  const bend = gauss(r) * 0.06 * len;
  const out = [];
  for (let i = 1; i <= steps; i++) {
    const tau = i / steps;
    const s = minJerk(tau);
    const off = bend * Math.sin(Math.PI * tau);
    out.push({ x: a.x + dx * s - (dy / len) * off, y: a.y + dy * s + (dx / len) * off });
  }
  return { points: out, stepMs: ms / steps };
}

/**
 * The sub-movements of one aimed movement: a primary one that may undershoot (then 1–2
 * corrective ones), ending at `end`.
 */
export function plan(r, from, end, width) {
  const distance = Math.hypot(end.x - from.x, end.y - from.y);
  const total = fittsMs(r, distance, width);
  const corrections = distance < 40 ? 0 : r() < 0.35 ? 1 : r() < 0.1 ? 2 : 0;
  const waypoints = [];
  for (let k = corrections; k > 0; k--) {
    const f = 1 - between(r, 0.04, 0.1) * k;
    waypoints.push({
      x: from.x + (end.x - from.x) * f + gauss(r) * 3,
      y: from.y + (end.y - from.y) * f + gauss(r) * 3,
    });
  }
  waypoints.push(end);
  const shares =
    waypoints.length === 1 ? [1] : waypoints.length === 2 ? [0.75, 0.25] : [0.7, 0.18, 0.12];
  let at = from;
  return waypoints.map((w, i) => {
    const s = segment(r, at, w, total * shares[i]);
    at = w;
    return s;
  });
}

/**
 * An end point aimed at the centre of `box` (+ `offset`), drawn with SD = W/4.133 per axis.
 * `inside`: redraw (up to 50 times, then clamp) until it falls at least 1 px inside the box,
 * for labelled activations whose target must be the element the label names.
 */
export function endPoint(
  r,
  box,
  { offset = { x: 0, y: 0 }, bias = { x: 0, y: 0 }, inside = true } = {},
) {
  const cx = box.x + box.width / 2 + offset.x + bias.x;
  const cy = box.y + box.height / 2 + offset.y + bias.y;
  const inBox = (p) =>
    p.x >= box.x + 1 &&
    p.x <= box.x + box.width - 1 &&
    p.y >= box.y + 1 &&
    p.y <= box.y + box.height - 1;
  for (let i = 0; i < 50; i++) {
    const p = { x: cx + gauss(r) * (box.width / 4.133), y: cy + gauss(r) * (box.height / 4.133) };
    if (!inside || inBox(p)) return p;
  }
  return {
    x: Math.min(Math.max(cx, box.x + 1), box.x + box.width - 1),
    y: Math.min(Math.max(cy, box.y + 1), box.y + box.height - 1),
  };
}
