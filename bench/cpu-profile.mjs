// Reading a CDP CPU profile (Profiler.stop): shared by the profile tools. A tool, not a test.

/**
 * The profile's time per node and its tree, and each sampled node's frame: a native call (no
 * URL) counts for the nearest script frame that made it, with `via` naming the native call
 * (`getBoundingClientRect ← `).
 */
export function readProfile(profile) {
  const dt = new Map();
  profile.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const parent = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const sampled = [];
  for (const n of profile.nodes) {
    const us = dt.get(n.id) ?? 0;
    if (!us) continue;
    let f = n.callFrame;
    let via = '';
    for (let p = n.id; !f.url && parent.has(p);) {
      p = parent.get(p);
      const up = byId.get(p).callFrame;
      if (up.url) {
        via = `${f.functionName || '(native)'} ← `;
        f = up;
      }
    }
    sampled.push({ node: n, us, frame: f, via });
  }
  return { dt, parent, byId, sampled };
}
