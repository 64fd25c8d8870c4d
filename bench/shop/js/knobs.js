// Every component knob comes from the query string, so one page serves many scenarios.
// A component named `add` reads `add=ok|broken|slow|throws`, `add.delay`, `add.status`, falling
// back to the page-wide `delay`, `status` and `feedback`.

const q = new URLSearchParams(location.search);

/** The raw query value, or `fallback`. */
export const knob = (name, fallback = '') => q.get(name) ?? fallback;

/** A numeric knob. */
export const num = (name, fallback) => {
  const v = Number(q.get(name));
  return q.has(name) && Number.isFinite(v) ? v : fallback;
};

export const theme = knob('theme') === 'b' ? 'b' : 'a';

/** `ok` | `broken` | `slow` | `throws` for component `name`. */
export const mode = (name) => knob(name, 'ok');

/** The server latency of component `name`'s request (ms). */
export const delayOf = (name) =>
  num(`${name}.delay`, num('delay', mode(name) === 'slow' ? 4000 : 0));

/** The HTTP status component `name`'s request answers. */
export const statusOf = (name) => num(`${name}.status`, num('status', 200));

/** Whether component `name` shows a loading state while its request is pending. */
export const feedbackOf = (name) => knob(`${name}.feedback`, knob('feedback', 'on')) !== 'off';

// Knobs that follow the visitor from page to page (a walk keeps its theme and its faults).
const STICKY = ['theme', 'sdk', 'size', 'gap', 'ticker', 'autoplay', 'icons', 'foot'];

/** A same-site link to `path` carrying the sticky knobs plus `extra`. */
export function link(path, extra = {}) {
  const p = new URLSearchParams();
  for (const k of STICKY) if (q.has(k)) p.set(k, q.get(k));
  for (const [k, v] of Object.entries(extra)) p.set(k, String(v));
  const s = p.toString();
  return s ? `${path}?${s}` : path;
}
