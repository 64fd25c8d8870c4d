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
