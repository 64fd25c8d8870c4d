/** Counts and reports internal errors; one report per kind (STYLE.md 18, rrweb error-handler). */
export interface Guard {
  /** Wraps a callback of at most one argument so that nothing it throws reaches the host page. */
  wrap<A extends [unknown?], R>(kind: string, fn: (...args: A) => R): (...args: A) => R | undefined;
  /** Runs `fn` now under the guard. */
  run<R>(kind: string, fn: () => R): R | undefined;
  /** Logs once per kind when debug is on. */
  warn(kind: string, message: string, detail?: unknown): void;
  /** Errors caught so far, by kind. */
  readonly errors: Map<string, number>;
}

/**
 * @param debug - log to the console when true
 * @param onFirstError - called once per kind, on its first error (the tracker turns it into an `sdk_error` event)
 */
export function createGuard(
  debug: () => boolean,
  onFirstError: (kind: string, error: unknown) => void = () => {},
): Guard {
  const errors = new Map<string, number>();
  const warned = new Set<string>();
  const warn = (kind: string, message: string, detail?: unknown) => {
    if (!debug() || warned.has(kind)) return;
    warned.add(kind);
    try {
      console.warn(`[parcours] ${message}`, detail ?? '');
    } catch {}
  };
  const fail = (kind: string, error: unknown) => {
    const n = (errors.get(kind) ?? 0) + 1;
    errors.set(kind, n);
    warn(`error:${kind}`, `internal error in ${kind} (reported once)`, error);
    if (n === 1) {
      try {
        onFirstError(kind, error);
      } catch {}
    }
  };
  const run = <R>(kind: string, fn: () => R): R | undefined => {
    try {
      const r = fn();
      if (r instanceof Promise) {
        return r.catch((e: unknown) => {
          fail(kind, e);
          return undefined;
        }) as R;
      }
      return r;
    } catch (e) {
      fail(kind, e);
      return undefined;
    }
  };
  return {
    errors,
    warn,
    run,
    // Not `run(kind, () => fn(...args))`: no closure per call, on the page's every event. One
    // argument passed on, not `...args`: no array per call either (the type allows no more).
    wrap: <A extends [unknown?], R>(kind: string, fn: (...args: A) => R) =>
      ((a: A[0]) => {
        try {
          const r = (fn as unknown as (a: A[0]) => R)(a);
          return r instanceof Promise
            ? (r.catch((e: unknown) => void fail(kind, e)) as typeof r)
            : r;
        } catch (e) {
          fail(kind, e);
          return undefined;
        }
      }) as unknown as (...args: A) => R | undefined,
  };
}
