import type { CaptureContext } from '../core/capture-context.js';
import type { Stop } from '../core/stop.js';

/** At most this many `error` events per page view; the rest are counted as throttled. */
export const MAX_ERRORS_PER_PAGE = 25;

/**
 * Uncaught errors and unhandled rejections, as `error` events. The listeners only observe:
 * nothing is prevented or swallowed, the page's own handlers and the console see it all.
 */
export function startErrors(ctx: CaptureContext): Stop {
  let count = 0;
  let lastPath = location.pathname;
  const record = (props: {
    message: string;
    kind: string;
    source?: string;
    line?: number;
    column?: number;
    stack?: string;
  }) => {
    if (location.pathname !== lastPath) {
      lastPath = location.pathname;
      count = 0;
    }
    if (++count > MAX_ERRORS_PER_PAGE) return ctx.count('throttled');
    ctx.emit('error', {
      message: props.message.slice(0, 500),
      kind: props.kind,
      source: props.source ? ctx.url(props.source) : null,
      line: props.line ?? null,
      column: props.column ?? null,
      stack: props.stack ? props.stack.slice(0, 2000) : null,
    });
  };
  const stopError = ctx.listen(window, 'error', (ev) => {
    const e = ev as ErrorEvent;
    if (!(e instanceof ErrorEvent)) return; // resource load errors are not script errors
    record({
      message: e.message || String(e.error),
      kind: 'error',
      source: e.filename,
      line: e.lineno,
      column: e.colno,
      stack: e.error instanceof Error ? e.error.stack : undefined,
    });
  });
  const stopRejection = ctx.listen(window, 'unhandledrejection', (ev) => {
    const reason: unknown = (ev as PromiseRejectionEvent).reason;
    record({
      message: reason instanceof Error ? reason.message : safeString(reason),
      kind: 'rejection',
      stack: reason instanceof Error ? reason.stack : undefined,
    });
  });
  return () => {
    stopError();
    stopRejection();
  };
}

function safeString(v: unknown): string {
  try {
    return typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
  } catch {
    return Object.prototype.toString.call(v);
  }
}
