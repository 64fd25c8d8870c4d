/**
 * Runs `fn` when the main thread is idle, at the latest after `timeoutMs` (a busy page still
 * gets its audit); `setTimeout` where `requestIdleCallback` is missing (Safari). Returns a
 * cancel function. Plugin work never runs on the click path.
 */
export function whenIdle(fn: () => void, timeoutMs = 2000, delayMs = 0): () => void {
  let idle: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined = setTimeout(() => {
    timer = undefined;
    if (typeof requestIdleCallback === 'function') {
      idle = requestIdleCallback(() => ((idle = undefined), fn()), { timeout: timeoutMs });
    } else timer = setTimeout(fn, 1);
  }, delayMs);
  return () => {
    if (timer !== undefined) clearTimeout(timer);
    if (idle !== undefined) cancelIdleCallback(idle);
    timer = idle = undefined;
  };
}

/** Work per idle period of {@link whenIdleSteps}: far below the 50 ms of a long task. */
export const SLICE_MS = 8;

/**
 * Runs `steps` (a generator that pauses between small pieces of work) over as many idle periods
 * as it needs, at most {@link SLICE_MS} of work each, then calls `done` with what it returns. A
 * large page's scan then never makes a long task. Returns a cancel function.
 */
export function whenIdleSteps<R>(
  steps: Generator<void, R, void>,
  done: (r: R) => void,
  timeoutMs = 2000,
  delayMs = 0,
): () => void {
  const slice = () => {
    const end = performance.now() + SLICE_MS;
    for (;;) {
      const r = steps.next();
      if (r.done) return done(r.value);
      if (performance.now() >= end) break;
    }
    cancel = whenIdle(slice, timeoutMs);
  };
  let cancel = whenIdle(slice, timeoutMs, delayMs);
  return () => cancel();
}
